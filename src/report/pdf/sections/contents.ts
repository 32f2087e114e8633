// Contents page: every section and sub-section, linked, with page numbers filled in at the end.
import { linkTo } from "../canvas.js";
import { bookmark, type PdfContext } from "../context.js";
import { INK, SIZE } from "../styles.js";
import { drawText, ensureSpace, lineHeight, measure, textWidth } from "../text.js";

/** A contents line. */
interface Entry {
  readonly title: string;
  readonly dest: string;
  readonly level: 1 | 2;
}

function entries(ctx: PdfContext): Entry[] {
  return ctx.model.outline.flatMap((section) => [
    { title: section.title, dest: section.dest, level: 1 as const },
    ...section.children.map((child) => ({ title: child.title, dest: child.dest, level: 2 as const })),
  ]);
}

/** Draws the contents page(s), with the page numbers the layout pass found. */
export function drawContents(ctx: PdfContext): void {
  const { doc, box } = ctx;
  doc.addPage();
  bookmark(doc.outline, "Contents");
  drawText(ctx, "Contents", box.left, box.top, box.width, {
    font: "bold",
    size: SIZE.h1,
    color: INK.accent,
    role: "H1",
  });
  doc.y = box.top + SIZE.h1 + 20;
  ctx.running.caption = "Contents";
  for (const entry of entries(ctx)) {
    const style = entry.level === 1 ? { font: "bold" as const, size: SIZE.body + 1 } : { size: SIZE.body };
    const indent = entry.level === 1 ? 0 : 16;
    const titleWidth = box.width - indent - 60;
    // A long title wraps rather than losing its end to an ellipsis; its page number stands on its last line.
    const line = lineHeight(ctx, style);
    const titleHeight = Math.max(measure(ctx, entry.title, titleWidth, style), line);
    const height = titleHeight + (entry.level === 1 ? 6 : 2);
    ensureSpace(ctx, height);
    if (entry.level === 1) doc.y += 4;
    const y = doc.y;
    drawText(ctx, entry.title, box.left + indent, y, titleWidth, { ...style, height: titleHeight });
    const last = y + titleHeight - line;
    const used = titleHeight > line ? titleWidth : Math.min(textWidth(ctx, entry.title, style), titleWidth);
    const dotsX = box.left + indent + used + 6;
    const dotsEnd = box.right - 36;
    if (titleHeight <= line && dotsEnd > dotsX) {
      doc
        .moveTo(dotsX, last + 9)
        .lineTo(dotsEnd, last + 9)
        .lineWidth(0.6)
        .dash(0.6, { space: 2.4 })
        .strokeColor(INK.faint)
        .stroke()
        .undash();
    }
    const page = ctx.known?.anchorPages.get(entry.dest);
    drawText(ctx, page === undefined ? "" : String(page), box.right - 34, last, 34, {
      ...style,
      align: "right",
      height: 12,
    });
    linkTo(ctx, box.left + indent, y, box.width - indent, titleHeight, entry.dest);
    doc.y = y + height;
  }
}
