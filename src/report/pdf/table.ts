// Tables laid out by hand: rows measured first, broken across pages with the header repeated.
// Why by hand: pdfkit's doc.table() costs 2.4–3.6× more per page than placing cell text directly.

import type { PdfCanvas } from "./canvas.js";
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

/** Draws a table at the cursor, across pages as needed, and leaves the cursor below it. */
export function drawTable<R>(
  ctx: PdfCanvas,
  columns: readonly Column<R>[],
  rows: readonly R[],
  options: TableOptions<R> = {},
): void {
  const { doc, box } = ctx;
  const size = options.size ?? SIZE.small;
  const total = columns.reduce((sum, c) => sum + c.width, 0);
  const widths = columns.map((c) => (c.width / total) * box.width);
  const xs = widths.map((_, i) => box.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const headerStyle: TextStyle = { font: "bold", size, color: INK.text };
  const maxRow = box.bottom - box.top - 60;

  const toCell = (value: Cell | string, align?: "left" | "right"): Cell =>
    typeof value === "string" ? { runs: [{ text: value }], align } : { align, ...value };
  const layoutRow = (cells: readonly Cell[], base: TextStyle): { cells: LaidCell[]; height: number } => {
    const laid = cells.map((cell, i) => {
      const badge = cell.marker?.kind === "badge";
      const offset = (cell.marker?.kind === "dot" ? DOT : 0) + (cell.indent ?? 0);
      const width = widths[i]! - 2 * PAD_X - offset;
      let room = maxRow;
      const runs = cell.runs.map((run) => {
        const style = badge
          ? { size, font: "bold" as const, color: INK.white }
          : { size, ...base, ...run.style };
        const text = layoutText(ctx, run.text, badge ? width - 8 : width, style, badge ? size : room);
        room = Math.max(room - text.height, 0);
        return text;
      });
      const height = runs.reduce((sum, r) => sum + r.height, 0) + (badge ? 3 : 0);
      return { cell, x: xs[i]! + PAD_X + offset, width, runs, height };
    });
    return { cells: laid, height: Math.max(...laid.map((c) => c.height)) + 2 * PAD_Y };
  };

  const drawRow = (row: { cells: readonly LaidCell[]; height: number }, fill: string | null) => {
    const y = doc.y;
    if (fill) fillRect(doc, box.left, y, box.width, row.height, fill);
    for (const { cell, x, width, runs } of row.cells) {
      let ry = y + PAD_Y;
      for (const run of runs) {
        if (cell.marker?.kind === "badge") {
          const w = Math.min(width, (run.widths[0] ?? 0) + 8);
          fillRoundedRect(doc, x, ry, w, run.height + 1, 2, cell.marker.color);
          drawLaid(ctx, run, x + 4, ry + 0.5, w - 8);
        } else {
          if (ry === y + PAD_Y && cell.marker?.kind === "dot") {
            fillCircle(doc, x - DOT + 2.8, ry + run.lineHeight * 0.52, 2.6, cell.marker.color);
          }
          drawLaid(ctx, run, x, ry, width, cell.align ?? "left");
        }
        ry += run.height;
      }
    }
    strokeLine(doc, box.left, y + row.height, box.right, y + row.height, INK.rule, 0.4);
    doc.x = box.left;
    doc.y = y + row.height;
  };

  const header = layoutRow(
    columns.map((c) => toCell(c.header, c.align)),
    headerStyle,
  );
  const drawHeader = (continued: boolean) => {
    if (continued && options.caption) {
      drawText(ctx, `${options.caption} (continued)`, box.left, doc.y, box.width, {
        size: SIZE.small,
        color: INK.muted,
        height: 12,
      });
      doc.y += 12;
    }
    drawRow(header, INK.headerFill);
  };

  rows.forEach((row, index) => {
    const laid = layoutRow(
      columns.map((c) => toCell(c.cell(row), c.align)),
      {},
    );
    // The header never stands alone at the foot of a page: it goes with the first row.
    if (index === 0) {
      if (doc.y + header.height + Math.min(laid.height, 60) > box.bottom) doc.addPage();
      drawHeader(false);
    }
    if (doc.y + laid.height > box.bottom) {
      doc.addPage();
      drawHeader(true);
    }
    const top = doc.y;
    drawRow(laid, index % 2 === 1 ? INK.zebra : null);
    const target = options.link?.(row);
    if (target) doc.goTo(box.left, top, box.width, laid.height, target);
  });
  doc.y += 6;
}
