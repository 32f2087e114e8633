// The comparison PDF's exposure to past attacks: one bar per incident, most exposed first, with a legend of every
// colour, then each incident's attack steps as the Markdown tabulates them.
import { startSection } from "../pdf/blocks.js";
import type { PdfCanvas } from "../pdf/canvas.js";
import { fillRect } from "../pdf/shapes.js";
import { INCIDENT_COLOR, INK, SIZE } from "../pdf/styles.js";
import { type Column, drawTable } from "../pdf/table.js";
import { type BoxOptions, drawText, ensureSpace, paragraph, textWidth } from "../pdf/text.js";
import type { ComparisonModel } from "./compare-model.js";
import { subheading } from "./pdf-cover.js";
import { HATCH, hatchCells } from "./pdf-heatmap.js";
import type { ComparisonDrawing } from "./render-pdf.js";

type Exposure = ComparisonModel["exposure"][number];
type Step = Exposure["steps"][number];

/** One swatch of a legend: a colour (or hatching), optionally a symbol drawn on it, and what it means. */
export interface LegendItem {
  readonly color: string;
  readonly label: string;
  readonly symbol?: string;
  readonly symbolColor?: string;
  readonly hatched?: boolean;
}

/** Draws a legend on one line (wrapping onto more when needed): a swatch, then its label, for every item. */
export function drawLegend(canvas: PdfCanvas, items: readonly LegendItem[]): void {
  const { doc, box } = canvas;
  const style: BoxOptions = { size: SIZE.small, height: 10 };
  ensureSpace(canvas, 14);
  let x = box.left;
  let y = doc.y;
  for (const item of items) {
    const width = 12 + textWidth(canvas, item.label, style) + 12;
    if (x + width > box.right) {
      x = box.left;
      y += 12;
    }
    fillRect(doc, x, y + 1, 9, 8, item.color);
    if (item.hatched) hatchCells(canvas, [[x - 0.3, y + 0.7]], 9, 8);
    if (item.symbol)
      drawText(canvas, item.symbol, x, y + 1.2, 9, {
        size: 6,
        color: item.symbolColor ?? INK.white,
        align: "center",
        height: 8,
      });
    drawText(canvas, item.label, x + 12, y + 1, width - 12, style);
    x += width;
  }
  doc.y = y + 16;
}

/** The legend of the exposure bars: every verdict's colour, and the hatching of "not comparable". */
const EXPOSURE_LEGEND: readonly LegendItem[] = [
  { color: INCIDENT_COLOR.stopped!, label: "Stopped" },
  { color: INCIDENT_COLOR.limited!, label: "Loss limited" },
  { color: INCIDENT_COLOR.detected!, label: "Only detected" },
  { color: INCIDENT_COLOR.hindered!, label: "Only hindered" },
  { color: INCIDENT_COLOR.not_stopped!, label: "Not stopped" },
  { color: INCIDENT_COLOR.not_applicable!, label: "Does not apply" },
  { color: HATCH.fill, label: "Not comparable (older catalog version)", hatched: true },
];

const BAR_OFFSET = 170;
const BAR_WIDTH = 260;
const NAME: BoxOptions = { font: "bold", size: 8, height: 10 };
const COUNTS: BoxOptions = { size: 7.5, height: 10 };
const WEAKEST: BoxOptions = { size: 7.5, color: INK.muted, height: 10 };

/** Exposure bars, most exposed incident first, under their legend. */
export function drawExposure({ canvas, model, comparison }: ComparisonDrawing): void {
  startSection(canvas, "Exposure to past attacks", "exposure");
  paragraph(canvas, model.prose.exposure, { size: SIZE.small, color: INK.muted, after: 6 });
  drawLegend(canvas, EXPOSURE_LEGEND);
  const total = Math.max(1, comparison.organizations.length);
  for (const e of model.exposure) drawRow(canvas, e, total);
  paragraph(canvas, model.prose.not_comparable, { size: SIZE.small, color: INK.muted });
}

function drawRow(canvas: PdfCanvas, e: Exposure, total: number): void {
  const { doc, box } = canvas;
  const barLeft = box.left + BAR_OFFSET;
  ensureSpace(canvas, 25);
  const y = doc.y;
  drawText(canvas, `${e.name} (${e.date})`, box.left, y, BAR_OFFSET - 5, NAME);
  drawShares(canvas, e, barLeft, y, total);
  drawText(
    canvas,
    `${e.applicable} in scope: ${e.stopped} stop · ${e.limited} limit the loss · ${e.detected} only detect · ${e.hindered} only hinder · ${e.not_stopped} do not stop${e.not_comparable > 0 ? ` · ${e.not_comparable} not comparable` : ""}`,
    barLeft + BAR_WIDTH + 8,
    y + 1,
    box.right - barLeft - BAR_WIDTH - 8,
    COUNTS,
  );
  if (e.weakest !== "—")
    drawText(canvas, `Weakest: ${e.weakest}`, barLeft, y + 11, box.right - barLeft, WEAKEST);
  doc.y = y + 25;
}

function drawShares(canvas: PdfCanvas, e: Exposure, left: number, y: number, total: number): void {
  let x = left;
  for (const [verdict, n] of [
    ["stopped", e.stopped],
    ["limited", e.limited],
    ["detected", e.detected],
    ["hindered", e.hindered],
    ["not_stopped", e.not_stopped],
    ["not_applicable", e.not_applicable],
  ] as const) {
    const w = (BAR_WIDTH * n) / total;
    if (w > 0) fillRect(canvas.doc, x, y, w, 9, INCIDENT_COLOR[verdict]!);
    x += w;
  }
  const w = (BAR_WIDTH * e.not_comparable) / total;
  if (w > 0) {
    fillRect(canvas.doc, x, y, w, 9, HATCH.fill);
    hatchCells(canvas, [[x - 0.3, y - 0.3]], w, 9);
  }
}

const STEP_COLUMNS: readonly Column<Step>[] = [
  { header: "#", width: 3, align: "right", cell: (s) => String(s.number) },
  {
    header: "Attack step",
    width: 30,
    cell: (s) => ({
      runs: [
        { text: s.weakest ? `${s.title} (weakest)` : s.title, style: s.weakest ? { font: "bold" } : {} },
      ],
    }),
  },
  { header: "Blocked", width: 7, align: "right", cell: (s) => String(s.blocked) },
  { header: "Loss limited", width: 7, align: "right", cell: (s) => String(s.limited) },
  { header: "Detected", width: 7, align: "right", cell: (s) => String(s.detected) },
  { header: "Hindered", width: 7, align: "right", cell: (s) => String(s.hindered) },
  { header: "Open", width: 6, align: "right", cell: (s) => String(s.open) },
  { header: "What would stop it or cap its loss", width: 33, cell: (s) => s.controls },
];

/** Each incident's attack chain, step by step, with how many exchanges block, cap, detect or hinder each. */
export function drawIncidentSteps({ canvas, model }: ComparisonDrawing): void {
  startSection(canvas, "Attack steps across the sector", "steps");
  for (const e of model.exposure) {
    subheading(canvas, `${e.name} (${e.date})`, e.summary);
    drawTable(canvas, STEP_COLUMNS, e.steps, { caption: `${e.name}: attack steps` });
  }
}
