// Answers as a spreadsheet (CSV): one row per question, keyed by the path the YAML answers file would use.

import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Catalog } from "../model/catalog.js";
import type { Question } from "../model/question.js";
import type { ParseResult } from "../source/parse-yaml.js";
import type { Place } from "../source/source-file.js";
import { coerceCell, describeType } from "./check-value.js";

/** The columns of an answers sheet; only `path` and `answer` are read back. */
export const SHEET_COLUMNS = ["path", "control", "question", "type", "allowed", "answer"] as const;

type Row = Record<(typeof SHEET_COLUMNS)[number], string>;

function questionRow(path: string, control: string, q: Question): Row {
  const allowed = "choices" in q ? q.choices.map((c) => c.value).join("; ") : describeType(q);
  return { path, control, question: q.text, type: q.type, allowed, answer: "" };
}

/** Renders the answers sheet of a catalog: metadata rows, the profile, then every control's questions. */
export function renderAnswersSheet(catalog: Catalog, options: { date?: string } = {}): string {
  const meta = (path: string, question: string, answer = ""): Row => ({
    path,
    control: "",
    question,
    type: "text",
    allowed: "",
    answer,
  });
  const rows: Row[] = [
    meta("organization.name", "Organization name"),
    meta("organization.jurisdiction", "Jurisdiction (e.g. JP, US-NY, EU)"),
    meta("organization.registration", "Licence or registration number (optional)"),
    {
      ...meta("assessment.date", "Date the answers describe (YYYY-MM-DD)", options.date ?? ""),
      type: "date",
    },
    meta("assessment.assessor", "Who made the assessment"),
    meta("assessment.scope", "What the assessment covers"),
    meta("catalog.id", "Catalog the answers are for (do not edit)", catalog.meta.id),
    meta("catalog.version", "Catalog version (do not edit)", catalog.meta.version),
    ...catalog.profile.map((q) => questionRow(`profile.${q.id}`, "profile", q)),
  ];
  for (const control of catalog.controls) {
    for (const q of control.questions)
      rows.push(questionRow(`answers.${control.id}.responses.${q.id}`, control.id, q));
    rows.push({ ...meta(`answers.${control.id}.evidence.1.title`, "Evidence title"), control: control.id });
    rows.push({
      ...meta(`answers.${control.id}.evidence.1.path`, "Evidence file path (or use .url)"),
      control: control.id,
    });
    rows.push({ ...meta(`answers.${control.id}.notes`, "Notes"), control: control.id });
  }
  return stringify(rows, { header: true, columns: [...SHEET_COLUMNS] });
}

/** Turns a cell into the value the question expects; anything unrecognised stays text so validation can explain it. */
function coerce(cell: string, question: Question | undefined): unknown {
  return question ? coerceCell(question, cell) : cell;
}

function questionFor(catalog: Catalog, segments: string[]): Question | undefined {
  if (segments[0] === "profile" && segments.length === 2)
    return catalog.profile.find((q) => q.id === segments[1]);
  if (segments[0] === "answers" && segments[2] === "responses" && segments.length === 4) {
    return catalog.controls.find((c) => c.id === segments[1])?.questions.find((q) => q.id === segments[3]);
  }
  return undefined;
}

function setPath(root: Record<string, unknown>, segments: (string | number)[], value: unknown): void {
  let node: Record<string | number, unknown> = root;
  segments.forEach((segment, i) => {
    if (i === segments.length - 1) {
      node[segment] = value;
      return;
    }
    const next = segments[i + 1];
    node[segment] ??= typeof next === "number" ? [] : {};
    node = node[segment] as Record<string | number, unknown>;
  });
}

/** One row of the sheet, with the line it starts on. */
type SheetRecord = { record: string[]; info: { lines: number } };

/** Parses an answers sheet into the same data an answers YAML file holds, with row:column positions. */
export function parseAnswersSheet(path: string, text: string, catalog: Catalog): ParseResult {
  let records: SheetRecord[];
  try {
    // csv-parse's types describe plain rows; with `info: true` each row comes wrapped with its line numbers.
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
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
  const { data, places, diagnostics } = readAnswers(path, records.slice(1), { pathCol, answerCol }, catalog);
  return { file: { path, text, data, locate: locator(places) }, diagnostics };
}

function badSheet(path: string, message: string, hint: string, line = 1, column = 1): ParseResult {
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

/** Builds the answers data from the rows that have a path and an answer, and where each answer sits. */
function readAnswers(
  file: string,
  rows: readonly SheetRecord[],
  { pathCol, answerCol }: { pathCol: number; answerCol: number },
  catalog: Catalog,
): { data: Record<string, unknown>; places: Map<string, Place>; diagnostics: Diagnostic[] } {
  const data: Record<string, unknown> = {};
  const places = new Map<string, Place>();
  const diagnostics: Diagnostic[] = [];
  for (const { record, info } of rows) {
    const key = record[pathCol]?.trim();
    const cell = record[answerCol]?.trim() ?? "";
    if (!key || cell === "") continue;
    // Sheets count evidence from 1; the data model counts from 0.
    const segments = key
      .split(".")
      .map((s, i, all) => (all[i - 1] === "evidence" && /^\d+$/.test(s) ? Number(s) - 1 : s));
    if (segments.some((s) => s === -1)) {
      // A row that the data cannot hold would otherwise vanish without a word.
      const at = segments.indexOf(-1);
      diagnostics.push(
        evidenceZero(file, key, segments.slice(0, at).map(String), { line: info.lines, column: pathCol + 1 }),
      );
      continue;
    }
    const point = { line: info.lines, column: answerCol + 1 };
    places.set(JSON.stringify(segments.map(String)), { start: point, end: point, approximate: false });
    setPath(data, segments, coerce(cell, questionFor(catalog, segments.map(String))));
  }
  return { data, places, diagnostics };
}

/** A row that numbers a piece of evidence 0: the sheet counts from 1. */
function evidenceZero(file: string, key: string, path: string[], start: Diagnostic["start"]): Diagnostic {
  return {
    file,
    start,
    path,
    severity: "error",
    code: "input/bad-sheet",
    message: `Evidence is numbered from 1, not 0: \`${key}\``,
    hint: `Write \`${key.replace(/\.evidence\.0+(\.|$)/, ".evidence.1$1")}\` for the first piece of evidence.`,
  };
}

/** Places a key path at its answer's cell; otherwise, approximately, at the first cell under its longest prefix that has one. */
function locator(places: ReadonlyMap<string, Place>): (target: readonly PropertyKey[]) => Place {
  return (target) => {
    for (let n = target.length; n > 0; n--) {
      const prefix = JSON.stringify(target.slice(0, n).map(String));
      const exact = places.get(prefix);
      if (exact) return { ...exact, approximate: n < target.length };
      for (const [k, place] of places)
        if (k.startsWith(prefix.slice(0, -1))) return { ...place, approximate: true };
    }
    return { start: { line: 1, column: 1 }, end: { line: 1, column: 1 }, approximate: true };
  };
}
