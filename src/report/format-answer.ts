// Turns a raw answer into the words a report shows, using the question's type, choices and unit.
import type { Question } from "../model/question.js";

const number = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

/** Shows an answer as text: labels for choices, units for numbers, "not answered" when absent. */
export function formatAnswer(question: Question | undefined, value: unknown): string {
  if (value === undefined || value === null) return "not answered";
  if (!question) return typeof value === "string" ? value : JSON.stringify(value);
  const label = (v: unknown) =>
    "choices" in question ? (question.choices.find((c) => c.value === v)?.label ?? String(v)) : String(v);
  switch (question.type) {
    case "boolean":
      return value === true ? "yes" : "no";
    case "single_choice":
      return label(value);
    case "multiple_choice":
      return Array.isArray(value) && value.length > 0 ? value.map(label).join("; ") : "none selected";
    case "percentage":
      return `${number.format(Number(value))}%`;
    case "number":
    case "duration":
      return `${number.format(Number(value))} ${question.unit}`;
    case "count":
      return `${number.format(Number(value))}${question.unit ? ` ${question.unit}` : ""}`;
    default:
      return String(value);
  }
}
