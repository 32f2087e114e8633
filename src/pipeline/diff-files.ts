// The diff pipeline: load the catalog, assess both submissions, and diff them.

import { DEFAULT_CATALOG_DIR } from "../catalog/default-catalog.js";
import { loadCatalog } from "../catalog/load-catalog.js";
import { diffSubmissions } from "../compare/diff.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Catalog } from "../model/catalog.js";
import type { Diff } from "../model/diff.js";
import { createAssessor } from "./assess-submission.js";

/** Options of `diffFiles`. */
export interface DiffFilesOptions {
  readonly oldPath: string;
  readonly newPath: string;
  readonly catalogDir?: string;
  /** Evaluate both as of this date; default: each one's assessment date. */
  readonly asOf?: string;
  readonly maxBytes?: number;
}

/** A diff, or the diagnostics that prevented it. */
export type DiffFilesResult =
  | {
      readonly ok: true;
      readonly diff: Diff;
      readonly catalog: Catalog;
      readonly diagnostics: Diagnostic[];
      /** The third parties' own answers files both submissions read (absolute paths). */
      readonly readFiles: string[];
    }
  | { readonly ok: false; readonly diagnostics: Diagnostic[] };

/** Diffs two submissions of one organization. Never throws on bad user data. */
export async function diffFiles(options: DiffFilesOptions): Promise<DiffFilesResult> {
  const loaded = await loadCatalog(options.catalogDir ?? DEFAULT_CATALOG_DIR);
  if (!loaded.catalog) return { ok: false, diagnostics: loaded.diagnostics };
  const assessor = createAssessor(loaded.catalog, { asOf: options.asOf, maxBytes: options.maxBytes });
  const before = await assessor.readAny(options.oldPath);
  const after = await assessor.readAny(options.newPath);
  if (!before.valid || !after.valid) {
    return {
      ok: false,
      diagnostics: [
        ...loaded.diagnostics,
        ...(before.valid ? [] : before.diagnostics),
        ...(after.valid ? [] : after.diagnostics),
      ],
    };
  }
  const reversed: Diagnostic[] =
    before.assessmentDate > after.assessmentDate
      ? [
          {
            file: options.newPath,
            start: { line: 1, column: 1 },
            severity: "warning",
            code: "answers/diff-reversed",
            message: `The "old" submission (assessed ${before.assessmentDate}) is newer than the "new" one (assessed ${after.assessmentDate}): every change reads backwards`,
            hint: "Give the earlier assessment first: `diff OLDER.yaml NEWER.yaml`.",
          },
        ]
      : [];
  return {
    ok: true,
    diff: diffSubmissions(loaded.catalog, before, after, { asOf: options.asOf }),
    catalog: loaded.catalog,
    diagnostics: [...loaded.diagnostics, ...reversed],
    readFiles: [...new Set([...before.partyFiles, ...after.partyFiles])].sort(),
  };
}
