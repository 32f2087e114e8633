// Checks an answers file against the catalog: ids, questions, choices and types, each problem placed in the file.

import { appendAll, type Diagnostic, type DiagnosticSeverity, show } from "../diagnostics/diagnostic.js";
import { didYouMean } from "../diagnostics/suggest.js";
import { compileControlCached } from "../engine/compile.js";
import { missingImplied } from "../engine/implied.js";
import type { Catalog } from "../model/catalog.js";
import type { Control } from "../model/control.js";
import type { DiagnosticCode } from "../model/diagnostic-codes.js";
import type { Question } from "../model/question.js";
import { locate, type SourceFile } from "../source/source-file.js";
import { explainCatalogVersion } from "./catalog-version.js";
import { checkValue } from "./check-value.js";

type Emit = (
  path: (string | number)[],
  code: DiagnosticCode,
  message: string,
  extra?: { hint?: string; expected?: string; actual?: string; severity?: DiagnosticSeverity; key?: boolean },
) => void;

/** The answer at `key` when `record` has it as its own key: a question named `constructor` must not find Object's. */
const ownValue = (record: Record<string, unknown>, key: string): unknown =>
  Object.hasOwn(record, key) ? record[key] : undefined;

/** True for a mapping (not null, not a list). */
export const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/** Checks the parts of an answers file that depend on the catalog. Works on raw data so it runs even when the structure has errors. */
export function checkAnswers(file: SourceFile, catalog: Catalog): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const emit = emitter(file, diagnostics);
  const data = isRecord(file.data) ? file.data : {};
  appendAll(diagnostics, explainCatalogVersion(file, data.catalog, catalog));
  checkResponses(data.profile, catalog.profile, ["profile"], emit, "answers/unknown-profile-key");
  if (isRecord(data.profile) || data.profile === undefined)
    checkProfileAnswered(isRecord(data.profile) ? data.profile : {}, catalog.profile, emit);
  const controls = new Map(catalog.controls.map((c) => [c.id, c]));
  checkReviewedControls(data.review, controls, emit);
  if (!isRecord(data.answers)) return diagnostics;
  let unknown = 0;
  for (const [controlId, answer] of Object.entries(data.answers)) {
    const control = controls.get(controlId);
    if (!control) {
      // Past the number a file's list can show, unknown ids are counted, not placed or matched against the catalog:
      // half a million of them would otherwise cost a minute of suggestions and gigabytes of diagnostics.
      if (++unknown > MAX_UNKNOWN_LISTED) continue;
      // show() shortens: a key may be a megabyte long, and the message must not repeat it whole.
      emit(["answers", controlId], "answers/unknown-control", `Unknown control ${show(controlId)}`, {
        key: true,
        hint:
          didYouMean(controlId, controls.keys()) ?? "Run `npx vaspcheck catalog list` for the control ids.",
      });
      continue;
    }
    if (!isRecord(answer)) continue;
    checkControlAnswer(controlId, answer, control, catalog, emit);
    checkImplied(controlId, answer, control, isRecord(data.profile) ? data.profile : {}, emit);
  }
  if (unknown > MAX_UNKNOWN_LISTED) unlistedUnknown(file, diagnostics, unknown - MAX_UNKNOWN_LISTED);
  return diagnostics;
}

/** Unknown control ids listed one by one; the rest are counted in one notice. */
export const MAX_UNKNOWN_LISTED = 1000;

/** The notice standing for the unknown control ids not listed: it counts them, as a capped list's notice does. */
function unlistedUnknown(file: SourceFile, diagnostics: Diagnostic[], count: number): void {
  const place = locate(file, ["answers"], { key: true });
  diagnostics.push({
    file: file.path,
    ...place,
    severity: "error",
    code: "input/too-many-problems",
    message: `${count.toLocaleString("en-US")} more unknown control ids under \`answers\` are not listed (${MAX_UNKNOWN_LISTED.toLocaleString("en-US")} are)`,
    hint: "Check that this is an answers file for this catalog; `npx vaspcheck catalog list` shows the control ids.",
    path: ["answers"],
    omitted: { errors: count, warnings: 0 },
  });
}

/** Every control the assessor's layer names exists in the catalog. */
function checkReviewedControls(review: unknown, controls: ReadonlyMap<string, Control>, emit: Emit): void {
  const reviewed = isRecord(review) && isRecord(review.controls) ? review.controls : {};
  for (const id of Object.keys(reviewed)) {
    if (controls.has(id)) continue;
    emit(["review", "controls", id], "answers/unknown-control", `Unknown control ${show(id)} in the review`, {
      key: true,
      hint: didYouMean(id, controls.keys()) ?? "Run `npx vaspcheck catalog list` for the control ids.",
    });
  }
}

/** An `Emit` that places each diagnostic in the file and adds it to `diagnostics`. */
function emitter(file: SourceFile, diagnostics: Diagnostic[]): Emit {
  return (path, code, message, extra = {}) => {
    const place = locate(file, path, { key: extra.key });
    diagnostics.push({
      file: file.path,
      start: place.start,
      end: place.end,
      severity: extra.severity ?? "error",
      code,
      message,
      path,
      expected: extra.expected,
      actual: extra.actual,
      hint: extra.hint,
    });
  };
}

/** Warns about every scoping question left blank or left out. */
function checkProfileAnswered(
  profile: Record<string, unknown>,
  questions: readonly Question[],
  emit: Emit,
): void {
  for (const question of questions) {
    const value = ownValue(profile, question.id);
    if (value === undefined || value === null) {
      // A key left blank is shown where it is; one left out where the sheet asks it, else at the profile it belongs to.
      const blank = Object.hasOwn(profile, question.id);
      emit(
        ["profile", question.id],
        "answers/missing-profile",
        `Scoping question \`${question.id}\` is not answered`,
        {
          severity: "warning",
          key: blank,
          hint: `${question.text} Controls that depend on it are treated as applicable.`,
        },
      );
    }
  }
}

/** Checks one control's answer: its responses, a conflicting `not_applicable`, and rule questions left blank. */
function checkControlAnswer(
  controlId: string,
  answer: Record<string, unknown>,
  control: Control,
  catalog: Catalog,
  emit: Emit,
): void {
  const base = ["answers", controlId];
  checkResponses(
    answer.responses,
    control.questions,
    [...base, "responses"],
    emit,
    "answers/unknown-question",
  );
  const responses = isRecord(answer.responses) ? answer.responses : {};
  const given = Object.keys(responses).filter((k) => responses[k] !== null);
  if (answer.not_applicable !== undefined && given.length > 0) {
    emit(
      [...base, "not_applicable"],
      "answers/conflicting",
      `Control \`${controlId}\` is marked not applicable but also answered`,
      {
        hint: "Remove either `not_applicable` or the responses.",
      },
    );
  }
  const { ruleQuestions } = compileControlCached(control, catalog.profile);
  const blank = ruleQuestions.filter(
    (q) => ownValue(responses, q) === undefined || ownValue(responses, q) === null,
  );
  if (given.length > 0 && blank.length > 0 && answer.not_applicable === undefined) {
    emit(
      [...base, "responses"],
      "answers/incomplete",
      `Control \`${controlId}\` leaves ${blank.map((q) => `\`${q}\``).join(", ")} blank`,
      {
        severity: "warning",
        hint: "Blank questions count as failed checks.",
      },
    );
  }
}

/** Warns where the profile implies a choice the answer leaves out: the rule reads it as selected all the same. */
function checkImplied(
  controlId: string,
  answer: Record<string, unknown>,
  control: Control,
  profile: Record<string, unknown>,
  emit: Emit,
): void {
  if (answer.not_applicable !== undefined || !isRecord(answer.responses)) return;
  const responses = answer.responses;
  if (Object.keys(responses).every((k) => responses[k] === null)) return;
  for (const missing of missingImplied(control, profile, responses)) {
    const at = Object.hasOwn(responses, missing.question)
      ? ["answers", controlId, "responses", missing.question]
      : ["answers", controlId, "responses"];
    emit(
      at,
      "answers/implied-choice",
      `\`${missing.question}\` of \`${controlId}\` leaves out \`${missing.value}\`, which your profile implies (\`${missing.profileQuestion}\` includes \`${missing.profileValue}\`)`,
      {
        severity: "warning",
        expected: `includes \`${missing.value}\``,
        hint: `The rule reads \`${missing.value}\` as selected; add it to the answer so the file says what is assessed.`,
      },
    );
  }
}

function checkResponses(
  responses: unknown,
  questions: readonly Question[],
  base: (string | number)[],
  emit: Emit,
  unknownCode: "answers/unknown-question" | "answers/unknown-profile-key",
) {
  if (!isRecord(responses)) return;
  const byId = new Map(questions.map((q) => [q.id, q]));
  for (const [id, value] of Object.entries(responses)) {
    const question = byId.get(id);
    if (!question) {
      emit([...base, id], unknownCode, `Unknown question ${show(id)}`, {
        key: true,
        hint:
          didYouMean(id, byId.keys()) ??
          `Expected one of ${[...byId.keys()].map((k) => `\`${k}\``).join(", ")}.`,
      });
      continue;
    }
    if (value === null || value === undefined) continue;
    const problem = checkValue(question, value);
    if (!problem) continue;
    const path = problem.index === undefined ? [...base, id] : [...base, id, problem.index];
    const actual =
      problem.actual ?? show(problem.index === undefined ? value : (value as unknown[])[problem.index]);
    emit(path, problem.code, `Unexpected ${actual} for \`${id}\`, expected ${problem.expected}`, {
      expected: problem.expected,
      actual,
      hint: problem.hint,
    });
  }
}
