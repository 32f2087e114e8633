// Checks one answer value against its question's type: the typing half of answers validation, from the registry.
import type { Question } from "../model/question.js";
import { QUESTION_TYPES, type QuestionTypeDef, type ValueProblem } from "./question-types.js";

export type { ValueProblem } from "./question-types.js";

// The registry is typed per question type; a question of the union reads its entry through this one view.
const entry = (question: Question) => QUESTION_TYPES[question.type] as QuestionTypeDef<Question["type"]>;

/** Describes the values a question accepts, for messages and the answers template. */
export function describeType(question: Question): string {
  return entry(question).describe(question);
}

/** Checks a non-null answer value against its question. */
export function checkValue(question: Question, value: unknown): ValueProblem | undefined {
  // Valid values are the common case in batch comparisons, so the expectation is worded only on failure.
  const bad = (hint?: string, actual?: string): ValueProblem => ({
    code: "answers/invalid-answer",
    expected: describeType(question),
    hint,
    actual,
  });
  return entry(question).check(question, value, bad);
}

/** A spreadsheet cell as the value the question expects. */
export function coerceCell(question: Question, cell: string): unknown {
  return entry(question).coerce(cell);
}

/** A non-null answer in the words a report shows. */
export function formatValue(question: Question, value: unknown): string {
  return entry(question).format(question, value);
}
