// The question-type registry: for each answer type, what it accepts in words, how a value is checked, how a
// spreadsheet cell becomes a value, how an answer is shown, and which operators can test it. A new answer type is
// one entry here (plus its schema member in model/question.ts); the mapped type makes the compiler demand every part.
import { didYouMean } from "../diagnostics/suggest.js";
import type { Operator } from "../model/condition.js";
import { isIsoDate } from "../model/dates.js";
import type { Question, QuestionType } from "../model/question.js";

/** Why a value does not fit a question, or undefined when it fits. */
export interface ValueProblem {
  readonly code: "answers/invalid-answer" | "answers/invalid-choice";
  readonly expected: string;
  readonly hint?: string;
  /** What was found, in words, when the value alone would mislead (`"true"` in quotes is text, not a boolean). */
  readonly actual?: string;
  /** Index inside a multiple-choice list, when one element is at fault. */
  readonly index?: number;
}

type Of<T extends QuestionType> = Extract<Question, { type: T }>;

/** Everything vaspcheck knows about one answer type. */
export interface QuestionTypeDef<T extends QuestionType> {
  /** The values it accepts, for messages and the answers template. */
  readonly describe: (question: Of<T>) => string;
  /** Checks a non-null value; `bad` words the usual problem with an optional hint and words for what was found. */
  readonly check: (
    question: Of<T>,
    value: unknown,
    bad: (hint?: string, actual?: string) => ValueProblem,
  ) => ValueProblem | undefined;
  /** A spreadsheet cell as the value; anything unrecognised stays text so validation can explain it. */
  readonly coerce: (cell: string) => unknown;
  /** A non-null answer in the words a report shows. */
  readonly format: (question: Of<T>, value: unknown) => string;
  /** The operators of a condition that can test it. */
  readonly operators: readonly Operator[];
  /**
   * The literal a condition may compare an answer of this type with, and its words for the catalog lint; absent
   * when another check owns it (choices are checked against the question's own, `within_days` takes days).
   */
  readonly literal?: { readonly test: (value: unknown) => boolean; readonly words: string };
}

const BOOLEAN_WORDS: Record<string, string> = {
  yes: "true",
  no: "false",
  y: "true",
  n: "false",
  on: "true",
  off: "false",
};
const shown = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const ORDERED: readonly Operator[] = ["equals", "not_equals", "at_least", "at_most", "answered"];
const NUMBER_LITERAL = { test: (value: unknown) => typeof value === "number", words: "a number" };
/** A number with its unit, singular for exactly one ("1 signer", "2 signers"; English units end in "s"). */
const quantity = (value: unknown, unit: string): string => {
  const n = Number(value);
  const singular = n === 1 && /[^s]s$/.test(unit) ? unit.slice(0, -1) : unit;
  return `${shown.format(n)} ${singular}`;
};
const asNumber = (cell: string): unknown => (/^-?\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell);
/** The label of a choice value, or the value itself when the question has no such choice. */
export const labelOf = (question: { choices: readonly { value: string; label: string }[] }, value: unknown) =>
  question.choices.find((c) => c.value === value)?.label ?? String(value);

function numberHint(value: unknown): string | undefined {
  if (typeof value === "string" && /^\s*-?[\d.,]+\s*%?\s*\w*$/.test(value)) {
    return "Write the bare number without quotes, units or a % sign.";
  }
  return undefined;
}

/** Text that would be a number or a boolean without its quotes, said as text: `"95"` alone would read as 95. */
const inQuotes = (value: string): string => `\`"${value}"\` (text, in quotes)`;

/** A value that is not a number: the hint, and the words "in quotes" when quotes are all that is wrong. */
const notANumber = (value: unknown, bad: (hint?: string, actual?: string) => ValueProblem): ValueProblem =>
  bad(
    numberHint(value),
    typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value) ? inQuotes(value) : undefined,
  );

const finite = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

/** Every answer type. */
export const QUESTION_TYPES: { readonly [T in QuestionType]: QuestionTypeDef<T> } = {
  boolean: {
    describe: () => "true or false",
    check: (_, value, bad) => {
      if (typeof value === "boolean") return undefined;
      if (typeof value === "string" && /^(true|false)$/i.test(value))
        return bad(
          `\`"${value}"\` is in quotes, so it is text: write ${value.toLowerCase()} without quotes.`,
          inQuotes(value),
        );
      const word = typeof value === "string" ? BOOLEAN_WORDS[value.toLowerCase()] : undefined;
      return bad(word ? `Did you mean \`${word}\`? YAML 1.2 reads \`${String(value)}\` as text.` : undefined);
    },
    coerce: (cell) =>
      /^(true|yes|y|1|はい)$/i.test(cell) ? true : /^(false|no|n|0|いいえ)$/i.test(cell) ? false : cell,
    format: (_, value) => (value === true ? "yes" : "no"),
    operators: ["equals", "not_equals", "answered"],
    literal: { test: (value) => typeof value === "boolean", words: "true or false" },
  },
  single_choice: {
    describe: (q) => `one of ${q.choices.map((c) => c.value).join(" | ")}`,
    check: (q, value, bad) => {
      const choices = q.choices.map((c) => c.value);
      if (typeof value !== "string") return bad();
      if (choices.includes(value)) return undefined;
      return { code: "answers/invalid-choice", expected: bad().expected, hint: didYouMean(value, choices) };
    },
    coerce: (cell) => cell,
    format: (q, value) => labelOf(q, value),
    operators: ["equals", "not_equals", "one_of", "answered"],
  },
  multiple_choice: {
    describe: (q) => `a list of ${q.choices.map((c) => c.value).join(" | ")}`,
    check: (q, value, bad) => {
      const choices = q.choices.map((c) => c.value);
      if (!Array.isArray(value)) return bad("Write a YAML list, e.g. `[a, b]`.");
      for (const [index, item] of value.entries()) {
        if (typeof item !== "string" || !choices.includes(item)) {
          return {
            code: "answers/invalid-choice",
            expected: bad().expected,
            index,
            hint: didYouMean(String(item), choices),
          };
        }
        if (value.indexOf(item) !== index)
          return { code: "answers/invalid-answer", expected: "each choice once", index };
      }
      return undefined;
    },
    coerce: (cell) =>
      cell
        .split(/[;,|\n]/)
        .map((v) => v.trim())
        .filter(Boolean),
    format: (q, value) =>
      Array.isArray(value) && value.length > 0 ? value.map((v) => labelOf(q, v)).join("; ") : "none selected",
    operators: ["includes", "includes_all", "includes_any", "selected_at_least", "answered"],
  },
  number: {
    describe: (q) => {
      const range = [q.min !== undefined ? `≥ ${q.min}` : "", q.max !== undefined ? `≤ ${q.max}` : ""]
        .filter(Boolean)
        .join(", ");
      return `a number in ${q.unit}${range ? ` (${range})` : ""}`;
    },
    check: (q, value, bad) => {
      if (!finite(value)) return notANumber(value, bad);
      if ((q.min !== undefined && value < q.min) || (q.max !== undefined && value > q.max)) return bad();
      return undefined;
    },
    coerce: asNumber,
    format: (q, value) => quantity(value, q.unit),
    operators: ORDERED,
    literal: NUMBER_LITERAL,
  },
  percentage: {
    describe: () => "a percentage from 0 to 100",
    check: (_, value, bad) => {
      if (!finite(value)) return notANumber(value, bad);
      return value < 0 || value > 100 ? bad("Write 95 for 95%.") : undefined;
    },
    // "85%" in a cell means 85: the sign is the unit the question is asked in.
    coerce: (cell) => asNumber(cell.replace(/\s*[%％]$/, "")),
    format: (_, value) => `${shown.format(Number(value))}%`,
    operators: ORDERED,
    literal: {
      test: (value) => typeof value === "number" && value >= 0 && value <= 100,
      words: "a number from 0 to 100",
    },
  },
  count: {
    describe: (q) => `a whole number ≥ 0${q.unit ? ` (${q.unit})` : ""}`,
    check: (_, value, bad) =>
      typeof value === "number" && Number.isInteger(value) && value >= 0 ? undefined : notANumber(value, bad),
    coerce: asNumber,
    format: (q, value) => (q.unit ? quantity(value, q.unit) : shown.format(Number(value))),
    operators: ORDERED,
    literal: NUMBER_LITERAL,
  },
  date: {
    describe: () => "a date YYYY-MM-DD",
    check: (_, value, bad) =>
      isIsoDate(value) ? undefined : bad("Write dates as YYYY-MM-DD, e.g. `2026-03-31`."),
    coerce: (cell) => cell,
    format: (_, value) => String(value),
    operators: ["within_days", "answered"],
  },
  duration: {
    describe: (q) => `a duration in ${q.unit} (a number ≥ 0)`,
    check: (_, value, bad) => (finite(value) && value >= 0 ? undefined : notANumber(value, bad)),
    coerce: asNumber,
    format: (q, value) => quantity(value, q.unit),
    operators: ORDERED,
    literal: NUMBER_LITERAL,
  },
  text: {
    describe: () => "text",
    check: (_, value, bad) =>
      typeof value === "string" ? undefined : bad("Quote the value to make it text."),
    coerce: (cell) => cell,
    format: (_, value) => String(value),
    operators: ["equals", "not_equals", "answered"],
    literal: { test: (value) => typeof value === "string", words: "a string" },
  },
};

/** The definition of a question's type, typed for that question. */
export function typeOf<T extends QuestionType>(question: Of<T>): QuestionTypeDef<T> {
  return QUESTION_TYPES[question.type as T];
}
