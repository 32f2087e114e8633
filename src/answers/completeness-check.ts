// Completeness as diagnostics: a warning on an incomplete file, and, below the required share (CI, regulators'
// intake), an error for every in-scope control without a valid answer, located in the file.
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Completeness } from "../engine/completeness.js";
import type { ControlResult } from "../model/result.js";
import { locate, type SourceFile } from "../source/source-file.js";

/** Control ids that an error of this file points into: unanswered in the results because their answer is in error. */
function controlsInError(diagnostics: readonly Diagnostic[]): Set<string> {
  return new Set(
    diagnostics.flatMap((d) =>
      d.severity === "error" && d.path?.[0] === "answers" && typeof d.path[1] === "string" ? [d.path[1]] : [],
    ),
  );
}

/**
 * One error per in-scope control without a valid answer when the file is less complete than `minPercent`
 * (0–100); otherwise one warning when it is incomplete at all; nothing for a complete file.
 */
export function checkCompleteness(
  file: SourceFile,
  results: readonly ControlResult[],
  completeness: Completeness,
  diagnostics: readonly Diagnostic[],
  minPercent: number,
): Diagnostic[] {
  if (completeness.percent === 100) return [];
  const inError = controlsInError(diagnostics);
  if (completeness.percent >= minPercent) return [incompleteFile(file, completeness, inError)];
  const byId = new Map(results.map((r) => [r.control_id, r]));
  return completeness.blank.flatMap(({ severity, controls }) =>
    controls.map((id): Diagnostic => {
      const path = ["answers", id];
      const place = locate(file, path);
      return {
        file: file.path,
        start: place.start,
        end: place.end,
        severity: "error",
        code: "answers/unanswered-control",
        message: `Control \`${id}\` (${severity}) ${inError.has(id) ? "has no valid answer (see its error)" : "is not answered"}: ${byId.get(id)?.title ?? id}`,
        path,
        expected: `at least ${minPercent}% of in-scope controls answered`,
        actual: `${completeness.percent}% (${completeness.answered} of ${completeness.in_scope})`,
        hint: "Answer it, or mark it `not_applicable` with a justification an auditor can check.",
      };
    }),
  );
}

function incompleteFile(file: SourceFile, c: Completeness, inError: ReadonlySet<string>): Diagnostic {
  const path = ["answers"];
  const place = locate(file, path);
  const missing = c.in_scope - c.answered;
  const errors = c.blank.flatMap((b) => b.controls).filter((id) => inError.has(id)).length;
  return {
    file: file.path,
    start: place.start,
    end: place.end,
    severity: "warning",
    code: "answers/incomplete-file",
    message: `Only ${c.answered} of ${c.in_scope} in-scope controls are answered (${c.percent}%): ${missing} ${missing === 1 ? "counts" : "count"} as not answered${errors > 0 ? `, ${errors} of them because ${errors === 1 ? "its answer is" : "their answers are"} in error` : ""}`,
    path,
    expected: "every in-scope control answered",
    actual: `${c.percent}% (${c.answered} of ${c.in_scope})`,
    hint: "Unanswered controls score nothing and stop no attack in the replay. `--require-complete` or `--min-complete N` makes this an error.",
  };
}
