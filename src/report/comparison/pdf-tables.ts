// The comparison PDF's tables: controls and lessons across the sector, the register of submissions, and the method.
import { startSection } from "../pdf/blocks.js";
import { INK, SIZE } from "../pdf/styles.js";
import { type Column, drawTable } from "../pdf/table.js";
import { paragraph } from "../pdf/text.js";
import type { ComparisonModel } from "./compare-model.js";
import { subheading } from "./pdf-cover.js";
import type { ComparisonDrawing } from "./render-pdf.js";

type ControlRow = ComparisonModel["controls"][number];
type LessonRow = ComparisonModel["lessons"][number];
type RegisterRow = ComparisonModel["register"][number];
type Invalid = ComparisonModel["invalid"][number];
type Problem = Invalid["diagnostics"][number];

const CONTROL_COLUMNS: readonly Column<ControlRow>[] = [
  { header: "Control", width: 26, cell: (r) => `${r.id} ${r.title}` },
  { header: "Severity", width: 6, cell: (r) => r.severity },
  { header: "Compared", width: 6, align: "right", cell: (r) => r.compared },
  { header: "Met", width: 5, align: "right", cell: (r) => r.met },
  { header: "Partial", width: 5, align: "right", cell: (r) => r.partial },
  { header: "Not met", width: 5, align: "right", cell: (r) => r.not_met },
  { header: "Not answered", width: 6, align: "right", cell: (r) => r.not_answered },
  { header: "Risk accepted", width: 6, align: "right", cell: (r) => r.risk_accepted },
  { header: "N/A", width: 5, align: "right", cell: (r) => r.not_applicable },
  { header: "Declared N/A", width: 5, align: "right", cell: (r) => r.declared },
  { header: "Norm", width: 6, cell: (r) => r.norm },
  { header: "Below the norm", width: 10, cell: (r) => r.below },
  { header: "Above the norm", width: 9, cell: (r) => r.above },
];

/** Every control's sector statistics: shares per status, the norm, and who stands out from it. */
export function drawControlTable({ canvas, model }: ComparisonDrawing): void {
  startSection(canvas, "Controls across the sector", "controls");
  paragraph(canvas, model.prose.controls, { size: SIZE.small, color: INK.muted, after: 6 });
  drawTable(canvas, CONTROL_COLUMNS, model.controls, {
    size: SIZE.tiny,
    caption: "Controls across the sector",
  });
}

const LESSON_COLUMNS: readonly Column<LessonRow>[] = [
  { header: "Lesson", width: 34, cell: (r) => `${r.number} ${r.title}` },
  { header: "Exchanges", width: 9, align: "right", cell: (r) => r.n },
  { header: "Min", width: 6, align: "right", cell: (r) => r.min },
  { header: "Q1", width: 6, align: "right", cell: (r) => r.q1 },
  { header: "Median", width: 6, align: "right", cell: (r) => r.median },
  { header: "Q3", width: 6, align: "right", cell: (r) => r.q3 },
  { header: "Max", width: 6, align: "right", cell: (r) => r.max },
  { header: "Low outliers", width: 27, cell: (r) => r.outliers },
];

/** Each lesson's distribution of scores across the sector, with its low outliers. */
export function drawLessonTable({ canvas, model }: ComparisonDrawing): void {
  startSection(canvas, "Lessons across the sector", "lessons");
  paragraph(canvas, model.prose.lessons, { size: SIZE.small, color: INK.muted, after: 6 });
  drawTable(canvas, LESSON_COLUMNS, model.lessons, { caption: "Lessons across the sector" });
}

const REGISTER_COLUMNS: readonly Column<RegisterRow>[] = [
  { header: "Organization", width: 20, cell: (r) => r.organization },
  { header: "File", width: 20, cell: (r) => r.file },
  { header: "Assessed", width: 8, cell: (r) => r.assessment_date },
  { header: "Catalog", width: 6, cell: (r) => r.catalog_version },
  {
    header: "SHA-256",
    width: 34,
    cell: (r) => ({ runs: [{ text: r.sha256 ?? "—", style: { font: "mono", size: 5.5 } }] }),
  },
  { header: "Standing", width: 12, cell: (r) => (r.note ? `${r.standing} (${r.note})` : r.standing) },
];

const PROBLEM_COLUMNS: readonly Column<Problem>[] = [
  { header: "Where", width: 26, cell: (d) => d.where },
  { header: "Severity", width: 7, cell: (d) => d.severity },
  { header: "Problem", width: 50, cell: (d) => plain(d.message) },
  { header: "Code", width: 17, cell: (d) => d.code },
];

/** Problems listed per invalid submission before the rest are counted. */
const PROBLEMS_SHOWN = 5;

/** The register of every file read, then what kept some from being compared, and the pseudonymisation. */
export function drawRegister({ canvas, model }: ComparisonDrawing): void {
  startSection(canvas, "Register of submissions", "register");
  paragraph(canvas, model.prose.register, { size: SIZE.small, color: INK.muted, after: 6 });
  drawTable(canvas, REGISTER_COLUMNS, model.register, {
    size: SIZE.tiny,
    caption: "Register of submissions",
  });
  for (const s of model.invalid) {
    subheading(canvas, `Invalid: ${s.file}${s.organization ? ` (${s.organization})` : ""}`);
    drawTable(canvas, PROBLEM_COLUMNS, s.diagnostics.slice(0, PROBLEMS_SHOWN), {
      size: SIZE.tiny,
      caption: `Problems of ${s.file}`,
    });
    if (s.diagnostics.length > PROBLEMS_SHOWN)
      paragraph(
        canvas,
        `… and ${s.diagnostics.length - PROBLEMS_SHOWN} more (see the Markdown or JSON output).`,
        {
          size: SIZE.small,
          color: INK.muted,
        },
      );
  }
  if (model.not_compared.length > 0 || model.newer_versions.length > 0) {
    subheading(canvas, "Controls not compared for some submissions (catalog versions)");
    for (const l of model.not_compared)
      paragraph(canvas, `${l.id}: ${plain(l.explanation)} Not compared for: ${l.organizations}.`, {
        size: SIZE.small,
      });
    for (const n of model.newer_versions) paragraph(canvas, plain(n.text), { size: SIZE.small });
  }
}

/** Status definitions, how submissions are evaluated and matched, and what pseudonyms do and do not hide. */
export function drawMethod({ canvas, model }: ComparisonDrawing): void {
  startSection(canvas, "Method", "method");
  drawTable(
    canvas,
    [
      { header: "Status", width: 18, cell: (s: ComparisonModel["method"]["statuses"][number]) => s.label },
      {
        header: "Meaning",
        width: 82,
        cell: (s: ComparisonModel["method"]["statuses"][number]) => plain(s.definition),
      },
    ],
    model.method.statuses,
    { caption: "Statuses" },
  );
  for (const note of model.prose.method) paragraph(canvas, `• ${note}`, { size: SIZE.small, after: 3 });
  const p = model.pseudonymisation;
  if (p)
    paragraph(
      canvas,
      `• Pseudonymisation, not anonymisation. Organizations appear under pseudonyms derived by ${p.method}. ${
        p.keyed
          ? "Whoever holds the key can re-identify them."
          : "Anyone with the list of registered exchanges can recompute them: set VASPCHECK_PSEUDONYM_KEY before publishing."
      } Assessment dates are shown as quarters, and no peer group smaller than ${p.min_peers} is shown; scores and answer patterns can still single out an organization in a small sector.`,
      { size: SIZE.small },
    );
}

/** A message as plain text: the backticks that mark code in Markdown are not printed in the PDF. */
function plain(text: string): string {
  return text.replaceAll("`", "");
}
