// Answers as a spreadsheet (CSV): one row per question, keyed by the path the YAML answers file would use.

import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { type Diagnostic, show, showPath } from "../diagnostics/diagnostic.js";
import type { Catalog } from "../model/catalog.js";
import type { Question } from "../model/question.js";
import type { ParseResult } from "../source/parse-yaml.js";
import type { Place } from "../source/source-file.js";
import { coerceCell } from "./check-value.js";
import { answerRows, organizationRows, type WorkbookRow } from "./workbook-layout.js";

/** The columns of an answers sheet; only `path` and `answer` are read back. */
export const SHEET_COLUMNS = [
  "path",
  "control",
  "title",
  "severity",
  "level",
  "question",
  "allowed",
  "basis",
  "answer",
] as const;

type Row = Record<(typeof SHEET_COLUMNS)[number], string>;

/** Options of `renderAnswersSheet`. */
export interface AnswersSheetOptions {
  /** `YYYY-MM-DD`: the assessment date filled in. */
  readonly date?: string;
  /** Start with a UTF-8 byte order mark, which Excel on Windows needs to read Japanese text and `≥` right. */
  readonly bom?: boolean;
}

/**
 * Renders the answers sheet of a catalog: the rows of the workbook (who and when, the profile, a third party, then
 * per control its questions, not applicable, answered-on date, evidence, accepted risk, remediation plan and notes),
 * with choices shown by their labels. A multiple choice is one row: its labels separated by semicolons.
 */
export function renderAnswersSheet(catalog: Catalog, options: AnswersSheetOptions = {}): string {
  const rows: Row[] = [];
  const meta = (path: string, question: string, answer: string): Row => ({
    path,
    control: "",
    title: "",
    severity: "",
    level: "",
    question,
    allowed: "",
    basis: "",
    answer,
  });
  const layout = [...organizationRows(catalog), ...answerRows(catalog)];
  for (const row of layout) {
    if (row.option !== undefined) {
      // The yes/no rows of a multiple choice become one row, asked once.
      const path = row.path.slice(0, row.path.indexOf("#"));
      if (rows.at(-1)?.path === path) continue;
      const q = questionAt(catalog, path);
      rows.push(sheetRow(row, path, q?.text ?? row.label, labelsOf(q), ""));
      continue;
    }
    const answer = row.path === "assessment.date" ? (options.date ?? "") : "";
    const allowed = row.cell.kind === "choice" ? row.cell.labels.join(" · ") : row.allowed;
    rows.push(sheetRow(row, row.path, row.label, allowed, answer));
    if (row.path === "assessment.scope")
      rows.push(
        meta("catalog.id", "Catalog the answers are for (do not edit)", catalog.meta.id),
        meta("catalog.version", "Catalog version (do not edit)", catalog.meta.version),
      );
  }
  const csv = stringify(rows, { header: true, columns: [...SHEET_COLUMNS] });
  return options.bom ? `\uFEFF${csv}` : csv;
}

function sheetRow(row: WorkbookRow, path: string, question: string, allowed: string, answer: string): Row {
  return {
    path,
    control: row.control,
    title: row.title,
    severity: row.severity,
    level: row.level,
    question,
    allowed,
    basis: row.basis,
    answer,
  };
}

function questionAt(catalog: Catalog, path: string): Question | undefined {
  return questionFor(catalog, path.split("."));
}

function labelsOf(q: Question | undefined): string {
  // Shown with a middle dot, since a label may hold a semicolon; the answer cell separates labels with `;`.
  return q && "choices" in q ? q.choices.map((c) => c.label).join(" · ") : "";
}

/**
 * A choice answer typed as labels, as the sheet shows them, turned back into choice values: a single choice's whole
 * cell, or a multiple choice's labels separated by semicolons. Anything else is left for validation to explain.
 */
function labelsToValues(q: Question, cell: string): string {
  if (!("choices" in q)) return cell;
  // A label may itself hold a semicolon: labels are compared with the spacing around semicolons ignored.
  const norm = (text: string) =>
    text
      .trim()
      .toLowerCase()
      .replace(/\s*[;；]\s*/g, ";");
  const byLabel = new Map(q.choices.map((c) => [norm(c.label), c.value]));
  const whole = byLabel.get(norm(cell));
  if (whole !== undefined) return whole;
  if (q.type !== "multiple_choice") return cell;
  const parts = cell
    .split(/[;；]/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
  const values = new Set(q.choices.map((c) => c.value));
  const out: string[] = [];
  // Longest run of parts first, so a label with a semicolon is matched whole before its pieces.
  for (let i = 0; i < parts.length; ) {
    let j = parts.length;
    while (j > i && !byLabel.has(norm(parts.slice(i, j).join(";")))) j--;
    if (j > i) {
      out.push(byLabel.get(norm(parts.slice(i, j).join(";")))!);
      i = j;
    } else if (values.has(parts[i]!)) out.push(parts[i++]!);
    else return cell;
  }
  return out.length > 0 ? out.join("; ") : cell;
}

/** Turns a cell into the value the question expects; anything unrecognised stays text so validation can explain it. */
function coerce(
  cell: string,
  question: Question | undefined,
  segments: readonly (string | number)[],
): unknown {
  // A third party's controls are one cell, as a multiple choice is: ids separated by commas or semicolons.
  if (segments[0] === "third_parties" && segments[2] === "operates" && segments.length === 3)
    return cell
      .split(/[;,；，、]/)
      .map((id) => id.trim())
      .filter((id) => id !== "");
  return question ? coerceCell(question, labelsToValues(question, cell)) : cell;
}

function questionFor(catalog: Catalog, segments: string[]): Question | undefined {
  if (segments[0] === "profile" && segments.length === 2)
    return catalog.profile.find((q) => q.id === segments[1]);
  if (segments[0] === "answers" && segments[2] === "responses" && segments.length === 4) {
    return catalog.controls.find((c) => c.id === segments[1])?.questions.find((q) => q.id === segments[3]);
  }
  return undefined;
}

/**
 * Most pieces of evidence a sheet may number for one control. A row's number becomes a list position, so without a
 * bound one 76-byte row (`evidence.999999999.url`) would ask for a list of a billion entries; 100 is far more than
 * any control's evidence (the examples cite one to three) and keeps every list a sheet can build small.
 */
const MAX_EVIDENCE = 100;

/** Most dot-separated parts of a path: the deepest key of an answers file (`answers.ID.evidence.N.url`) has five. */
const MAX_PATH_PARTS = 8;

/** Names that reach an object's prototype rather than a key of it. */
const PROTOTYPE_NAMES: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** Why a row cannot be placed: the parts of its diagnostic. */
type RowProblem = Pick<Diagnostic, "message" | "hint" | "path" | "expected" | "actual">;

/** A path's parts, with evidence numbers turned into list positions, or why the path cannot be used. */
type SheetPath = { segments: (string | number)[] } | { problem: RowProblem };

/** Reads a row's path: dotted parts, evidence numbered 1 to MAX_EVIDENCE, and no part naming a prototype. */
function parseSheetPath(key: string, catalog: Catalog): SheetPath {
  if (key === "")
    return {
      problem: { message: "A row has an answer but no path", hint: "Fill in its `path`, or delete the row." },
    };
  // The limit keeps a megabyte of dots from becoming a million parts.
  const parts = key.split(".", MAX_PATH_PARTS + 1);
  if (parts.length > MAX_PATH_PARTS)
    return pathProblem(
      key,
      `has more than ${MAX_PATH_PARTS} parts; no key of an answers file is that deep`,
      [],
    );
  // A third party's controls are one cell; a row under it would silently replace one of them.
  if (parts[0] === "third_parties" && parts[2] === "operates" && parts.length > 3)
    return pathProblem(key, "goes below `operates`, which is one cell: control ids separated by `;`", []);
  const segments: (string | number)[] = [];
  for (const [i, part] of parts.entries()) {
    if (part === "") return pathProblem(key, "has an empty part (a doubled or trailing dot)", segments);
    // No key of an answers file holds white space; a line break in a path would also split its message in two.
    if (/\s/.test(part))
      return pathProblem(key.replace(/\s/g, " "), "contains a space or a line break", segments);
    const list =
      parts[i - 1] === "evidence"
        ? "evidence"
        : i === 1 && parts[0] === "third_parties"
          ? "third_parties"
          : undefined;
    if (list) {
      const problem = listNumberProblem(key, part, segments, LIST_WORDS[list]);
      if (problem) return { problem };
      // Sheets count from 1; the data model counts from 0.
      segments.push(Number(part) - 1);
    } else if (PROTOTYPE_NAMES.has(part) && !namesQuestion(catalog, parts, i)) {
      return pathProblem(key, `contains \`${part}\`, which is not a key of an answers file`, segments);
    } else segments.push(part);
  }
  return { segments };
}

/** True when part `i` of `parts` is the id of the question the whole path answers (a question may be `constructor`). */
function namesQuestion(catalog: Catalog, parts: readonly string[], i: number): boolean {
  return i === parts.length - 1 && questionFor(catalog, [...parts])?.id === parts[i];
}

function pathProblem(key: string, what: string, path: (string | number)[]): { problem: RowProblem } {
  return {
    problem: {
      message: `Path ${show(key)} ${what}`,
      path: path.map(String),
      hint: "Paths are the keys of an answers file, as in the sheet `npx vaspcheck init --format csv` writes.",
    },
  };
}

/** How messages name the items of a numbered list of a sheet, and the key it sits under. */
const LIST_WORDS = {
  evidence: {
    items: "Evidence is",
    one: "piece of evidence",
    of: "a control's pieces of evidence",
    key: "evidence",
  },
  third_parties: {
    items: "Third parties are",
    one: "third party",
    of: "the third parties",
    key: "third_parties",
  },
} as const;

/** Refuses an item number other than 1 … MAX_EVIDENCE written plainly (no sign, leading zero or exponent). */
function listNumberProblem(
  key: string,
  part: string,
  path: (string | number)[],
  words: (typeof LIST_WORDS)[keyof typeof LIST_WORDS],
): RowProblem | undefined {
  if (/^[1-9]\d{0,2}$/.test(part) && Number(part) <= MAX_EVIDENCE) return undefined;
  if (/^0+$/.test(part)) {
    const first = key.replace(new RegExp(`(^|\\.)${words.key}\\.0+(\\.|$)`), `$1${words.key}.1$2`);
    return {
      path: path.map(String),
      message: `${words.items} numbered from 1, not 0: ${show(key)}`,
      hint: `Write ${show(first)} for the first ${words.one}.`,
    };
  }
  return {
    path: path.map(String),
    message: `${words.items} numbered from 1 to ${MAX_EVIDENCE}, not ${show(part)}: ${show(key)}`,
    expected: `a whole number from 1 to ${MAX_EVIDENCE}`,
    actual: show(part),
    hint: `Number ${words.of} 1, 2, 3 …; a sheet holds at most ${MAX_EVIDENCE}.`,
  };
}

/** The row being placed, and where the first row placed at or under a key path is (see `Places`). */
type Placing = { key: string; lineAt: (prefix: string) => Place["start"] | undefined };

/** A node of the data a sheet builds: a list (evidence) or a mapping without a prototype. */
type Node = unknown[] | Record<string, unknown>;

const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null;

function own(node: Node, segment: string | number): unknown {
  if (Array.isArray(node)) return typeof segment === "number" ? node[segment] : undefined;
  return Object.hasOwn(node, segment) ? node[segment] : undefined;
}

/** How a row collides with an earlier one. */
type Collision = "twice" | "under-answer" | "over-rows";

/** Sets `value` at `segments`, or says why it cannot go there; never replaces what an earlier row placed. */
function placeRow(
  root: Record<string, unknown>,
  segments: readonly (string | number)[],
  value: unknown,
  { key, lineAt }: Placing,
): RowProblem | undefined {
  const prefix = (n: number) => JSON.stringify(segments.slice(0, n).map(String));
  let node: Node = root;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string | number;
    const found = own(node, segment);
    const last = i === segments.length - 1;
    if (found !== undefined && (last || !isNode(found))) {
      const kind: Collision = !last ? "under-answer" : isNode(found) ? "over-rows" : "twice";
      return collision(kind, key, segments.slice(0, i + 1), lineAt(prefix(i + 1)));
    }
    if (last) (node as Record<string | number, unknown>)[segment] = value;
    else if (found === undefined) {
      const child: Node = typeof segments[i + 1] === "number" ? [] : Object.create(null);
      (node as Record<string | number, unknown>)[segment] = child;
      node = child;
    } else node = found as Node;
  }
  return undefined;
}

/** The diagnostic of a row that collides with an earlier one, naming the line of that row. */
function collision(
  kind: Collision,
  key: string,
  at: readonly (string | number)[],
  point: Place["start"] | undefined,
): RowProblem {
  const earlier =
    point === undefined ? "an earlier row" : point.cell ? `cell ${point.cell}` : `line ${point.line}`;
  const path = at.map(String);
  if (kind === "twice")
    return {
      path,
      message: `Path ${show(key)} is given twice, first on ${earlier}`,
      hint: "Delete one of the rows.",
    };
  if (kind === "over-rows")
    return {
      path,
      message: `Row ${show(key)} cannot be placed: rows under it are given, from ${earlier}`,
      hint: "Give either this row or the rows under it, not both.",
    };
  return {
    path,
    message: `Row ${show(key)} cannot be placed: ${show(showPath(at))} already has an answer, on ${earlier}`,
    hint: "An answer fills one cell, and nothing goes under it: check the path.",
  };
}

/** One row of the sheet, with what csv-parse counted when it ended (`bytes`: UTF-8 bytes read so far). */
type SheetRecord = { record: string[]; info: { bytes: number } };

/** Parses an answers sheet into the same data an answers YAML file holds, with row:column positions. */
export function parseAnswersSheet(path: string, text: string, catalog: Catalog): ParseResult {
  let records: SheetRecord[];
  try {
    // csv-parse's types describe plain rows; with `info: true` each row comes wrapped with its counts.
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      // Without this csv-parse takes the line ending of the first row for every row, so LF rows appended to a CRLF
      // sheet would merge into one cell. CRLF first, so that it is not read as CR and then LF.
      record_delimiter: ["\r\n", "\n", "\r"],
    }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return badSheet(
      path,
      `Malformed CSV: ${(error as Error).message.split("\n")[0]}`,
      "Save the sheet as CSV (UTF-8), comma-separated.",
      line,
    );
  }
  const header = records[0]?.record.map((h) => h.trim().toLowerCase()) ?? [];
  const pathCol = header.indexOf("path");
  const answerCol = header.indexOf("answer");
  if (pathCol < 0 || answerCol < 0) {
    return badSheet(
      path,
      "The first row must name the columns `path` and `answer`",
      "Start from `npx vaspcheck init --format csv`.",
    );
  }
  const twice = ["path", "answer"].find((name) => header.indexOf(name) !== header.lastIndexOf(name));
  if (twice)
    return badSheet(
      path,
      `The column \`${twice}\` appears twice in the first row`,
      "Keep one; the sheet is read by it.",
    );
  const rows = withStartLines(text, records).slice(1);
  // A cell past the named columns is a value nobody reads: refused rather than dropped.
  const stray = rows.find((r) => r.record.slice(header.length).some((cell) => cell.trim() !== ""));
  if (stray)
    return badSheet(
      path,
      `Row ${stray.line} has ${stray.record.length} cells, but the first row names ${header.length} columns`,
      "Quote a cell that holds a comma, or remove the extra cells.",
      stray.line,
    );
  const { data, places, blanks, diagnostics } = readAnswers(path, rows, { pathCol, answerCol }, catalog);
  return { file: { path, text, data, locate: locator(places, blanks) }, diagnostics };
}

/** A row and the line it starts on; in a workbook, also the cells of its path and its answer (`Answers!J12`). */
export type SheetRow = { record: string[]; line: number; cells?: { path: string; answer: string } };

/**
 * The line each record starts on, counted from the bytes where the previous record ended: csv-parse's own line count
 * is where a record ends, and counts a CRLF inside a quoted cell as two lines.
 */
function withStartLines(text: string, records: readonly SheetRecord[]): SheetRow[] {
  const bytes = Buffer.from(text, "utf8");
  const starts = [0];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x0a || (b === 0x0d && bytes[i + 1] !== 0x0a)) starts.push(i + 1);
  }
  let end = 0;
  return records.map(({ record, info }) => {
    let at = end;
    // Empty lines before the record are skipped by the parser, not part of it.
    while (bytes[at] === 0x0a || bytes[at] === 0x0d) at++;
    end = info.bytes;
    return { record, line: lineOf(starts, at) };
  });
}

/** The 1-based line of a byte offset, given the offsets where lines start (ascending). */
function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] as number) <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}

/** A sheet or workbook that cannot be read at all: one `input/bad-sheet` error, at a line of it or its start. */
export function badSheet(path: string, message: string, hint: string, line = 1, column = 1): ParseResult {
  return {
    diagnostics: [
      {
        file: path,
        start: { line, column },
        severity: "error",
        code: "input/bad-sheet",
        message,
        hint,
      } satisfies Diagnostic,
    ],
  };
}

/**
 * Where the rows went, by key path (`JSON.stringify` of its parts as strings): for each path and each of its prefixes,
 * the answer cell of the first row placed there or under it, and whether that row's path is the key path itself.
 */
type Places = Map<string, { place: Place; exact: boolean }>;

/** The answer cell of each row left blank, by its key path: where a missing key is asked. */
type Blanks = Map<string, Place>;

/**
 * The answers data a set of rows builds (a workbook's, read elsewhere), placed at the rows' cells: what a CSV sheet
 * gives, with the same checks of paths, numbers and collisions.
 */
export function answersFromRows(
  path: string,
  text: string,
  rows: readonly SheetRow[],
  catalog: Catalog,
): ParseResult {
  const { data, places, blanks, diagnostics } = readAnswers(
    path,
    rows,
    { pathCol: 0, answerCol: 1 },
    catalog,
  );
  return { file: { path, text, data, locate: locator(places, blanks) }, diagnostics };
}

/** An evidence `location` row holds a web address or a file path: the answers file keeps them under `url` or `path`. */
function locationKey(key: string, value: string): string {
  if (!/\.evidence\.\d+\.location$/.test(key)) return key;
  return key.replace(/location$/, /^https?:\/\//i.test(value) ? "url" : "path");
}

/** Builds the answers data from the rows that have a path and an answer, and where each answer sits. */
function readAnswers(
  file: string,
  rows: readonly SheetRow[],
  { pathCol, answerCol }: { pathCol: number; answerCol: number },
  catalog: Catalog,
): { data: Record<string, unknown>; places: Places; blanks: Blanks; diagnostics: Diagnostic[] } {
  // Keys come from the sheet, so no object here has a prototype for a key to reach.
  const data: Record<string, unknown> = Object.create(null);
  const places: Places = new Map();
  const blanks: Blanks = new Map();
  const lineAt = (prefix: string) => places.get(prefix)?.place.start;
  const diagnostics: Diagnostic[] = [];
  for (const { record, line, cells } of rows) {
    const cell = record[answerCol]?.trim() ?? "";
    if (cell === "") {
      // A blank row is where its key is asked: a warning about that key being missing points at it.
      const asked = (record[pathCol]?.trim() ?? "").split("#")[0]!;
      const at = JSON.stringify(asked.split("."));
      if (asked !== "" && !blanks.has(at)) {
        const point = { line, column: answerCol + 1, ...(cells ? { cell: cells.answer } : {}) };
        blanks.set(at, { start: point, end: point, approximate: false });
      }
      continue;
    }
    const key = locationKey(record[pathCol]?.trim() ?? "", cell);
    const parsed = parseSheetPath(key, catalog);
    const segments = "segments" in parsed ? parsed.segments : [];
    const problem =
      "problem" in parsed
        ? parsed.problem
        : placeRow(data, segments, coerce(cell, questionFor(catalog, segments.map(String)), segments), {
            key,
            lineAt,
          });
    if (problem) {
      // A row the data cannot hold would otherwise vanish without a word.
      const start = { line, column: pathCol + 1, ...(cells ? { cell: cells.path } : {}) };
      diagnostics.push({ file, start, severity: "error", code: "input/bad-sheet", ...problem });
      continue;
    }
    const point = { line, column: answerCol + 1, ...(cells ? { cell: cells.answer } : {}) };
    for (let n = 1; n <= segments.length; n++) {
      const prefix = JSON.stringify(segments.slice(0, n).map(String));
      if (!places.has(prefix))
        places.set(prefix, {
          place: { start: point, end: point, approximate: false },
          exact: n === segments.length,
        });
    }
  }
  return { data, places, blanks, diagnostics };
}

/** Places a key path at its answer's cell; otherwise, approximately, at the first cell under its longest prefix that has one. */
function locator(places: Places, blanks: Blanks): (target: readonly PropertyKey[]) => Place {
  return (target) => {
    const full = JSON.stringify(target.map(String));
    const exact = places.get(full);
    if (exact) return { ...exact.place, approximate: !exact.exact };
    const asked = blanks.get(full);
    if (asked) return asked;
    // A key left out whose parts are asked in rows of their own (`organization` of a blank sheet): its first row.
    const under = `${full.slice(0, -1)},`;
    for (const [key, place] of blanks) if (key.startsWith(under)) return { ...place, approximate: true };
    for (let n = target.length; n > 0; n--) {
      const found = places.get(JSON.stringify(target.slice(0, n).map(String)));
      if (found) return { ...found.place, approximate: !found.exact || n < target.length };
    }
    return { start: { line: 1, column: 1 }, end: { line: 1, column: 1 }, approximate: true };
  };
}
