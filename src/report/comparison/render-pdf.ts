// The comparison as PDF: findings, exposure bars, and heat maps of exchanges × lessons and × controls.
import type { Comparison } from "../../model/comparison.js";
import type { FontSet } from "../pdf/fonts.js";
import { INCIDENT_COLOR, STATUS_COLOR } from "../pdf/styles.js";
import { buildComparisonModel } from "./compare-model.js";
import { type Canvas, openCanvas } from "./pdf-canvas.js";
import { drawHeatmap } from "./pdf-heatmap.js";

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
  const dates = comparison.organizations.map((o) => o.assessment_date).sort();
  const canvas = openCanvas(
    {
      title: model.title,
      subject: `Comparison of ${comparison.summary.compared} submissions against ${model.provenance.catalog}`,
      date: comparison.as_of ?? dates.at(-1) ?? "1970-01-01",
    },
    options.fonts,
  );
  drawSummary(canvas, model);
  drawExposure(canvas, comparison);
  canvas.heading("Heat map: exchanges × lessons", 1);
  canvas.paragraph(
    `Severity-weighted score per lesson (0 red, 50 amber, 100 green; grey: nothing applies). Lowest overall score first. ${model.lesson_legend.map((l) => `${l.number} ${l.title}`).join(" · ")}`,
    7,
  );
  drawHeatmap(
    canvas,
    model.matrix.lesson_columns.map((label) => ({ label })),
    comparison.organizations.map((o, i) => ({
      label: o.label,
      highlight: o.focus,
      lead: [model.matrix.rows[i]!.score, model.matrix.rows[i]!.tier],
      cells: comparison.lessons.map((l) => {
        const score = o.lessons[l.id] ?? null;
        return { color: heat(score), text: score === null ? "" : score.toFixed(0) };
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
  canvas.heading("Heat map: exchanges × controls", 1);
  canvas.paragraph(model.legend.map((l) => `${l.label}: ${COLOR_NAME[l.label] ?? ""}`).join(" · "), 7);
  drawHeatmap(
    canvas,
    comparison.controls.map((c) => ({ label: c.id })),
    comparison.organizations.map((o) => ({
      label: o.label,
      highlight: o.focus,
      lead: [],
      cells: comparison.controls.map((c) => ({ color: STATUS_COLOR[o.controls[c.id] ?? "not_applicable"] })),
    })),
    { labelWidth: 150, leadWidth: 0, leadHeaders: [], rowHeight: 8, verticalHeaders: true, maxCellWidth: 16 },
  );
  drawSubmissions(canvas, model);
  return canvas.finish();
}

const COLOR_NAME: Record<string, string> = {
  Met: "green",
  "Partially met": "amber",
  "Not met": "red",
  "Not answered": "purple",
  "Risk accepted": "orange",
  "Not applicable": "grey",
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

function drawSummary(canvas: Canvas, model: Model): void {
  canvas.heading(model.title, 1);
  const p = model.provenance;
  for (const line of [
    `Catalog: ${p.catalog} (SHA-256 ${p.catalog_sha256.slice(0, 16)}…)`,
    `Submissions: ${p.submissions}`,
    `Evaluated as of: ${p.as_of} · Organizations shown ${p.names} · vaspcheck ${p.vaspcheck_version} (${p.format})`,
  ])
    canvas.paragraph(line, 8.5);
  if (model.focus) {
    canvas.heading("Your position among your peers", 2);
    for (const l of [model.focus.overall, ...model.focus.lessons])
      canvas.paragraph(
        `${l.title}: ${l.score} (peer median ${l.median}, ${l.percentile} percentile of ${l.peers} peers)`,
        8,
      );
    for (const c of model.focus.lagging)
      canvas.paragraph(
        `Below the sector norm: ${c.id} ${c.title} — ${c.status}; ${c.peers_met} of peers meet it`,
        8,
      );
  }
  canvas.heading("Key findings", 2);
  for (const finding of model.findings) canvas.paragraph(`• ${finding}`, 8.5);
}

function drawExposure(canvas: Canvas, comparison: Comparison): void {
  canvas.heading("Exposure to past attacks", 1);
  canvas.paragraph(
    "Share of exchanges whose controls would stop (green), only hinder (amber) or not stop (red) each attack chain; grey: does not apply.",
    8,
  );
  const { doc, box } = canvas;
  const barLeft = box.left + 170;
  const barWidth = 260;
  for (const e of comparison.exposure) {
    if (canvas.remaining() < 24) canvas.newPage();
    const y = canvas.y;
    canvas.font("bold", 8);
    doc.text(canvas.safe(`${e.name} (${e.date})`), box.left, y, {
      width: 165,
      lineBreak: false,
      ellipsis: true,
    });
    const total = Math.max(1, comparison.organizations.length);
    let x = barLeft;
    for (const [verdict, n] of [
      ["stopped", e.stopped],
      ["limited", e.limited],
      ["detected", e.detected],
      ["hindered", e.hindered],
      ["not_stopped", e.not_stopped],
      ["not_applicable", e.not_applicable],
    ] as const) {
      const w = (barWidth * n) / total;
      if (w > 0) doc.rect(x, y, w, 9).fill(INCIDENT_COLOR[verdict]!);
      x += w;
    }
    doc.fillColor(canvas.ink.text);
    canvas.font("regular", 7.5);
    doc.text(
      `${e.stopped} stop · ${e.limited} limit the loss · ${e.detected} only detect · ${e.hindered} only hinder · ${e.not_stopped} do not stop`,
      barLeft + barWidth + 8,
      y + 1,
      {
        lineBreak: false,
      },
    );
    if (e.weakest_step) {
      doc.fillColor(canvas.ink.muted);
      doc.text(
        canvas.safe(
          `Weakest at step ${e.weakest_step.number}, "${e.weakest_step.title}": ${e.weakest_step.not_blocked} of ${e.weakest_step.of} exchanges have no control that blocks it.`,
        ),
        barLeft,
        y + 11,
        { width: box.left + box.width - barLeft, lineBreak: false, ellipsis: true },
      );
      doc.fillColor(canvas.ink.text);
    }
    canvas.y = y + 24;
  }
}

function drawSubmissions(canvas: Canvas, model: Model): void {
  canvas.heading("Submissions", 1);
  if (model.invalid.length > 0) {
    canvas.heading(`Invalid submissions (${model.invalid.length}, not compared)`, 2);
    for (const s of model.invalid) {
      canvas.paragraph(`${s.file}${s.organization ? ` — ${s.organization}` : ""}`, 8, "bold");
      for (const d of s.diagnostics.slice(0, DIAGNOSTICS_SHOWN))
        canvas.paragraph(`${d.where}  ${d.severity}  ${d.message}  (${d.code})`, 7);
      if (s.diagnostics.length > DIAGNOSTICS_SHOWN)
        canvas.paragraph(
          `… and ${s.diagnostics.length - DIAGNOSTICS_SHOWN} more (see the Markdown or JSON output)`,
          7,
        );
    }
  }
  if (model.duplicates.length > 0) {
    canvas.heading("Several submissions from one organization", 2);
    for (const d of model.duplicates)
      canvas.paragraph(`${d.organization}: compared ${d.kept}; set aside ${d.ignored} — ${d.reason}`, 7.5);
  }
  if (model.left_out.length > 0 || model.newer_versions.length > 0) {
    canvas.heading("Controls left out because of catalog versions", 2);
    for (const l of model.left_out) canvas.paragraph(`${l.id}: ${l.explanation}`, 7.5);
    for (const n of model.newer_versions) canvas.paragraph(n.text, 7.5);
  }
  if (model.invalid.length + model.duplicates.length + model.left_out.length === 0)
    canvas.paragraph(
      "Every submission was valid, for a distinct organization and comparable on every control.",
      8,
    );
  if (model.pseudonymisation) {
    canvas.heading("Pseudonymisation, not anonymisation", 2);
    canvas.paragraph(
      `Organizations appear under pseudonyms derived by ${model.pseudonymisation.method}. ${
        model.pseudonymisation.keyed
          ? "Whoever holds the key can re-identify them."
          : "Anyone with the list of registered exchanges can recompute them: set VASPCHECK_PSEUDONYM_KEY before publishing."
      } Scores and answer patterns can still single out an organization in a small sector.`,
      8,
    );
  }
}
