// Tables laid out by hand: rows measured first, broken across pages with the header repeated.
// Why by hand: pdfkit's doc.table() costs 2.4–3.6× more per page than placing cell text directly.

import { anchor, linkTo, type PdfCanvas } from "./canvas.js";
import { fillCircle, fillRect, fillRoundedRect, strokeLine } from "./shapes.js";
import { INK, SIZE } from "./styles.js";
import { drawLaid, drawText, type Laid, layoutText, type TextStyle } from "./text.js";

/** One paragraph inside a cell. */
export interface CellRun {
  readonly text: string;
  readonly style?: TextStyle;
}

/** A cell: stacked paragraphs, optionally led by a coloured dot or drawn as a coloured badge. */
export interface Cell {
  readonly runs: readonly CellRun[];
  /** "dot": a coloured disc before the text; "badge": the first run in white on a coloured pill. */
  readonly marker?: { readonly kind: "dot" | "badge"; readonly color: string };
  readonly align?: "left" | "right";
  /** Left indent in points (nested checks). */
  readonly indent?: number;
}

/** A column: header text, relative width and how to show a row in it. */
export interface Column<R> {
  readonly header: string;
  readonly width: number;
  readonly align?: "left" | "right";
  cell(row: R): Cell | string;
}

/** Table-wide options. */
export interface TableOptions<R> {
  readonly size?: number;
  /** Named destination a whole row links to. */
  readonly link?: (row: R) => string | null;
  /** Named destination a row is, for rows that stand in for a section of their own. */
  readonly anchor?: (row: R) => string | null;
  /** Shown above the repeated header on continuation pages. */
  readonly caption?: string;
}

const PAD_X = 4;
const PAD_Y = 3;
const DOT = 8;

interface LaidCell {
  readonly cell: Cell;
  readonly x: number;
  readonly width: number;
  readonly runs: readonly Laid[];
  readonly height: number;
}

/** Column positions and the limits every row of one table shares. */
interface Geometry {
  readonly size: number;
  readonly widths: readonly number[];
  readonly xs: readonly number[];
  /** Tallest a row may be: one page body less room for the header. */
  readonly maxRow: number;
}

type LaidRow = { readonly cells: readonly LaidCell[]; readonly height: number };

const toCell = (value: Cell | string, align?: "left" | "right"): Cell =>
  typeof value === "string" ? { runs: [{ text: value }], align } : { align, ...value };

function layoutCell(ctx: PdfCanvas, geo: Geometry, cell: Cell, i: number, base: TextStyle): LaidCell {
  const badge = cell.marker?.kind === "badge";
  const offset = (cell.marker?.kind === "dot" ? DOT : 0) + (cell.indent ?? 0);
  const width = (geo.widths[i] as number) - 2 * PAD_X - offset;
  let room = geo.maxRow;
  const runs = cell.runs.map((run) => {
    const style = badge
      ? { size: geo.size, font: "bold" as const, color: INK.white }
      : { size: geo.size, ...base, ...run.style };
    const text = layoutText(ctx, run.text, badge ? width - 8 : width, style, badge ? geo.size : room);
    room = Math.max(room - text.height, 0);
    return text;
  });
  const height = runs.reduce((sum, r) => sum + r.height, 0) + (badge ? 3 : 0);
  return { cell, x: (geo.xs[i] as number) + PAD_X + offset, width, runs, height };
}

function layoutRow(ctx: PdfCanvas, geo: Geometry, cells: readonly Cell[], base: TextStyle): LaidRow {
  const laid = cells.map((cell, i) => layoutCell(ctx, geo, cell, i, base));
  return { cells: laid, height: Math.max(...laid.map((c) => c.height)) + 2 * PAD_Y };
}

function drawCell(ctx: PdfCanvas, { cell, x, width, runs }: LaidCell, top: number): void {
  const { doc } = ctx;
  let ry = top + PAD_Y;
  for (const run of runs) {
    if (cell.marker?.kind === "badge") {
      const w = Math.min(width, (run.widths[0] ?? 0) + 8);
      fillRoundedRect(doc, x, ry, w, run.height + 1, 2, cell.marker.color);
      drawLaid(ctx, run, x + 4, ry + 0.5, w - 8);
    } else {
      if (ry === top + PAD_Y && cell.marker?.kind === "dot") {
        fillCircle(doc, x - DOT + 2.8, ry + run.lineHeight * 0.52, 2.6, cell.marker.color);
      }
      drawLaid(ctx, run, x, ry, width, cell.align ?? "left");
    }
    ry += run.height;
  }
}

function drawRow(ctx: PdfCanvas, row: LaidRow, fill: string | null): void {
  const { doc, box } = ctx;
  const y = doc.y;
  if (fill) fillRect(doc, box.left, y, box.width, row.height, fill);
  for (const cell of row.cells) drawCell(ctx, cell, y);
  strokeLine(doc, box.left, y + row.height, box.right, y + row.height, INK.rule, 0.4);
  doc.x = box.left;
  doc.y = y + row.height;
}

function drawHeader(ctx: PdfCanvas, header: LaidRow, caption: string | undefined, continued: boolean): void {
  const { doc, box } = ctx;
  // The page's own caption already says it when the table is the block the page continues.
  if (continued && caption && !ctx.running.caption?.toLowerCase().includes(caption.toLowerCase())) {
    drawText(ctx, `${caption} (continued)`, box.left, doc.y, box.width, {
      size: SIZE.small,
      color: INK.muted,
      height: 12,
    });
    doc.y += 12;
  }
  drawRow(ctx, header, INK.headerFill);
}

/** How much of the first row must fit below the header for the table to start on the page. */
const FIRST_ROW_KEEP = 60;

function tableGeometry<R>(
  ctx: PdfCanvas,
  columns: readonly Column<R>[],
  options: TableOptions<R>,
): { geo: Geometry; header: LaidRow } {
  const { box } = ctx;
  const total = columns.reduce((sum, c) => sum + c.width, 0);
  const widths = columns.map((c) => (c.width / total) * box.width);
  const geo: Geometry = {
    size: options.size ?? SIZE.small,
    widths,
    xs: widths.map((_, i) => box.left + widths.slice(0, i).reduce((a, b) => a + b, 0)),
    maxRow: box.bottom - box.top - 60,
  };
  const header = layoutRow(
    ctx,
    geo,
    columns.map((c) => toCell(c.header, c.align)),
    { font: "bold", size: geo.size, color: INK.text },
  );
  return { geo, header };
}

/**
 * The height a table needs to start on the page: its header and as much of its first row as it keeps with it. A
 * heading above the table keeps this much below itself, so the two never part at a page break.
 */
export function tableLead<R>(
  ctx: PdfCanvas,
  columns: readonly Column<R>[],
  rows: readonly R[],
  options: TableOptions<R> = {},
): number {
  const { geo, header } = tableGeometry(ctx, columns, options);
  const first = rows[0];
  if (first === undefined) return header.height;
  const laid = layoutRow(
    ctx,
    geo,
    columns.map((c) => toCell(c.cell(first), c.align)),
    {},
  );
  return header.height + Math.min(laid.height, FIRST_ROW_KEEP) + 12;
}

/** Draws a table at the cursor, across pages as needed, and leaves the cursor below it. */
export function drawTable<R>(
  ctx: PdfCanvas,
  columns: readonly Column<R>[],
  rows: readonly R[],
  options: TableOptions<R> = {},
): void {
  const { doc, box } = ctx;
  const { geo, header } = tableGeometry(ctx, columns, options);
  rows.forEach((row, index) => {
    const laid = layoutRow(
      ctx,
      geo,
      columns.map((c) => toCell(c.cell(row), c.align)),
      {},
    );
    // The header never stands alone at the foot of a page: it goes with the first row.
    if (index === 0) {
      // A table pushed whole onto the next page leaves its heading behind: its caption says whose it is.
      const moved = doc.y + header.height + Math.min(laid.height, FIRST_ROW_KEEP) > box.bottom;
      if (moved) doc.addPage();
      drawHeader(ctx, header, options.caption, moved);
    }
    if (doc.y + laid.height > box.bottom) {
      doc.addPage();
      drawHeader(ctx, header, options.caption, true);
    }
    const top = doc.y;
    const here = options.anchor?.(row);
    if (here) anchor(ctx, here, top);
    drawRow(ctx, laid, index % 2 === 1 ? INK.zebra : null);
    const target = options.link?.(row);
    if (target) linkTo(ctx, box.left, top, box.width, laid.height, target);
  });
  doc.y += 6;
}
