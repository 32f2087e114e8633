// Reads an answers workbook (`.xlsx`) back into the data an answers file holds, every value placed at its sheet and
// cell: choice labels become choice values, Excel's dates, numbers and booleans become what the officer meant.
import { createHash } from "node:crypto";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { didYouMean } from "../diagnostics/suggest.js";
import type { Catalog } from "../model/catalog.js";
import type { ParseResult } from "../source/parse-yaml.js";
import { checkWorkbookZip } from "../source/zip-gate.js";
import { answersFromRows, badSheet, type SheetRow } from "./answers-sheet.js";
import {
  answerRows,
  firstOfGroup,
  organizationRows,
  reviewRows,
  SHEETS,
  WORKBOOK_FORMAT,
  type WorkbookRow,
} from "./workbook-layout.js";

type Workbook = import("exceljs").Workbook;
type Worksheet = import("exceljs").Worksheet;
type CellValue = import("exceljs").CellValue;
type Cell = import("exceljs").Cell;

/** The answer column of both sheets (J). */
const ANSWER = 10;

/** Reads a workbook's bytes. Loads exceljs only when called; never throws on a user's file. */
export async function readAnswersWorkbook(
  path: string,
  bytes: Uint8Array,
  catalog: Catalog,
): Promise<ParseResult> {
  const gate = checkWorkbookZip(bytes);
  if (!gate.ok) return badSheet(path, `The workbook cannot be read: ${gate.problem}`, gate.hint);
  const { default: Excel } = (await import("exceljs")) as unknown as { default: typeof import("exceljs") };
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (error) {
    const why = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return badSheet(
      path,
      `The workbook cannot be read: ${why}`,
      "Save it again from Excel or LibreOffice as an Excel Workbook (.xlsx).",
    );
  }
  const meta = metadata(workbook);
  if (meta.format !== WORKBOOK_FORMAT)
    return badSheet(
      path,
      "This workbook is not a vaspcheck answers workbook (its hidden `vaspcheck` sheet is missing or names another format)",
      "Start from `npx vaspcheck init --format xlsx --out answers.xlsx` and copy the answers into it.",
    );
  const missing = [SHEETS.organization, SHEETS.answers].find((name) => !workbook.getWorksheet(name));
  if (missing)
    return badSheet(
      path,
      `The sheet \`${missing}\` is missing (renamed or deleted)`,
      `Give the sheet its name \`${missing}\` back; answers are read from it by name.`,
    );
  const layout = new Map<string, WorkbookRow>(
    [...organizationRows(catalog), ...answerRows(catalog), ...reviewRows(catalog)].map((r) => [r.path, r]),
  );
  const problems: Diagnostic[] = [];
  const rows: SheetRow[] = [
    {
      record: ["catalog.id", String(meta.catalogId ?? "")],
      line: 1,
      cells: { path: `${SHEETS.meta}!B2`, answer: `${SHEETS.meta}!B2` },
    },
    {
      record: ["catalog.version", String(meta.catalogVersion ?? "")],
      line: 1,
      cells: { path: `${SHEETS.meta}!B3`, answer: `${SHEETS.meta}!B3` },
    },
  ];
  for (const name of [SHEETS.organization, SHEETS.answers])
    rows.push(...sheetRows(path, workbook.getWorksheet(name)!, layout, problems));
  // The review sheet is the assessor's and may be absent (a workbook from before it, or one the assessor removed).
  const review = workbook.getWorksheet(SHEETS.review);
  if (review) rows.push(...sheetRows(path, review, layout, problems));
  problems.push(...catalogDigestProblems(path, meta, catalog));
  const parsed = answersFromRows(path, `(workbook ${path})`, rows, catalog);
  // The digest a report and a comparison print is of the workbook as sent, so `sha256sum` confirms it.
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return {
    ...parsed,
    file: parsed.file && { ...parsed.file, sha256 },
    diagnostics: [...problems, ...parsed.diagnostics],
  };
}

/** Same version, other content: the rows were laid out from a catalog that is not this one (an edited copy). */
function catalogDigestProblems(
  path: string,
  meta: ReturnType<typeof metadata>,
  catalog: Catalog,
): Diagnostic[] {
  if (
    meta.catalogVersion === catalog.meta.version &&
    meta.catalogDigest &&
    meta.catalogDigest !== catalog.digest
  )
    return [
      {
        ...place(
          path,
          `${SHEETS.meta}!B4`,
          4,
          `This workbook was made from a catalog ${catalog.meta.version} whose content differs from the catalog here (digest ${meta.catalogDigest.slice(0, 16)}…, here ${catalog.digest.slice(0, 16)}…)`,
          "Make the workbook again from the catalog you report against (`vaspcheck init --format xlsx` or `export`).",
        ),
        severity: "warning",
        code: "input/workbook-catalog",
      },
    ];
  return [];
}

function metadata(workbook: Workbook): {
  format?: string;
  catalogId?: string;
  catalogVersion?: string;
  catalogDigest?: string;
} {
  const sheet = workbook.getWorksheet(SHEETS.meta);
  if (!sheet) return {};
  const value = (key: string) => {
    for (let r = 1; r <= Math.min(sheet.rowCount, 20); r++)
      if (String(sheet.getCell(r, 1).value ?? "") === key) return String(sheet.getCell(r, 2).value ?? "");
    return undefined;
  };
  return {
    format: value("format"),
    catalogId: value("catalog.id"),
    catalogVersion: value("catalog.version"),
    catalogDigest: value("catalog.digest"),
  };
}

/** Most rows a sheet may hold: the answers sheet of the shipped catalog has about 1,100. */
const MAX_ROWS = 20_000;

/** The answered rows of one sheet, as path and text; multiple-choice rows gathered into one list per question. */
function sheetRows(
  file: string,
  ws: Worksheet,
  layout: ReadonlyMap<string, WorkbookRow>,
  problems: Diagnostic[],
): SheetRow[] {
  const out: SheetRow[] = [];
  problems.push(...formulaProblems(file, ws));
  const options = new Map<string, { values: string[]; row: SheetRow }>();
  const last = Math.min(ws.rowCount, MAX_ROWS + 1);
  problems.push(...rowCapProblems(file, ws));
  for (let r = 2; r <= last; r++) {
    const read = readCells(file, ws, r, layout, problems);
    if (!read) continue;
    const { key, cellRef, row, text } = read;
    const cells = { path: `${ws.name}!A${r}`, answer: cellRef };
    if (text.value === "") {
      out.push({ record: [key, ""], line: r, cells });
      continue;
    }
    if (row?.option !== undefined) {
      gatherOption(
        options,
        key,
        row.option,
        { record: [key, ""], line: r, cells },
        text.value,
        problems,
        file,
      );
      continue;
    }
    const value = mappedValue(row, text.value, file, cellRef, r, problems);
    // A label nobody defined is said once, here, with its suggestion; validation would say it again.
    if (value === undefined) continue;
    out.push({ record: [mappedPath(key, text.value), value], line: r, cells });
  }
  // Options answered all FALSE are an answer too, "none of these": a separator alone is a list of none.
  for (const { values, row } of options.values())
    out.push({ ...row, record: [row.record[0]!, values.length === 0 ? ";" : values.join("; ")] });
  return out;
}

/** One yes/no row of a multiple-choice question, gathered with the question's other options. */
function gatherOption(
  options: Map<string, { values: string[]; row: SheetRow }>,
  key: string,
  option: string,
  row: SheetRow,
  value: string,
  problems: Diagnostic[],
  file: string,
): void {
  const question = key.slice(0, key.lastIndexOf("#"));
  const gathered = options.get(question) ?? { values: [], row: { ...row, record: [question, ""] } };
  if (isTrue(value)) gathered.values.push(option);
  else if (!isFalse(value))
    problems.push(
      place(
        file,
        row.cells!.answer,
        row.line,
        `Expected TRUE or FALSE, found \`${value}\``,
        "Choose TRUE if it applies, FALSE if not.",
      ),
    );
  options.set(question, gathered);
}

/** An evidence location is a web address or a file path: the answers file keeps them under different keys. */
function mappedPath(key: string, value: string): string {
  if (!key.endsWith(".location")) return key;
  return key.replace(/\.location$/, /^https?:\/\//i.test(value) ? ".url" : ".path");
}

/** A choice label as its value (a value typed as itself is kept); a label nobody defined is said with a suggestion. */
function mappedValue(
  row: WorkbookRow | undefined,
  value: string,
  file: string,
  cell: string,
  line: number,
  problems: Diagnostic[],
): string | undefined {
  if (row?.cell.kind !== "choice") return value;
  const { labels, values } = row.cell;
  const at = labels.findIndex((l) => l.toLowerCase() === value.toLowerCase());
  if (at >= 0) return values[at]!;
  if (values.includes(value)) return value;
  problems.push(
    place(
      file,
      cell,
      line,
      `\`${value}\` is not one of the choices: ${labels.join(" · ")}`,
      didYouMean(value, labels) ?? "Choose a label from the drop-down.",
    ),
  );
  return undefined;
}

const isTrue = (v: string) => /^(true|yes|y|1|はい)$/i.test(v.trim());
const isFalse = (v: string) => /^(false|no|n|0|いいえ)$/i.test(v.trim());

/**
 * An answer cell as the officer meant it: a number shown as a percentage (0.85 shown as 85%) as the number shown, a
 * date question's serial number as its day, and LibreOffice's TRUE()/FALSE(), which it saves booleans as, as the value.
 */
function meantText(cell: Cell, row: WorkbookRow | undefined): { kind: "value" | "formula"; value: string } {
  const v = cell.value;
  if (v !== null && typeof v === "object" && "formula" in v && /^(TRUE|FALSE)\(\)$/i.test(String(v.formula)))
    return { kind: "value", value: /^TRUE/i.test(String(v.formula)) ? "true" : "false" };
  if (typeof v === "number") {
    if (row?.cell.kind === "date" && v > 0 && v < 2_958_466) return { kind: "value", value: serialDay(v) };
    if ((cell.numFmt ?? "").includes("%"))
      return { kind: "value", value: String(Number((v * 100).toPrecision(12))) };
  }
  return cellText(v);
}

/** An Excel serial date (days since 1899-12-30 in the 1900 date system) as `YYYY-MM-DD`. */
function serialDay(serial: number): string {
  return new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000).toISOString().slice(0, 10);
}

/** The path and answer of one row, or undefined when either cell holds a formula (said in `problems`). */
function readCells(
  file: string,
  ws: Worksheet,
  r: number,
  layout: ReadonlyMap<string, WorkbookRow>,
  problems: Diagnostic[],
) {
  const pathCell = ws.getCell(r, 1);
  if (cellText(pathCell.value).kind === "formula") {
    problems.push(
      place(
        file,
        `${ws.name}!A${r}`,
        r,
        "The path cell holds a formula; the workbook was altered",
        "Start from a workbook vaspcheck wrote.",
      ),
    );
    return undefined;
  }
  const key = cellText(pathCell.value).value;
  const cellRef = `${ws.name}!J${r}`;
  const row = layout.get(firstOfGroup(key));
  const answerCell = ws.getCell(r, ANSWER);
  const text = meantText(answerCell, row);
  if (text.kind === "formula") {
    problems.push(
      place(
        file,
        cellRef,
        r,
        "This answer cell holds a formula; answers are values, not formulas",
        "Type the value itself (copy, then paste as values).",
      ),
    );
    return undefined;
  }
  return { key, cellRef, row, text };
}

/** A sheet longer than the rows read is said, not silently cut. */
function rowCapProblems(file: string, ws: Worksheet): Diagnostic[] {
  const problems: Diagnostic[] = [];
  if (ws.rowCount > MAX_ROWS + 1)
    problems.push(
      place(
        file,
        `${ws.name}!A${MAX_ROWS + 2}`,
        MAX_ROWS + 2,
        `The sheet \`${ws.name}\` has ${ws.rowCount} rows, more than the ${MAX_ROWS} read`,
        "Delete the rows below the questions.",
      ),
    );
  return problems;
}

/** Every formula outside the answer column: no other cell takes one, and a formula there reaches whoever opens the file. */
function formulaProblems(file: string, ws: Worksheet): Diagnostic[] {
  const out: Diagnostic[] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (c === ANSWER || c === 1 || cellText(cell.value).kind !== "formula") return;
      out.push(
        place(
          file,
          `${ws.name}!${cell.address}`,
          r,
          "This cell holds a formula; no cell of the workbook takes one",
          "Delete the formula; only the Answer column is filled in, with values.",
        ),
      );
    });
  });
  return out;
}

/** A cell as the text an officer meant: dates as YYYY-MM-DD, numbers and booleans as typed, rich text joined. */
function cellText(value: CellValue): { kind: "value" | "formula"; value: string } {
  if (value === null || value === undefined) return { kind: "value", value: "" };
  if (value instanceof Date) return { kind: "value", value: value.toISOString().slice(0, 10) };
  if (typeof value === "number" || typeof value === "boolean") return { kind: "value", value: String(value) };
  // A non-breaking space pasted from a web page or Word is a space to the reader.
  if (typeof value === "string") return { kind: "value", value: value.replace(/\u00a0/g, " ").trim() };
  if (typeof value === "object") {
    if ("formula" in value || "sharedFormula" in value) return { kind: "formula", value: "" };
    if ("richText" in value)
      return {
        kind: "value",
        value: value.richText
          .map((t) => t.text)
          .join("")
          .trim(),
      };
    if ("text" in value) return { kind: "value", value: String(value.text).trim() };
    if ("error" in value) return { kind: "value", value: String(value.error) };
  }
  return { kind: "value", value: String(value) };
}

function place(file: string, cell: string, line: number, message: string, hint: string): Diagnostic {
  return {
    file,
    start: { line, column: ANSWER, cell },
    severity: "error",
    code: "input/bad-sheet",
    message,
    hint,
  };
}
