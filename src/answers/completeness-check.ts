// Incompleteness as errors, for CI and regulators' intake: every blank in-scope control, located in the file.
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Completeness } from "../engine/completeness.js";
import type { ControlResult } from "../model/result.js";
import { locate, type SourceFile } from "../source/source-file.js";

/**
 * One error per blank in-scope control when the file is less complete than `minPercent` (0–100); none otherwise.
 */
export function requireCompleteness(
  file: SourceFile,
  results: readonly ControlResult[],
  completeness: Completeness,
  minPercent: number,
): Diagnostic[] {
  if (completeness.percent >= minPercent) return [];
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
        message: `Control \`${id}\` (${severity}) is not answered: ${byId.get(id)?.title ?? id}`,
        path,
        expected: `at least ${minPercent}% of in-scope controls answered`,
        actual: `${completeness.percent}% (${completeness.answered} of ${completeness.in_scope})`,
        hint: "Answer it, or mark it `not_applicable` with a justification an auditor can check.",
      };
    }),
  );
}
