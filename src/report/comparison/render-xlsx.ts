// The comparison as a workbook for a regulator: the organizations × controls matrix in status colours, the answers
// to numeric and choice questions side by side, a sheet per incident, the controls and the register of submissions.
import type { Comparison, OrganizationRow } from "../../model/comparison.js";
import { redateZip } from "../../source/zip-dates.js";
import { INCIDENT_LABEL, STEP_LABEL } from "../labels.js";
import { INCIDENT_COLOR, INK, STATUS_COLOR, STEP_COLOR } from "../pdf/styles.js";
import { cellLabel } from "./compare-model.js";

type Workbook = import("exceljs").Workbook;
type Worksheet = import("exceljs").Worksheet;
type Cell = import("exceljs").Cell;

/** The columns every organization sheet starts with. */
const ROW_HEAD = [
  "Organization",
  "Jurisdiction",
  "Assessment date",
  "Catalog version",
  "Assurance",
  "Score",
  "Tier",
];

/**
 * Renders the comparison as `.xlsx`. Every cell holds a value, never a formula: text from a submission is written as
 * a string cell, which no spreadsheet evaluates. Dated by the as-of date (or the latest assessment date), so the same
 * comparison gives the same bytes.
 */
export async function renderComparisonXlsx(comparison: Comparison): Promise<Uint8Array> {
  const { default: Excel } = (await import("exceljs")) as unknown as { default: typeof import("exceljs") };
  const stamp = new Date(`${dateOf(comparison)}T00:00:00Z`);
  const workbook = new Excel.Workbook();
  workbook.creator = "vaspcheck";
  workbook.lastModifiedBy = "vaspcheck";
  workbook.created = stamp;
  workbook.modified = stamp;
  matrixSheet(workbook, comparison);
  valuesSheet(workbook, comparison);
  for (const exposure of comparison.exposure) incidentSheet(workbook, comparison, exposure);
  controlsSheet(workbook, comparison);
  registerSheet(workbook, comparison);
  return redateZip(new Uint8Array(await workbook.xlsx.writeBuffer()), stamp);
}

function dateOf(c: Comparison): string {
  if (c.as_of) return c.as_of;
  const dates = c.organizations.map((o) => o.assessment_date).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d));
  return dates.sort().at(-1) ?? "1980-01-01";
}

/** A sheet with a bold, frozen header row (and frozen first column). */
function sheetOf(
  workbook: Workbook,
  name: string,
  header: readonly string[],
  widths: readonly number[],
): Worksheet {
  const ws = workbook.addWorksheet(name, { views: [{ state: "frozen", xSplit: 1, ySplit: 1 }] });
  ws.addRow([...header]);
  const row = ws.getRow(1);
  row.font = { bold: true };
  row.alignment = { wrapText: true, vertical: "top" };
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
  return ws;
}

function rowHead(o: OrganizationRow): (string | number | null)[] {
  return [
    o.label,
    o.jurisdiction ?? "",
    o.assessment_date,
    o.answered_catalog_version,
    o.assurance,
    o.score,
    o.tier,
  ];
}

/** A cell in a status's colour: the label in its colour on a light tint of it, with the mark for readers without colour. */
function paint(cell: Cell, text: string, color: string): void {
  cell.value = text;
  cell.font = { color: { argb: argb(color) }, bold: true };
  cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(tint(color)) } };
}

function matrixSheet(workbook: Workbook, c: Comparison): void {
  const ws = sheetOf(
    workbook,
    "Matrix",
    [...ROW_HEAD, ...c.controls.map((x) => x.id)],
    [28, 12, 12, 10, 24, 8, 6, ...c.controls.map(() => 12)],
  );
  c.controls.forEach((control, i) => {
    // The header is the id; the title, severity and level are its note, read by hovering over it.
    ws
      .getRow(1)
      .getCell(
        ROW_HEAD.length + 1 + i,
      ).note = `${control.title} (${control.severity}, level ${control.level})`;
  });
  for (const o of c.organizations) {
    const row = ws.addRow(rowHead(o));
    c.controls.forEach((control, i) => {
      const status = o.controls[control.id] ?? "not_compared";
      const { label, mark } = cellLabel(status);
      paint(
        row.getCell(ROW_HEAD.length + 1 + i),
        `${mark} ${label}`,
        status === "not_compared" ? INK.muted : STATUS_COLOR[status],
      );
    });
  }
}

/** The answers themselves: one column per numeric or choice question, numbers as numbers, choices as labels. */
function valuesSheet(workbook: Workbook, c: Comparison): void {
  const ws = sheetOf(
    workbook,
    "Answers",
    [...ROW_HEAD, ...c.questions.map((q) => `${q.key}: ${q.text}${q.unit ? ` (${q.unit})` : ""}`)],
    [28, 12, 12, 10, 24, 8, 6, ...c.questions.map(() => 18)],
  );
  ws.getRow(1).height = 90;
  for (const o of c.organizations) {
    const row = ws.addRow(rowHead(o));
    c.questions.forEach((q, i) => {
      const value = o.values[q.key];
      if (value === undefined) return;
      const cell = row.getCell(ROW_HEAD.length + 1 + i);
      if (value === "") {
        // A multiple choice answered with none of its choices, which a blank cell would hide.
        cell.value = "(none selected)";
        return;
      }
      cell.value =
        typeof value === "number"
          ? value
          : value
              .split("; ")
              .map((v) => q.choices?.[v] ?? v)
              .join("; ");
      if (q.type === "percentage") cell.numFmt = '0.0"%"';
    });
  }
}

type Exposure = Comparison["exposure"][number];

/** One incident: each organization's verdict and the verdict of each step of the chain. */
function incidentSheet(workbook: Workbook, c: Comparison, e: Exposure): void {
  const ws = sheetOf(
    workbook,
    sheetName(e.incident_id),
    ["Organization", "Verdict", ...e.steps.map((s) => `${s.number}. ${s.title}`)],
    [28, 30, ...e.steps.map(() => 22)],
  );
  ws.getRow(1).height = 60;
  for (const o of c.organizations) {
    const cell = o.incidents[e.incident_id];
    const row = ws.addRow([o.label]);
    if (!cell || cell.verdict === "not_comparable") {
      row.getCell(2).value = "Not comparable (older catalog version)";
      continue;
    }
    paint(row.getCell(2), INCIDENT_LABEL[cell.verdict], INCIDENT_COLOR[cell.verdict] ?? INK.muted);
    e.steps.forEach((s, i) => {
      const verdict = cell.steps[s.step_id];
      if (verdict === undefined) return;
      const { label, mark } = STEP_LABEL[verdict];
      paint(row.getCell(3 + i), `${mark} ${label}`, STEP_COLOR[verdict] ?? INK.muted);
    });
  }
}

function controlsSheet(workbook: Workbook, c: Comparison): void {
  const ws = sheetOf(
    workbook,
    "Controls",
    [
      "Control",
      "Title",
      "Severity",
      "Level",
      "Lessons",
      "Compared",
      "Met",
      "Partially met",
      "Not met",
      "Not answered",
      "Risk accepted",
      "Not applicable",
      "Sector norm",
    ],
    [10, 44, 10, 6, 20, 10, 8, 10, 8, 10, 10, 10, 14],
  );
  const stats = new Map(c.control_stats.map((s) => [s.control_id, s]));
  for (const control of c.controls) {
    const s = stats.get(control.id);
    ws.addRow([
      control.id,
      control.title,
      control.severity,
      control.level,
      control.lessons.join("; "),
      s?.compared ?? 0,
      s?.counts.met ?? 0,
      s?.counts.partially_met ?? 0,
      s?.counts.not_met ?? 0,
      s?.counts.not_answered ?? 0,
      s?.counts.risk_accepted ?? 0,
      s?.counts.not_applicable ?? 0,
      s?.norm ? cellLabel(s.norm).label : "none",
    ]);
  }
}

/** Every submission compared: who, which file, its digest. A pseudonymised row names no file. */
function registerSheet(workbook: Workbook, c: Comparison): void {
  const ws = sheetOf(
    workbook,
    "Submissions",
    [
      "Organization",
      "File",
      "Assessment date",
      "Catalog version",
      "SHA-256",
      "Third parties' SHA-256",
      "Assurance",
      "Signature",
    ],
    [28, 36, 12, 10, 66, 66, 30, 40],
  );
  for (const o of c.organizations)
    ws.addRow([
      o.label,
      o.file ?? "",
      o.assessment_date,
      o.answered_catalog_version,
      o.sha256,
      o.third_party_sha256.join("; "),
      o.assurance,
      o.signature,
    ]);
  for (const bad of c.invalid)
    ws.addRow([bad.organization ?? "", bad.file, "", "", "", "not compared: invalid"]);
}

/** A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`. */
function sheetName(id: string): string {
  return id.replace(/[[\]:*?/\\]/g, "-").slice(0, 31);
}

function argb(hex: string): string {
  return `FF${hex.replace("#", "").toUpperCase()}`;
}

/** The colour mixed with 85% white: a fill light enough for its own colour as text to stay readable. */
function tint(hex: string): string {
  const n = Number.parseInt(hex.replace("#", ""), 16);
  const mix = (shift: number) => Math.round(((n >> shift) & 255) * 0.15 + 255 * 0.85);
  return `#${[16, 8, 0].map((s) => mix(s).toString(16).padStart(2, "0")).join("")}`;
}
