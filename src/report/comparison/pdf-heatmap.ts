// Heat maps for the comparison PDF: one row per organization, one coloured cell per lesson or control.
import type { PdfCanvas } from "../pdf/canvas.js";
import { readableInk } from "../pdf/contrast.js";
import { INK } from "../pdf/styles.js";
import { type BoxOptions, drawText, ensureSpace, lineHeight } from "../pdf/text.js";

/** One heat-map column. */
export interface HeatColumn {
  readonly label: string;
}

/** One heat-map cell: its colour, optional text, and whether it is hatched (no comparable value: neutral, striped). */
export interface HeatCell {
  readonly color: string;
  readonly text?: string;
  readonly hatched?: boolean;
}

/** Fill and stripes of a hatched cell: neutral, so it never reads as a good or a bad status. */
export const HATCH = { fill: "#f6f8fa", stripe: "#8c959f" } as const;

/** One heat-map row: a label and one cell per column (colour, and optional text). */
export interface HeatRow {
  readonly label: string;
  /** Drawn in bold with a marker, e.g. the `--focus` organization. */
  readonly highlight: boolean;
  /** Leading text columns (score, tier) drawn before the cells. */
  readonly lead: readonly string[];
  readonly cells: readonly HeatCell[];
}

/** Geometry of a heat map. */
export interface HeatLayout {
  readonly labelWidth: number;
  readonly leadWidth: number;
  readonly leadHeaders: readonly string[];
  readonly rowHeight: number;
  /** Column headers drawn vertically (many narrow columns). */
  readonly verticalHeaders: boolean;
  readonly maxCellWidth: number;
}

/** Where the coloured grid sits: right of the labels and lead columns, below the headers. */
interface HeatGrid {
  readonly headerHeight: number;
  readonly gridLeft: number;
  readonly cellWidth: number;
}

/** Draws a heat map across as many pages as its rows need, repeating the column headers on each page. */
export function drawHeatmap(
  canvas: PdfCanvas,
  columns: readonly HeatColumn[],
  rows: readonly HeatRow[],
  layout: HeatLayout,
): void {
  const { doc, box } = canvas;
  const grid = heatGrid(canvas, columns, layout);
  let index = 0;
  while (index < rows.length) {
    ensureSpace(canvas, grid.headerHeight + 3 * layout.rowHeight);
    const top = doc.y;
    drawHeaders(canvas, columns, layout, { top, ...grid });
    const y = top + grid.headerHeight + 2;
    const fits = Math.max(1, Math.floor((box.bottom - y) / layout.rowHeight));
    const page = rows.slice(index, index + fits);
    fillCells(canvas, page, layout, grid, y);
    doc.y = drawRowTexts(canvas, page, layout, grid, y) + 4;
    index += page.length;
  }
}

function heatGrid(canvas: PdfCanvas, columns: readonly HeatColumn[], layout: HeatLayout): HeatGrid {
  const { box } = canvas;
  const leadTotal = layout.leadWidth * layout.leadHeaders.length;
  const cellWidth = Math.min(
    layout.maxCellWidth,
    (box.width - layout.labelWidth - leadTotal) / Math.max(1, columns.length),
  );
  const headerHeight = layout.verticalHeaders ? 34 : 12;
  const gridLeft = box.left + layout.labelWidth + leadTotal;
  return { headerHeight, gridLeft, cellWidth };
}

function fillCells(
  canvas: PdfCanvas,
  page: readonly HeatRow[],
  layout: HeatLayout,
  grid: HeatGrid,
  y: number,
): void {
  const { doc } = canvas;
  const { gridLeft, cellWidth } = grid;
  // One fill per colour and page: tens of thousands of cells stay a few hundred drawing operators.
  const byColor = new Map<string, [number, number][]>();
  page.forEach((row, r) => {
    row.cells.forEach((cell, c) => {
      const list = byColor.get(cell.color) ?? [];
      list.push([gridLeft + c * cellWidth, y + r * layout.rowHeight]);
      byColor.set(cell.color, list);
    });
  });
  for (const [color, cells] of [...byColor].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const [x, cy] of cells) doc.rect(x + 0.3, cy + 0.3, cellWidth - 0.6, layout.rowHeight - 0.6);
    doc.fill(color);
  }
  const hatched = page.flatMap((row, r) =>
    row.cells.flatMap((cell, c): [number, number][] =>
      cell.hatched ? [[gridLeft + c * cellWidth, y + r * layout.rowHeight]] : [],
    ),
  );
  if (hatched.length > 0) hatchCells(canvas, hatched, cellWidth - 0.6, layout.rowHeight - 0.6);
}

/** Draws diagonal stripes over cells (already filled), one stroke for all of them. */
export function hatchCells(
  canvas: PdfCanvas,
  cells: readonly (readonly [number, number])[],
  width: number,
  height: number,
): void {
  const { doc } = canvas;
  const gap = 3;
  doc.save();
  for (const [x0, y0] of cells) {
    const [x, y] = [x0 + 0.3, y0 + 0.3];
    // Lines at 45° from the bottom edge to the top edge, clipped by hand to the cell.
    for (let d = gap; d < width + height; d += gap) {
      const from: [number, number] = d <= height ? [x, y + height - d] : [x + d - height, y];
      const to: [number, number] = d <= width ? [x + d, y + height] : [x + width, y + height - (d - width)];
      doc.moveTo(from[0], from[1]).lineTo(to[0], to[1]);
    }
  }
  doc.lineWidth(0.4).strokeColor(HATCH.stripe).stroke();
  doc.restore();
}

/** Draws each row's label, lead texts and cell texts from `top`; returns the y below the last row. */
function drawRowTexts(
  canvas: PdfCanvas,
  page: readonly HeatRow[],
  layout: HeatLayout,
  grid: HeatGrid,
  top: number,
): number {
  let y = top;
  for (const row of page) {
    drawRowText(canvas, row, layout, grid, y);
    y += layout.rowHeight;
  }
  return y;
}

function drawRowText(canvas: PdfCanvas, row: HeatRow, layout: HeatLayout, grid: HeatGrid, y: number): void {
  const { box } = canvas;
  const label: BoxOptions = {
    font: row.highlight ? "bold" : "regular",
    size: CELL_SIZE,
    height: layout.rowHeight,
  };
  drawText(
    canvas,
    `${row.highlight ? "▶ " : ""}${row.label}`,
    box.left,
    y + 1.5,
    layout.labelWidth - 4,
    label,
  );
  row.lead.forEach((text, i) => {
    const x = box.left + layout.labelWidth + i * layout.leadWidth;
    drawText(canvas, text, x, y + 1.5, layout.leadWidth - 2, { ...label, align: "right" });
  });
  row.cells.forEach((cell, c) => {
    if (cell.text === undefined) return;
    drawText(canvas, cell.text, grid.gridLeft + c * grid.cellWidth, y + 1.5, grid.cellWidth, {
      size: CELL_SIZE,
      // Dark or white, whichever reads better on the fill: white on amber would fall below WCAG AA.
      color: cell.hatched ? INK.text : readableInk(cell.color),
      align: "center",
      height: layout.rowHeight,
    });
  });
}

/** Type size of every heat-map text. */
const CELL_SIZE = 6.5;

/** The lead and column headers of one page of a heat map. */
function drawHeaders(
  canvas: PdfCanvas,
  columns: readonly HeatColumn[],
  layout: HeatLayout,
  at: HeatGrid & { readonly top: number },
): void {
  const { doc, box } = canvas;
  const line = lineHeight(canvas, { font: "bold", size: CELL_SIZE });
  const style: BoxOptions = { font: "bold", size: CELL_SIZE, height: line };
  const baseline = at.top + at.headerHeight - 9;
  layout.leadHeaders.forEach((h, i) => {
    const x = box.left + layout.labelWidth + i * layout.leadWidth;
    drawText(canvas, h, x, baseline, layout.leadWidth - 2, { ...style, align: "right" });
  });
  columns.forEach((column, i) => {
    const x = at.gridLeft + i * at.cellWidth;
    if (!layout.verticalHeaders) {
      drawText(canvas, column.label, x, baseline, at.cellWidth, { ...style, align: "center" });
      return;
    }
    // Turned a quarter left, a line of text spans its line height to the right of its origin.
    const left = x + (at.cellWidth - line) / 2;
    const bottom = at.top + at.headerHeight - 2;
    doc.save();
    doc.rotate(-90, { origin: [left, bottom] });
    drawText(canvas, column.label, left, bottom, at.headerHeight - 2, style);
    doc.restore();
  });
}
