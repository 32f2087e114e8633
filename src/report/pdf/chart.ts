// Charts drawn as vector shapes: horizontal percentage bars and a stacked proportion bar with legend.
import type { PdfCanvas } from "./canvas.js";
import { INK, SCORE_LEGEND, SIZE, scoreColor } from "./styles.js";
import { drawText, ensureSpace, measure } from "./text.js";

/** One bar: a label and a percentage (null when nothing applies). */
export interface Bar {
  readonly label: string;
  readonly value: number | null;
  readonly valueLabel: string;
  readonly goTo?: string;
}

const LABEL_WIDTH = 200;
const AXIS = [0, 25, 50, 75, 100];

/** Where the 0–100 % scale lies across the page. */
interface Plot {
  readonly x: number;
  readonly width: number;
}

const xAt = (plot: Plot, v: number) => plot.x + (v / 100) * plot.width;

/** Horizontal 0–100 % bars with gridlines; continues on a new page with the axis repeated. */
export function barChart(ctx: PdfCanvas, bars: readonly Bar[]): void {
  const { doc, box } = ctx;
  const plotX = box.left + LABEL_WIDTH + 8;
  const plot: Plot = { x: plotX, width: box.right - plotX - 40 };
  const rows = bars.map((bar) => ({
    bar,
    height: Math.max(measure(ctx, bar.label, LABEL_WIDTH, { size: SIZE.small }), 11) + 5,
  }));
  ensureSpace(
    ctx,
    11 +
      Math.min(
        rows.reduce((a, row) => a + row.height, 0),
        200,
      ),
  );
  drawAxis(ctx, plot);
  for (const { bar, height } of rows) {
    if (doc.y + height > box.bottom) {
      doc.addPage();
      drawAxis(ctx, plot);
    }
    drawBarRow(ctx, plot, bar, height);
  }
  drawScoreLegend(ctx);
  doc.x = box.left;
  doc.y += 8;
}

/** What the bar colours mean: one swatch per band of `scoreColor`. */
function drawScoreLegend(ctx: PdfCanvas): void {
  const { doc, box } = ctx;
  ensureSpace(ctx, 14);
  const y = doc.y + 3;
  let x = box.left;
  drawText(ctx, "Bar colour:", x, y, 60, { size: SIZE.tiny, color: INK.muted, height: 9 });
  x += 50;
  for (const band of SCORE_LEGEND) {
    doc.rect(x, y + 1, 8, 7).fill(band.color);
    drawText(ctx, band.label, x + 11, y, 90, { size: SIZE.tiny, color: INK.muted, height: 9 });
    x += 100;
  }
  doc.y = y + 11;
}

function drawAxis(ctx: PdfCanvas, plot: Plot): void {
  const { doc } = ctx;
  const y = doc.y;
  for (const tick of AXIS) {
    drawText(ctx, `${tick}%`, xAt(plot, tick) - 15, y, 30, {
      size: SIZE.tiny,
      color: INK.muted,
      align: "center",
      height: 9,
    });
  }
  doc.y = y + 11;
}

// Gridlines are drawn row by row, under the bar and its label.
function drawGridlines(ctx: PdfCanvas, plot: Plot, from: number, to: number): void {
  for (const tick of AXIS) {
    ctx.doc
      .moveTo(xAt(plot, tick), from)
      .lineTo(xAt(plot, tick), to)
      .lineWidth(0.4)
      .strokeColor(tick === 0 ? INK.faint : INK.rule)
      .stroke();
  }
}

function drawBarRow(ctx: PdfCanvas, plot: Plot, bar: Bar, height: number): void {
  const { doc, box } = ctx;
  const y = doc.y;
  drawGridlines(ctx, plot, y, y + height);
  drawText(ctx, bar.label, box.left, y + 2, LABEL_WIDTH, { size: SIZE.small, goTo: bar.goTo });
  const barY = y + (height - 9) / 2;
  if (bar.value !== null) {
    doc.rect(plot.x, barY, Math.max((bar.value / 100) * plot.width, 1), 9).fill(scoreColor(bar.value));
  }
  drawText(ctx, bar.valueLabel, xAt(plot, bar.value ?? 0) + 4, barY + 0.5, 40, {
    font: "bold",
    size: SIZE.tiny,
    color: INK.text,
    height: 9,
  });
  doc.y = y + height;
}

/** One segment of a stacked bar. */
export interface Segment {
  readonly label: string;
  readonly count: number;
  readonly color: string;
}

/** A full-width bar split by counts, with a legend of labels and counts below it. */
export function stackedBar(ctx: PdfCanvas, segments: readonly Segment[]): void {
  const { doc, box } = ctx;
  ensureSpace(ctx, 48);
  const y = doc.y;
  const total = segments.reduce((sum, s) => sum + s.count, 0);
  let x = box.left;
  doc.rect(box.left, y, box.width, 14).fill(INK.zebra);
  for (const s of segments) {
    if (total === 0 || s.count === 0) continue;
    const width = (s.count / total) * box.width;
    doc.rect(x, y, width, 14).fill(s.color);
    x += width;
  }
  const columns = 3;
  const cell = box.width / columns;
  segments.forEach((s, i) => {
    const lx = box.left + (i % columns) * cell;
    const ly = y + 20 + Math.floor(i / columns) * 12;
    doc.rect(lx, ly + 1.5, 8, 8).fill(s.color);
    drawText(ctx, `${s.label}: ${s.count}`, lx + 12, ly, cell - 14, { size: SIZE.small, height: 11 });
  });
  doc.x = box.left;
  doc.y = y + 20 + Math.ceil(segments.length / columns) * 12 + 6;
}
