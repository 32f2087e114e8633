// Not-applicable claims that could move a score by accident: one that contradicts the profile, and one whose
// justification is too thin for an auditor to accept.
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { questionsOf } from "../engine/compile.js";
import type { Answers } from "../model/answers.js";
import type { Catalog } from "../model/catalog.js";
import type { ControlResult } from "../model/result.js";
import { locate, type SourceFile } from "../source/source-file.js";

/** Fewest words a Latin-script justification needs; a CJK one needs `MIN_CJK_CHARACTERS` instead. */
export const MIN_JUSTIFICATION_WORDS = 8;
/** Fewest CJK characters (kanji, kana, hangul) a justification needs when it is written in such a script. */
export const MIN_CJK_CHARACTERS = 20;

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/gu;

/** True when a justification says enough to be checked: a sentence, not a label ("Moved to vendor."). */
export function hasSubstance(text: string): boolean {
  const cjk = text.match(CJK)?.length ?? 0;
  const words = text.replace(CJK, " ").trim().split(/\s+/).filter(Boolean).length;
  return words >= MIN_JUSTIFICATION_WORDS || cjk >= MIN_CJK_CHARACTERS;
}

/** Errors and warnings about the controls the answers themselves declare not applicable. */
export function checkNotApplicable(
  file: SourceFile,
  answers: Answers,
  catalog: Catalog,
  results: readonly ControlResult[],
): Diagnostic[] {
  const controls = new Map(catalog.controls.map((c) => [c.id, c]));
  const out: Diagnostic[] = [];
  for (const result of results) {
    if (result.not_applicable_by !== "answer") continue;
    const id = result.control_id;
    const path = ["answers", id, "not_applicable", "justification"];
    const place = locate(file, path);
    const at = { file: file.path, start: place.start, end: place.end, path };
    const scoping = controls.get(id)?.applies_if;
    if (scoping) {
      const keys = questionsOf(scoping);
      // Own keys only: a scoping question named `constructor` must not find Object.prototype's.
      const value = (k: string) => (Object.hasOwn(answers.profile, k) ? answers.profile[k] : undefined);
      const blank = keys.filter((k) => value(k) === undefined || value(k) === null);
      const shown = keys.map((k) => `\`${k}: ${JSON.stringify(value(k) ?? null)}\``).join(", ");
      out.push({
        ...at,
        // A blank scoping answer puts the control in scope (the replay treats it so too), so it contradicts as well.
        severity: "error",
        code: "answers/na-contradicts-profile",
        message:
          blank.length > 0
            ? `Control \`${id}\` is declared not applicable, but its scope is the profile's to decide and ${blank.map((k) => `\`${k}\``).join(", ")} is blank, which puts it in scope`
            : `Control \`${id}\` is declared not applicable, but the profile puts it in scope (${shown})`,
        hint:
          blank.length > 0
            ? "Answer the scoping question: if it takes the control out of scope, the N/A is not needed; otherwise answer the control."
            : "Scope this control through the profile: correct the scoping answer if it is wrong, or answer the control.",
      });
    }
    const justification = result.not_applicable_justification ?? "";
    if (!hasSubstance(justification))
      out.push({
        ...at,
        severity: "error",
        code: "answers/thin-justification",
        message: `The justification for declaring \`${id}\` (${result.severity}) not applicable is too thin to check: "${justification}"`,
        expected: `at least ${MIN_JUSTIFICATION_WORDS} words (or ${MIN_CJK_CHARACTERS} characters in Japanese)`,
        actual: justification,
        hint: "Say why the control cannot apply and what an auditor can look at to confirm it (a contract, an architecture record).",
      });
  }
  return out;
}
