// Checks one answer value against its question's type: the typing half of answers validation.
import { didYouMean } from "../diagnostics/suggest.js";
import { isIsoDate } from "../model/dates.js";
import type { Question } from "../model/question.js";

/** Why a value does not fit a question, or undefined when it fits. */
export interface ValueProblem {
  readonly code: "answers/invalid-answer" | "answers/invalid-choice";
  readonly expected: string;
  readonly hint?: string;
  /** Index inside a multiple-choice list, when one element is at fault. */
  readonly index?: number;
}

/** Describes the values a question accepts, for messages and the answers template. */
export function describeType(question: Question): string {
  switch (question.type) {
    case "boolean":
      return "true or false";
    case "single_choice":
      return `one of ${question.choices.map((c) => c.value).join(" | ")}`;
    case "multiple_choice":
      return `a list of ${question.choices.map((c) => c.value).join(" | ")}`;
    case "number": {
      const range = [
        question.min !== undefined ? `≥ ${question.min}` : "",
        question.max !== undefined ? `≤ ${question.max}` : "",
      ]
        .filter(Boolean)
        .join(", ");
      return `a number in ${question.unit}${range ? ` (${range})` : ""}`;
    }
    case "percentage":
      return "a percentage from 0 to 100";
    case "count":
      return `a whole number ≥ 0${question.unit ? ` (${question.unit})` : ""}`;
    case "date":
      return "a date YYYY-MM-DD";
    case "duration":
      return `a duration in ${question.unit} (a number ≥ 0)`;
    case "text":
      return "text";
  }
}

const BOOLEAN_WORDS: Record<string, string> = {
  yes: "true",
  no: "false",
  y: "true",
  n: "false",
  on: "true",
  off: "false",
};

/** Checks a non-null answer value against its question. */
export function checkValue(question: Question, value: unknown): ValueProblem | undefined {
  // Valid values are the common case in batch comparisons, so the expectation is worded only on failure.
  const bad = (hint?: string): ValueProblem => ({
    code: "answers/invalid-answer",
    expected: describeType(question),
    hint,
  });
  switch (question.type) {
    case "boolean": {
      if (typeof value === "boolean") return undefined;
      const word = typeof value === "string" ? BOOLEAN_WORDS[value.toLowerCase()] : undefined;
      return bad(word ? `Did you mean \`${word}\`? YAML 1.2 reads \`${String(value)}\` as text.` : undefined);
    }
    case "single_choice": {
      const choices = question.choices.map((c) => c.value);
      if (typeof value !== "string") return bad();
      if (choices.includes(value)) return undefined;
      return {
        code: "answers/invalid-choice",
        expected: describeType(question),
        hint: didYouMean(value, choices),
      };
    }
    case "multiple_choice": {
      const choices = question.choices.map((c) => c.value);
      if (!Array.isArray(value)) return bad("Write a YAML list, e.g. `[a, b]`.");
      for (const [index, item] of value.entries()) {
        if (typeof item !== "string" || !choices.includes(item)) {
          return {
            code: "answers/invalid-choice",
            expected: describeType(question),
            index,
            hint: didYouMean(String(item), choices),
          };
        }
        if (value.indexOf(item) !== index)
          return { code: "answers/invalid-answer", expected: "each choice once", index };
      }
      return undefined;
    }
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) return bad(numberHint(value));
      if (
        (question.min !== undefined && value < question.min) ||
        (question.max !== undefined && value > question.max)
      )
        return bad();
      return undefined;
    case "percentage":
      if (typeof value !== "number" || !Number.isFinite(value)) return bad(numberHint(value));
      return value < 0 || value > 100 ? bad("Write 95 for 95%.") : undefined;
    case "count":
      return typeof value === "number" && Number.isInteger(value) && value >= 0
        ? undefined
        : bad(numberHint(value));
    case "duration":
      return typeof value === "number" && Number.isFinite(value) && value >= 0
        ? undefined
        : bad(numberHint(value));
    case "date":
      return isIsoDate(value) ? undefined : bad("Write dates as YYYY-MM-DD, e.g. `2026-03-31`.");
    case "text":
      return typeof value === "string" ? undefined : bad("Quote the value to make it text.");
  }
}

function numberHint(value: unknown): string | undefined {
  if (typeof value === "string" && /^\s*-?[\d.,]+\s*%?\s*\w*$/.test(value)) {
    return "Write the bare number without quotes, units or a % sign.";
  }
  return undefined;
}
