// How catalog checks report a problem at a path of a catalog file.

import type { DiagnosticSeverity } from "../diagnostics/diagnostic.js";
import { didYouMean } from "../diagnostics/suggest.js";
import type { DiagnosticCode } from "../model/diagnostic-codes.js";
import type { SourceFile } from "../source/source-file.js";

/** Reports a problem at a path of a catalog file. */
export type Reporter = (
  file: SourceFile | undefined,
  path: (string | number)[],
  code: DiagnosticCode,
  message: string,
  hint?: string,
  severity?: DiagnosticSeverity,
) => void;

/** Reports an unknown id with a "did you mean". */
export function unknownRef(
  report: Reporter,
  file: SourceFile | undefined,
  path: (string | number)[],
  kind: string,
  id: string,
  known: Iterable<string>,
) {
  report(file, path, "catalog/unknown-reference", `Unknown ${kind} \`${id}\``, didYouMean(id, known));
}
