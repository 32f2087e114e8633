// Version tolerance: the errors that a submission made against another catalog version explains, as warnings.

import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { VersionGap } from "../model/version-gap.js";

const VERSION_CODES = new Set<string>(["answers/catalog-version"]);
const ANSWER_CODES = new Set<string>([
  "answers/unknown-control",
  "answers/unknown-question",
  "answers/invalid-answer",
  "answers/invalid-choice",
  "answers/conflicting",
]);

/**
 * Downgrades to warnings the errors a version difference explains: the version mismatch itself (the comparison
 * handles it), answers to controls the catalog removed or the newer version added, and answers to controls that
 * changed (they are left out of the comparison anyway).
 */
export function relaxForVersion(diagnostics: readonly Diagnostic[], gap: VersionGap): Diagnostic[] {
  return diagnostics.map((d) => {
    if (d.severity !== "error") return d;
    if (VERSION_CODES.has(d.code)) return { ...d, severity: "warning" };
    const control = d.path?.[0] === "answers" ? String(d.path[1]) : undefined;
    if (control === undefined || !ANSWER_CODES.has(d.code)) return d;
    const explained =
      gap.removed.has(control) ||
      gap.missing.has(control) ||
      (gap.newer && d.code === "answers/unknown-control");
    return explained ? { ...d, severity: "warning" } : d;
  });
}
