// The comparison as PDF: findings, exposure bars, and heat maps of exchanges × lessons and × controls.
import type { Comparison } from "../../model/comparison.js";
import { heading, startSection } from "../pdf/blocks.js";
import type { FontSet } from "../pdf/fonts.js";
import { fillRect } from "../pdf/shapes.js";
import { INCIDENT_COLOR, INK, STATUS_COLOR } from "../pdf/styles.js";
import { type BoxOptions, drawText, ensureSpace, paragraph, type TextStyle } from "../pdf/text.js";
import { buildComparisonModel, NOT_COMPARED, OLDER_MARK } from "./compare-model.js";
import { type ComparisonCanvas, openComparisonCanvas } from "./pdf-canvas.js";
import { drawHeatmap, HATCH, type HeatCell, hatchCells } from "./pdf-heatmap.js";

/** Options of `renderComparisonPdf`. */
export interface ComparisonPdfOptions {
  readonly vaspcheckVersion: string;
  /** Fonts to embed; default: those of the PDF report (Noto Sans JP, so Japanese names render). */
  readonly fonts?: FontSet;
}

/** Diagnostics listed per invalid submission before the rest are counted. */
const DIAGNOSTICS_SHOWN = 5;

/**
 * Renders a comparison as PDF. Deterministic: the document date is the as-of date, or else the latest
 * assessment date among the submissions, never the clock.
 */
export function renderComparisonPdf(comparison: Comparison, options: ComparisonPdfOptions): Uint8Array {
  const model = buildComparisonModel(comparison, options);
  const dates = comparison.organizations.map((o) => dayOf(o.assessment_date)).sort();
  const canvas = openComparisonCanvas(
    {
      title: model.title,
      subject: `Comparison of ${comparison.summary.compared} submissions against ${model.provenance.catalog}`,
      date: comparison.as_of ?? dates.at(-1) ?? "1970-01-01",
    },
    options.fonts,
  );
  drawSummary(canvas, model);
  drawExposure(canvas, comparison);
  drawLessonHeatmap(canvas, comparison, model);
  drawControlHeatmap(canvas, comparison, model);
  drawSubmissions(canvas, model);
  return canvas.finish();
}

/**
 * The day a document date is drawn from: an ISO date itself, a quarter (`2026-Q2`, a pseudonymised row) its first
 * day, so the document never dates a pseudonymised submission more precisely than its row does.
 */
export function dayOf(date: string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(date);
  if (!quarter) return date;
  return `${quarter[1]}-${String(3 * Number(quarter[2]) - 2).padStart(2, "0")}-01`;
}

function drawLessonHeatmap(canvas: ComparisonCanvas, comparison: Comparison, model: Model): void {
  section(canvas, "Heat map: exchanges × lessons");
  const older = model.matrix.older
    ? ` Hatched: scored on fewer of the lesson's controls (${OLDER_MARK} older catalog version), so not comparable with the others.`
    : "";
  text(
    canvas,
    `Severity-weighted score per lesson (0 red, 50 amber, 100 green; grey: nothing applies). Lowest overall score first.${older} ${model.lesson_legend.map((l) => `${l.number} ${l.title}`).join(" · ")}`,
    7,
  );
  drawHeatmap(
    canvas,
    model.matrix.lesson_columns.map((label) => ({ label })),
    comparison.organizations.map((o, i) => ({
      label: model.matrix.rows[i]!.label.replace(/^▶ /, ""),
      highlight: o.focus,
      lead: [model.matrix.rows[i]!.score, model.matrix.rows[i]!.tier],
      cells: comparison.lessons.map((l): HeatCell => {
        const score = o.lessons[l.id] ?? null;
        const text = score === null ? "" : score.toFixed(0);
        if (l.controls.some((id) => o.not_compared.includes(id)))
          return { color: HATCH.fill, text, hatched: true };
        return { color: heat(score), text };
      }),
    })),
    {
      labelWidth: 170,
      leadWidth: 30,
      leadHeaders: ["Score", "Tier"],
      rowHeight: 10,
      verticalHeaders: false,
      maxCellWidth: 48,
    },
  );
}

function drawControlHeatmap(canvas: ComparisonCanvas, comparison: Comparison, model: Model): void {
  section(canvas, "Heat map: exchanges × controls");
  text(
    canvas,
    model.legend.map((l) => `${l.label}: ${COLOR_NAME[l.label] ?? "hatched grey"}`).join(" · "),
    7,
  );
  drawHeatmap(
    canvas,
    comparison.controls.map((c) => ({ label: c.id })),
    comparison.organizations.map((o, i) => ({
      label: model.matrix.rows[i]!.label.replace(/^▶ /, ""),
      highlight: o.focus,
      lead: [],
      cells: comparison.controls.map((c): HeatCell => {
        const status = o.controls[c.id] ?? "not_applicable";
        return status === "not_compared"
          ? { color: HATCH.fill, hatched: true }
          : { color: STATUS_COLOR[status] };
      }),
    })),
    { labelWidth: 150, leadWidth: 0, leadHeaders: [], rowHeight: 8, verticalHeaders: true, maxCellWidth: 16 },
  );
}

const COLOR_NAME: Record<string, string> = {
  Met: "green",
  "Partially met": "amber",
  "Not met": "red",
  "Not answered": "purple",
  "Risk accepted": "orange",
  "Not applicable": "grey",
  [`${NOT_COMPARED.label} (older catalog version)`]: "hatched grey",
};

/** Red (0) through amber (50) to green (100); light grey when there is no score. */
export function heat(score: number | null): string {
  if (score === null) return "#d0d7de";
  const stops: [number, number, number][] = [
    [207, 34, 46],
    [212, 160, 23],
    [26, 127, 55],
  ];
  const t = Math.max(0, Math.min(100, score)) / 50;
  const [a, b] = t <= 1 ? [stops[0]!, stops[1]!] : [stops[1]!, stops[2]!];
  const f = t <= 1 ? t : t - 1;
  return `#${a
    .map((v, i) =>
      Math.round(v + (b[i]! - v) * f)
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;
}

type Model = ReturnType<typeof buildComparisonModel>;

/** A top-level section: a new page, a destination and an outline entry. */
function section(canvas: ComparisonCanvas, title: string): void {
  startSection(canvas, title, `section-${canvas.anchorPages.size + 1}`);
}

/** A paragraph across the page in the comparison's small type. */
function text(
  canvas: ComparisonCanvas,
  value: string,
  size: number,
  font: TextStyle["font"] = "regular",
): void {
  paragraph(canvas, value, { size, font });
}

function drawSummary(canvas: ComparisonCanvas, model: Model): void {
  section(canvas, model.title);
  const p = model.provenance;
  for (const line of [
    `Catalog: ${p.catalog} (SHA-256 ${p.catalog_sha256.slice(0, 16)}…)`,
    `Submissions: ${p.submissions}`,
    `Evaluated as of: ${p.as_of} · Organizations shown ${p.names} · vaspcheck ${p.vaspcheck_version} (${p.format})`,
  ])
    text(canvas, line, 8.5);
  if (model.focus) {
    heading(canvas, "Your position among your peers", 2);
    for (const l of [model.focus.overall, ...model.focus.lessons])
      text(
        canvas,
        `${l.title}: ${l.score} (peer median ${l.median}, ${l.percentile} percentile of ${l.peers} peers)`,
        8,
      );
    for (const c of model.focus.lagging)
      text(
        canvas,
        `Below the sector norm: ${c.id} ${c.title} — ${c.status}; peers meeting it: ${c.peers_met}`,
        8,
      );
    for (const i of model.focus.incidents)
      text(canvas, `${i.name}: ${i.verdict}; peers that would stop it: ${i.peers}`, 8);
  }
  heading(canvas, "Key findings", 2);
  for (const finding of model.findings) text(canvas, `• ${finding}`, 8.5);
  drawDeclaredAndOlder(canvas, model);
}

/** Who declared controls not applicable by their own answer, the shared third parties, and other catalog versions. */
function drawDeclaredAndOlder(canvas: ComparisonCanvas, model: Model): void {
  if (model.declared.length > 0) {
    heading(canvas, "Controls declared not applicable by the exchanges' own answers", 2);
    for (const d of model.declared) text(canvas, `${d.label}: ${d.count} — ${d.controls}`, 8);
  }
  if (model.shared_parties.length > 0) {
    heading(canvas, "Third parties the exchanges depend on", 2);
    for (const p of model.shared_parties)
      text(canvas, `${p.name}, ${p.role}: ${p.count} — ${p.organizations} (operates ${p.controls})`, 8);
  }
  if (model.older.length > 0) {
    heading(canvas, "Submissions on another catalog version", 2);
    for (const o of model.older) text(canvas, `${o.label}: ${o.note}`, 8);
  }
}

type Exposure = Comparison["exposure"][number];

const EXPOSURE_BAR_OFFSET = 170;
const EXPOSURE_BAR_WIDTH = 260;
const EXPOSURE_NAME: BoxOptions = { font: "bold", size: 8, height: 10 };
const EXPOSURE_COUNTS: BoxOptions = { size: 7.5, height: 10 };
const EXPOSURE_WEAKEST: BoxOptions = { size: 7.5, color: INK.muted, height: 10 };

function drawExposure(canvas: ComparisonCanvas, comparison: Comparison): void {
  section(canvas, "Exposure to past attacks");
  text(
    canvas,
    "Share of exchanges whose controls would stop (green), limit the loss (blue), only detect (purple), only hinder (amber) or not stop (red) each attack chain; grey: does not apply; hatched: not comparable (older catalog version).",
    8,
  );
  const total = Math.max(1, comparison.organizations.length);
  for (const e of comparison.exposure) drawExposureRow(canvas, e, total);
}

function drawExposureRow(canvas: ComparisonCanvas, e: Exposure, total: number): void {
  const { doc, box } = canvas;
  const barLeft = box.left + EXPOSURE_BAR_OFFSET;
  ensureSpace(canvas, 24);
  const y = doc.y;
  drawText(canvas, `${e.name} (${e.date})`, box.left, y, 165, EXPOSURE_NAME);
  drawVerdictShares(canvas, e, barLeft, y, total);
  drawText(
    canvas,
    `${e.stopped} stop · ${e.limited} limit the loss · ${e.detected} only detect · ${e.hindered} only hinder · ${e.not_stopped} do not stop${e.not_comparable > 0 ? ` · ${e.not_comparable} not comparable` : ""}`,
    barLeft + EXPOSURE_BAR_WIDTH + 8,
    y + 1,
    box.right - barLeft - EXPOSURE_BAR_WIDTH - 8,
    EXPOSURE_COUNTS,
  );
  if (e.weakest_step) {
    drawText(
      canvas,
      `Weakest at step ${e.weakest_step.number}, "${e.weakest_step.title}": ${e.weakest_step.not_blocked} of ${e.weakest_step.of} exchanges have no control that blocks it.`,
      barLeft,
      y + 11,
      box.right - barLeft,
      EXPOSURE_WEAKEST,
    );
  }
  doc.y = y + 24;
}

function drawVerdictShares(
  canvas: ComparisonCanvas,
  e: Exposure,
  left: number,
  y: number,
  total: number,
): void {
  let x = left;
  for (const [verdict, n] of [
    ["stopped", e.stopped],
    ["limited", e.limited],
    ["detected", e.detected],
    ["hindered", e.hindered],
    ["not_stopped", e.not_stopped],
    ["not_applicable", e.not_applicable],
  ] as const) {
    const w = (EXPOSURE_BAR_WIDTH * n) / total;
    if (w > 0) fillRect(canvas.doc, x, y, w, 9, INCIDENT_COLOR[verdict]!);
    x += w;
  }
  const w = (EXPOSURE_BAR_WIDTH * e.not_comparable) / total;
  if (w > 0) {
    fillRect(canvas.doc, x, y, w, 9, HATCH.fill);
    hatchCells(canvas, [[x - 0.3, y - 0.3]], w, 9);
  }
}

function drawSubmissions(canvas: ComparisonCanvas, model: Model): void {
  section(canvas, "Submissions");
  if (model.invalid.length > 0) {
    heading(canvas, `Invalid submissions (${model.invalid.length}, not compared)`, 2);
    for (const s of model.invalid) {
      text(canvas, `${s.file}${s.organization ? ` — ${s.organization}` : ""}`, 8, "bold");
      for (const d of s.diagnostics.slice(0, DIAGNOSTICS_SHOWN))
        text(canvas, `${d.where}  ${d.severity}  ${d.message}  (${d.code})`, 7);
      if (s.diagnostics.length > DIAGNOSTICS_SHOWN)
        text(
          canvas,
          `… and ${s.diagnostics.length - DIAGNOSTICS_SHOWN} more (see the Markdown or JSON output)`,
          7,
        );
    }
  }
  if (model.duplicates.length > 0) {
    heading(canvas, "Several submissions from one organization", 2);
    for (const d of model.duplicates)
      text(canvas, `${d.organization}: compared ${d.kept}; set aside ${d.ignored} — ${d.reason}`, 7.5);
  }
  if (model.not_compared.length > 0 || model.newer_versions.length > 0) {
    heading(canvas, "Controls not compared for some submissions (catalog versions)", 2);
    for (const l of model.not_compared)
      text(canvas, `${l.id}: ${l.explanation} Not compared for: ${l.organizations}.`, 7.5);
    for (const n of model.newer_versions) text(canvas, n.text, 7.5);
  }
  if (model.invalid.length + model.duplicates.length + model.not_compared.length === 0)
    text(
      canvas,
      "Every submission was valid, for a distinct organization and comparable on every control.",
      8,
    );
  if (model.pseudonymisation) {
    heading(canvas, "Pseudonymisation, not anonymisation", 2);
    text(
      canvas,
      `Organizations appear under pseudonyms derived by ${model.pseudonymisation.method}. ${
        model.pseudonymisation.keyed
          ? "Whoever holds the key can re-identify them."
          : "Anyone with the list of registered exchanges can recompute them: set VASPCHECK_PSEUDONYM_KEY before publishing."
      } Assessment dates are shown as quarters, and no peer group smaller than ${model.pseudonymisation.min_peers} is shown; scores and answer patterns can still single out an organization in a small sector.`,
      8,
    );
  }
}
