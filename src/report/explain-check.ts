// Failed checks in the officer's words: one sentence per question saying what was answered, what the rule
// requires and what is missing, with choice labels, yes/no and units instead of the catalog's machine ids.
import { formatValue } from "../answers/check-value.js";
import { labelOf } from "../answers/question-types.js";
import type { Question } from "../model/question.js";
import type { Check } from "../model/result.js";

const quote = (text: string) => `“${text}”`;

function labels(question: Question | undefined, values: readonly unknown[]): string[] {
  return values.map((v) =>
    question && (question.type === "single_choice" || question.type === "multiple_choice")
      ? quote(labelOf(question, v))
      : String(v),
  );
}

function shown(question: Question | undefined, value: unknown): string {
  if (!question) return String(value);
  if (question.type === "single_choice" || question.type === "multiple_choice")
    return labels(question, [value])[0]!;
  return formatValue(question, value);
}

const either = (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
const both = (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;

function chosen(answer: unknown): readonly unknown[] {
  return Array.isArray(answer) ? answer : [];
}

/** What one leaf check requires, in the officer's words ("“Signed requests”", "at least 3 signers"). */
export function requirementOf(check: Check, question: Question | undefined): string {
  return withReason(check, requirement(check, question)).needs;
}

/** Adds the catalog's reason for a limit whose number alone would mislead. */
function withReason(
  check: Check,
  r: { needs: string; missing?: string },
): { needs: string; missing?: string } {
  return check.because === undefined ? r : { ...r, needs: `${r.needs} (${check.because})` };
}

/** What one leaf requires and, for a list question, which of its choices are missing. */
function requirement(
  check: Check,
  question: Question | undefined,
  /** Choices the officer is already told to add (by an `includes_all` of the same question). */
  toAdd = 0,
): { needs: string; missing?: string } {
  const value = check.value;
  const list = Array.isArray(value) ? value : [];
  switch (check.op) {
    case "equals":
      return { needs: shown(question, value) };
    case "not_equals":
      return { needs: `anything but ${shown(question, value)}` };
    case "one_of":
      return { needs: either(labels(question, list)) };
    case "includes":
      return { needs: `${shown(question, value)} selected`, missing: shown(question, value) };
    case "includes_all": {
      const absent = list.filter((v) => !chosen(check.answer).includes(v));
      return { needs: `all of ${both(labels(question, list))}`, missing: both(labels(question, absent)) };
    }
    case "includes_any":
      return { needs: `at least one of ${either(labels(question, list))}` };
    case "selected_at_least": {
      // Choices named as missing elsewhere count towards the total, so "N more" is only what is left after them.
      const more = Number(value) - chosen(check.answer).length - toAdd;
      return {
        needs: `at least ${String(value)} selected`,
        ...(more > 0 ? { missing: `${more} more` } : {}),
      };
    }
    case "at_least":
      return { needs: `at least ${shown(question, value)}` };
    case "at_most":
      return { needs: `at most ${shown(question, value)}` };
    case "within_days":
      // The engine's words already name the as-of date ("within 90 days before 2026-06-30").
      return { needs: `a date ${check.expected ?? `within ${String(value)} days`}` };
    default:
      return { needs: "an answer" };
  }
}

/** Choices read as selected because the profile implies them, by question id. */
export type ImpliedValues = ReadonlyMap<string, ReadonlySet<unknown>>;

/** The answer as the officer gave it; a choice the profile added is said to be the profile's. */
function answered(check: Check, question: Question | undefined, implied: ImpliedValues): string {
  if (!check.answered) return "Not answered";
  if (question?.type === "multiple_choice") {
    const added = implied.get(question.id);
    const all = chosen(check.answer);
    const own = labels(question, added ? all.filter((v) => !added.has(v)) : all);
    const fromProfile = labels(question, added ? all.filter((v) => added.has(v)) : []);
    const said = own.length === 0 ? "Nothing selected" : `Selected ${both(own)}`;
    return fromProfile.length === 0 ? said : `${said} (and ${both(fromProfile)}, which the profile implies)`;
  }
  return `Answered ${shown(question, check.answer)}`;
}

/**
 * The failed leaves whose failure decides the rule: a leaf under an `any` or `not` that passed does not, so it is
 * not reported as missing (an EU firm is not told it lacks the Japanese regime).
 */
function decidingFailures(checks: readonly Check[]): Check[] {
  const passedAt: boolean[] = [];
  const out: Check[] = [];
  for (const c of checks) {
    passedAt.length = c.depth;
    if (c.kind !== "leaf") {
      passedAt[c.depth] = c.passed;
      continue;
    }
    if (!c.passed && c.question !== undefined && !passedAt.some((p) => p)) out.push(c);
  }
  return out;
}

/**
 * One sentence per question for the failed leaf checks of a rule, in the order the questions first fail:
 * "Selected “A”; required: all of “A” and “B”, and at least 3 selected; missing: “B”, 1 more."
 */
export function explainFailedChecks(
  checks: readonly Check[],
  questions: ReadonlyMap<string, Question>,
  implied: ImpliedValues = new Map(),
): string[] {
  const byQuestion = new Map<string, Check[]>();
  for (const c of decidingFailures(checks)) {
    const id = c.question as string;
    byQuestion.set(id, [...(byQuestion.get(id) ?? []), c]);
  }
  return [...byQuestion].map(([id, failed]) => {
    const question = questions.get(id);
    const toAdd = failed
      .filter((c) => c.op === "includes_all")
      .flatMap((c) => (Array.isArray(c.value) ? c.value : []))
      .filter((v, i, all) => all.indexOf(v) === i && !chosen(failed[0]!.answer).includes(v)).length;
    const parts = failed.map((c) => withReason(c, requirement(c, question, toAdd)));
    const missing = parts.flatMap((p) => (p.missing && !p.missing.startsWith("0 ") ? [p.missing] : []));
    const subject = question?.text ?? id;
    return `${subject} ${answered(failed[0]!, question, implied)}; required: ${parts.map((p) => p.needs).join(", and ")}${
      missing.length > 0 && failed[0]!.answered ? `; missing: ${missing.join(", ")}` : ""
    }.`;
  });
}
