// The values an exported workbook is filled with: each row's answer read from an answers file and written as the
// cell's type wants it (a choice as its label, a date as a date, a multiple choice as TRUE/FALSE per option).
import type { Answers } from "../model/answers.js";
import type { WorkbookRow, WorkbookShape } from "./workbook-layout.js";

/** What a pre-filled answer cell holds. */
export type PrefilledValue = string | number | boolean | Date | null;

/** How many third parties and evidence items per control an answers file has, so the workbook has a row for each. */
export function shapeOf(answers: Answers): WorkbookShape {
  const evidence = new Map<string, number>();
  for (const [id, answer] of Object.entries(answers.answers))
    if (answer && answer.evidence.length > 1) evidence.set(id, answer.evidence.length);
  return { thirdParties: answers.third_parties.length, evidence };
}

/** The answer of one workbook row in an answers file, typed for its cell; null where the file has none. */
export function prefilledValue(row: WorkbookRow, answers: Answers): PrefilledValue {
  const [path, option] = row.path.split("#") as [string, string | undefined];
  const found = valueAt(answers, path.split("."));
  if (found === undefined || found === null) return null;
  if (option !== undefined) return Array.isArray(found) ? found.includes(option) : null;
  const cell = row.cell;
  if (cell.kind === "choice" && typeof found === "string") {
    const at = cell.values.indexOf(found);
    return at >= 0 ? (cell.labels[at] ?? found) : found;
  }
  if (cell.kind === "date" && typeof found === "string" && /^\d{4}-\d{2}-\d{2}$/.test(found))
    return new Date(`${found}T00:00:00Z`);
  if (typeof found === "number" || typeof found === "boolean") return found;
  if (Array.isArray(found)) return found.map(String).join("; ");
  return typeof found === "string" ? found : JSON.stringify(found);
}

/**
 * Walks a row path through the answers: a number is a 1-based item of a list, `location` is an evidence item's path
 * or, without one, its web address.
 */
function valueAt(root: unknown, segments: readonly string[]): unknown {
  let at: unknown = root;
  for (const segment of segments) {
    if (at === null || typeof at !== "object") return undefined;
    if (Array.isArray(at)) {
      at = /^\d+$/.test(segment) ? at[Number(segment) - 1] : undefined;
      continue;
    }
    const record = at as Record<string, unknown>;
    at =
      segment === "location" && !Object.hasOwn(record, "location")
        ? (record.path ?? record.url)
        : record[segment];
  }
  return at;
}
