// Turns a raw answer into the words a report shows, using the question's type, choices and unit.
import { formatValue } from "../answers/check-value.js";
import type { Question } from "../model/question.js";

/** Shows an answer as text: labels for choices, units for numbers, "not answered" when absent. */
export function formatAnswer(question: Question | undefined, value: unknown): string {
  if (value === undefined || value === null) return "not answered";
  if (!question) return typeof value === "string" ? value : JSON.stringify(value);
  return formatValue(question, value);
}
