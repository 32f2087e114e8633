// Reusable blocks: section starts, headings with bookmarks, label–value lists, badges and callouts.
import { anchor, bookmark, type PdfCanvas } from "./canvas.js";
import { INK, SIZE } from "./styles.js";
import { startTaggedSection } from "./tags.js";
import { drawText, ensureSpace, measure, type TextStyle, textWidth } from "./text.js";

/** Where a heading goes in the outline and which named destination it defines. */
export interface HeadingTarget {
  readonly dest?: string;
  readonly outline?: PDFKit.PDFOutline;
  /** Outline title when it differs from the heading text. */
  readonly outlineTitle?: string;
  /** What the pages this heading opens belong to: printed "(continued)" atop each page that continues it. */
  readonly caption?: string;
}

/** Starts a top-level section on a new page and returns its outline entry. */
export function startSection(ctx: PdfCanvas, title: string, dest: string): PDFKit.PDFOutline {
  const { doc, box } = ctx;
  // The new section's first page continues nothing; its later pages continue the section.
  ctx.running.caption = null;
  doc.addPage();
  if (ctx.tags) startTaggedSection(doc, ctx.tags);
  anchor(ctx, dest, box.top);
  const entry = bookmark(doc.outline, title);
  drawText(ctx, title, box.left, box.top, box.width, {
    font: "bold",
    size: SIZE.h1,
    color: INK.accent,
    role: "H1",
  });
  doc.y = box.top + SIZE.h1 + 10;
  doc.moveTo(box.left, doc.y).lineTo(box.right, doc.y).lineWidth(1).strokeColor(INK.accent).stroke();
  doc.y += 10;
  ctx.running.caption = title;
  return entry;
}

/**
 * Draws a heading kept together with `keep` points of what follows, registers its destination and
 * bookmark, and returns the bookmark (or null).
 */
export function heading(
  ctx: PdfCanvas,
  text: string,
  level: 2 | 3,
  target: HeadingTarget = {},
  keep = 48,
): PDFKit.PDFOutline | null {
  const { doc, box } = ctx;
  const style: TextStyle = {
    font: "bold",
    size: level === 2 ? SIZE.h2 : SIZE.h3,
    color: level === 2 ? INK.accent : INK.text,
    role: level === 2 ? "H2" : "H3",
  };
  const height = measure(ctx, text, box.width, style);
  if (doc.y > box.top) doc.y += level === 2 ? 8 : 4;
  // A heading that opens a block of its own: a page it moves to continues nothing.
  if (target.caption !== undefined) ctx.running.caption = null;
  ensureSpace(ctx, height + keep);
  const y = doc.y;
  if (target.dest) anchor(ctx, target.dest, y);
  const entry = target.outline ? bookmark(target.outline, target.outlineTitle ?? text) : null;
  drawText(ctx, text, box.left, y, box.width, style);
  doc.x = box.left;
  doc.y = y + height + 3;
  if (target.caption !== undefined) ctx.running.caption = target.caption;
  return entry;
}

/** A label–value list: labels in a narrow bold column, values wrapping beside them, across pages. */
export function labelValues(
  ctx: PdfCanvas,
  rows: readonly (readonly [string, string, TextStyle?])[],
  options: { labelWidth?: number; size?: number; x?: number } = {},
): void {
  const { doc, box } = ctx;
  const size = options.size ?? SIZE.body;
  const x = options.x ?? box.left;
  const labelWidth = options.labelWidth ?? 110;
  const valueX = x + labelWidth + 6;
  const valueWidth = box.right - valueX;
  for (const [label, value, style] of rows) {
    const valueStyle: TextStyle = { size, ...style };
    const height = Math.max(
      measure(ctx, value, valueWidth, valueStyle),
      measure(ctx, label, labelWidth, { font: "bold", size }),
    );
    ensureSpace(ctx, Math.min(height, box.bottom - box.top));
    const y = doc.y;
    drawText(ctx, label, x, y, labelWidth, { font: "bold", size, color: INK.muted });
    drawText(ctx, value, valueX, y, valueWidth, valueStyle);
    doc.x = box.left;
    doc.y = y + height + 1.5;
  }
}

/** Draws a coloured pill with white text at (x, y); returns its width. */
export function badge(
  ctx: PdfCanvas,
  text: string,
  x: number,
  y: number,
  color: string,
  size = SIZE.small,
): number {
  const width = textWidth(ctx, text, { font: "bold", size }) + 10;
  ctx.doc.roundedRect(x, y, width, size + 5, 2.5).fill(color);
  drawText(ctx, text, x + 5, y + 1.8, width - 8, { font: "bold", size, color: INK.white, height: size + 4 });
  return width;
}

/** Draws a row of badges at the cursor and moves below them. */
export function badgeRow(
  ctx: PdfCanvas,
  items: readonly (readonly [string, string])[],
  size = SIZE.small,
): void {
  const { doc, box } = ctx;
  ensureSpace(ctx, size + 8);
  const y = doc.y;
  let x = box.left;
  for (const [text, color] of items) {
    const width = textWidth(ctx, text, { font: "bold", size }) + 10;
    if (x + width > box.right) break;
    x += badge(ctx, text, x, y, color, size) + 5;
  }
  doc.x = box.left;
  doc.y = y + size + 10;
}

/** A tinted box with a coloured left edge around a short text (exceptions, notes, warnings). */
export function callout(ctx: PdfCanvas, title: string, body: string, color: string): void {
  const { doc, box } = ctx;
  const width = box.width - 16;
  const titleHeight = measure(ctx, title, width, { font: "bold", size: SIZE.small });
  const bodyHeight = measure(ctx, body, width, { size: SIZE.small });
  const height = Math.min(titleHeight + bodyHeight + 8, box.bottom - box.top);
  ensureSpace(ctx, height);
  const y = doc.y;
  doc.rect(box.left, y, box.width, height).fill(INK.zebra);
  doc.rect(box.left, y, 3, height).fill(color);
  drawText(ctx, title, box.left + 10, y + 4, width, { font: "bold", size: SIZE.small, color });
  drawText(ctx, body, box.left + 10, y + 4 + titleHeight, width, {
    size: SIZE.small,
    height: height - titleHeight - 6,
  });
  doc.x = box.left;
  doc.y = y + height + 6;
}
