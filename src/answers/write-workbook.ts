// Writes the answers workbook (`init --format xlsx`): an organization sheet and an answers sheet, every answer cell
// typed by Excel's own validation, only answer cells editable, blanks highlighted, and a hidden metadata sheet.
import type { Answers } from "../model/answers.js";
import type { Catalog } from "../model/catalog.js";
import { redateZip } from "../source/zip-dates.js";
import {
  answerRows,
  BLANK_SHAPE,
  organizationRows,
  reviewRows,
  SHEETS,
  WORKBOOK_FORMAT,
  type WorkbookRow,
} from "./workbook-layout.js";
import { type PrefilledValue, prefilledValue, shapeOf } from "./workbook-values.js";

type ExcelJS = typeof import("exceljs");
type Worksheet = import("exceljs").Worksheet;
type Cell = import("exceljs").Cell;

/** Options of `writeAnswersWorkbook`. */
export interface WorkbookOptions {
  /** `YYYY-MM-DD`: the assessment date filled in, and the date of the file's properties and zip entries. */
  readonly date?: string;
  /** A valid answers file to fill the workbook with (`export`); its assessment date dates the file. */
  readonly answers?: Answers;
}

/** Excel's error-alert texts are short; a validation message longer than this is cut. */
const MAX_PROMPT = 250;
/** Which rows must be answered, by their path in the hidden column A (a condition of conditional formatting). */
const REQUIRED = {
  organization:
    'OR(LEFT($A2,8)="profile.",LEFT($A2,11)="assessment.",$A2="organization.name",$A2="organization.jurisdiction")',
  answers: 'ISNUMBER(SEARCH(".responses.",$A2))',
} as const;

/** The answer column of both sheets, and the columns shown before it. */
const ANSWER_COLUMN = 10;

/**
 * Writes the workbook of a catalog. Loads exceljs only when called. The bytes depend on the catalog and the date
 * alone: the document properties and every zip entry carry that date (1980-01-01 without one).
 */
export async function writeAnswersWorkbook(
  catalog: Catalog,
  options: WorkbookOptions = {},
): Promise<Uint8Array> {
  const { default: Excel } = (await import("exceljs")) as unknown as { default: ExcelJS };
  const filled = options.answers;
  const date = options.date ?? filled?.assessment.date;
  const stamp = new Date(`${date ?? "1980-01-01"}T00:00:00Z`);
  const workbook = new Excel.Workbook();
  workbook.creator = "vaspcheck";
  workbook.lastModifiedBy = "vaspcheck";
  workbook.created = stamp;
  workbook.modified = stamp;
  const lists = workbook.addWorksheet(SHEETS.lists, { state: "hidden" });
  const listOf = listMaker(lists);
  const organization = sheet(workbook, SHEETS.organization);
  const answers = sheet(workbook, SHEETS.answers);
  // The assessor's sheet only where the answers carry a review: an officer's own workbook has none to fill in, so that
  // a self-assessment cannot present itself as reviewed by ticking a sheet.
  const review = filled?.review ? sheet(workbook, SHEETS.review) : undefined;
  const shape = filled ? shapeOf(filled) : BLANK_SHAPE;
  const answerOf = (row: WorkbookRow): PrefilledValue =>
    filled
      ? prefilledValue(row, filled)
      : row.path === "assessment.date" && options.date
        ? excelDate(options.date)
        : null;
  fill(organization, organizationRows(catalog, shape), listOf, answerOf, REQUIRED.organization);
  fill(answers, answerRows(catalog, shape), listOf, answerOf, REQUIRED.answers);
  if (review) fill(review, reviewRows(catalog), listOf, answerOf, null);
  const meta = workbook.addWorksheet(SHEETS.meta, { state: "veryHidden" });
  meta.addRows([
    ["format", WORKBOOK_FORMAT],
    // An exported workbook keeps the catalog version its answers were given for, so a version gap is still seen.
    ["catalog.id", filled?.catalog.id ?? catalog.meta.id],
    ["catalog.version", filled?.catalog.version ?? catalog.meta.version],
    ["catalog.digest", catalog.digest],
  ]);
  await protect(organization);
  await protect(answers);
  if (review) await protect(review);
  const written = new Uint8Array(await workbook.xlsx.writeBuffer());
  return redateZip(written, stamp);
}

/** A visible sheet with the workbook's columns, the header frozen. */
function sheet(workbook: import("exceljs").Workbook, name: string): Worksheet {
  const ws = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1, xSplit: 0 }] });
  ws.columns = [
    { header: "path", key: "path", width: 14, hidden: true },
    { header: "Control", key: "control", width: 10 },
    { header: "Title", key: "title", width: 34 },
    { header: "Severity", key: "severity", width: 9 },
    { header: "Level", key: "level", width: 6 },
    { header: "Lessons", key: "lessons", width: 22 },
    { header: "What to fill in", key: "label", width: 60 },
    { header: "Allowed", key: "allowed", width: 28 },
    { header: "Basis", key: "basis", width: 30 },
    { header: "Answer", key: "answer", width: 34 },
  ];
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDF4FF" } };
  return ws;
}

/** Writes the rows, types each answer cell and highlights the blank ones. */
function fill(
  ws: Worksheet,
  rows: readonly WorkbookRow[],
  listOf: ListMaker,
  answerOf: (row: WorkbookRow) => PrefilledValue,
  required: string | null,
): void {
  for (const row of rows) {
    const added = ws.addRow({ ...row, answer: answerOf(row) });
    added.alignment = { wrapText: true, vertical: "top" };
    const cell = added.getCell(ANSWER_COLUMN);
    cell.protection = { locked: false };
    type(cell, row, listOf);
  }
  const last = rows.length + 1;
  if (required === null) return;
  ws.addConditionalFormatting({
    ref: `J2:J${last}`,
    rules: [
      {
        // An expression rule: exceljs writes its "containsBlanks" rule with an operator the schema does not allow,
        // which openpyxl refuses to read.
        type: "expression",
        // Only the rows that must be answered are shaded while blank: evidence, plans and notes are optional.
        formulae: [`AND(LEN(TRIM(J2))=0,${required})`],
        priority: 1,
        style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFFF8C5" } } },
      },
    ],
  });
}

/** Excel's own validation for the cell's type: a list of labels, a number range, a date, TRUE or FALSE. */
function type(cell: Cell, row: WorkbookRow, listOf: ListMaker): void {
  const k = row.cell;
  const alert = { showErrorMessage: true, errorStyle: "stop" as const, errorTitle: "vaspcheck" };
  if (k.kind === "choice")
    cell.dataValidation = {
      type: "list",
      allowBlank: true,
      formulae: [listOf(k.labels)],
      ...alert,
      error: cut(`Choose one of: ${k.labels.join(" · ")}`),
    };
  else if (k.kind === "boolean")
    cell.dataValidation = {
      type: "list",
      allowBlank: true,
      formulae: ['"TRUE,FALSE"'],
      ...alert,
      error: "TRUE or FALSE",
    };
  else if (k.kind === "date") {
    cell.dataValidation = {
      type: "date",
      operator: "greaterThan",
      allowBlank: true,
      formulae: [new Date(Date.UTC(1990, 0, 1))],
      ...alert,
      error: "A date (after 1990)",
    };
    cell.numFmt = "yyyy-mm-dd";
  } else if (k.kind === "number") {
    const [operator, formulae] =
      k.min !== undefined && k.max !== undefined
        ? (["between", [k.min, k.max]] as const)
        : k.min !== undefined
          ? (["greaterThanOrEqual", [k.min]] as const)
          : (["greaterThanOrEqual", [-1e15]] as const);
    cell.dataValidation = {
      type: k.whole ? "whole" : "decimal",
      operator,
      allowBlank: true,
      formulae: [...formulae],
      ...alert,
      error: cut(
        `A ${k.whole ? "whole " : ""}number${k.min !== undefined ? ` from ${k.min}` : ""}${k.max !== undefined ? ` to ${k.max}` : ""}`,
      ),
    };
  }
}

type ListMaker = (labels: readonly string[]) => string;

/** Each list of labels in a column of the hidden lists sheet, named by a range (labels may hold commas). */
function listMaker(lists: Worksheet): ListMaker {
  const known = new Map<string, string>();
  return (labels) => {
    const key = JSON.stringify(labels);
    const found = known.get(key);
    if (found) return found;
    const column = known.size + 1;
    labels.forEach((label, i) => {
      lists.getCell(i + 1, column).value = label;
    });
    const letter = lists.getColumn(column).letter;
    const range = `'${SHEETS.lists}'!$${letter}$1:$${letter}$${labels.length}`;
    known.set(key, range);
    return range;
  };
}

/** Protects a sheet's structure without a password: answer cells, unlocked, stay editable. */
async function protect(ws: Worksheet): Promise<void> {
  await ws.protect("", {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    autoFilter: true,
  });
}

function cut(text: string): string {
  return text.length <= MAX_PROMPT ? text : `${text.slice(0, MAX_PROMPT - 1)}…`;
}

/** A calendar date as the Date exceljs writes as that day (it stores dates in UTC). */
function excelDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}
