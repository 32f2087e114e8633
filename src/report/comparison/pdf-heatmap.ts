// Heat maps for the comparison PDF: one row per organization, one coloured cell per lesson or control.
import type { Canvas } from "./pdf-canvas.js";

/** One heat-map column. */
export interface HeatColumn {
  readonly label: string;
}

/** One heat-map row: a label and one cell per column (colour, and optional text). */
export interface HeatRow {
  readonly label: string;
  /** Drawn in bold with a marker, e.g. the `--focus` organization. */
  readonly highlight: boolean;
  /** Leading text columns (score, tier) drawn before the cells. */
  readonly lead: readonly string[];
  readonly cells: readonly { readonly color: string; readonly text?: string }[];
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

/** Draws a heat map across as many pages as its rows need, repeating the column headers on each page. */
export function drawHeatmap(
  canvas: Canvas,
  columns: readonly HeatColumn[],
  rows: readonly HeatRow[],
  layout: HeatLayout,
): void {
  const { doc, box } = canvas;
  const leadTotal = layout.leadWidth * layout.leadHeaders.length;
  const cellWidth = Math.min(
    layout.maxCellWidth,
    (box.width - layout.labelWidth - leadTotal) / Math.max(1, columns.length),
  );
  const headerHeight = layout.verticalHeaders ? 34 : 12;
  const gridLeft = box.left + layout.labelWidth + leadTotal;
  let index = 0;
  while (index < rows.length) {
    if (canvas.remaining() < headerHeight + 3 * layout.rowHeight) canvas.newPage();
    const top = canvas.y;
    canvas.font("bold", 6.5);
    layout.leadHeaders.forEach((h, i) => {
      doc.text(h, box.left + layout.labelWidth + i * layout.leadWidth, top + headerHeight - 9, {
        width: layout.leadWidth - 2,
        align: "right",
        lineBreak: false,
      });
    });
    columns.forEach((column, i) => {
      const x = gridLeft + i * cellWidth;
      if (layout.verticalHeaders) {
        // Turned a quarter left, a line of text spans its line height to the right of its origin.
        const left = x + (cellWidth - doc.currentLineHeight()) / 2;
        doc.save();
        doc.rotate(-90, { origin: [left, top + headerHeight - 2] });
        doc.text(canvas.safe(column.label), left, top + headerHeight - 2, { lineBreak: false });
        doc.restore();
      } else {
        doc.text(canvas.safe(column.label), x, top + headerHeight - 9, {
          width: cellWidth,
          align: "center",
          lineBreak: false,
        });
      }
    });
    let y = top + headerHeight + 2;
    const fits = Math.max(1, Math.floor((box.bottom - y) / layout.rowHeight));
    const page = rows.slice(index, index + fits);
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
    for (const row of page) {
      canvas.font(row.highlight ? "bold" : "regular", 6.5);
      doc.fillColor(canvas.ink.text);
      doc.text(canvas.safe(`${row.highlight ? "▶ " : ""}${row.label}`), box.left, y + 1.5, {
        width: layout.labelWidth - 4,
        lineBreak: false,
        ellipsis: true,
      });
      row.lead.forEach((text, i) => {
        doc.text(text, box.left + layout.labelWidth + i * layout.leadWidth, y + 1.5, {
          width: layout.leadWidth - 2,
          align: "right",
          lineBreak: false,
        });
      });
      doc.fillColor(canvas.ink.white);
      row.cells.forEach((cell, c) => {
        if (cell.text === undefined) return;
        doc.text(cell.text, gridLeft + c * cellWidth, y + 1.5, {
          width: cellWidth,
          align: "center",
          lineBreak: false,
        });
      });
      y += layout.rowHeight;
    }
    doc.fillColor(canvas.ink.text);
    canvas.y = y + 4;
    index += page.length;
  }
}
