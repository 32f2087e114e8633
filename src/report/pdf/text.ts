// Text primitives: styles, laying text out into lines once, drawing laid-out text, flowing paragraphs.
import { linkTo, type PdfCanvas, REMEMBER_FROM } from "./canvas.js";
import { INK, SIZE } from "./styles.js";
import { asArtifact, type TextRole, tagged } from "./tags.js";
import { ellipsize, type Measure, wrapLines } from "./wrap.js";

/** How a run of text looks. */
export interface TextStyle {
  readonly font?: "regular" | "bold" | "mono";
  readonly size?: number;
  readonly color?: string;
  /** The role in a tagged PDF's structure: a heading level, or a paragraph (the default). */
  readonly role?: TextRole;
}

/** Text broken into lines for one width and style, ready to draw. */
export interface Laid {
  readonly lines: readonly string[];
  readonly widths: readonly number[];
  readonly lineHeight: number;
  readonly height: number;
  readonly style: TextStyle;
}

/** Options for drawing text in a box of fixed width at a fixed position. */
export interface BoxOptions extends TextStyle {
  readonly align?: "left" | "right" | "center";
  /** Clip to this height, ending with an ellipsis, so text never runs past its box. */
  readonly height?: number;
  /** Named destination this text links to. */
  readonly goTo?: string;
  /** Web address this text links to (a URI annotation over the drawn text). */
  readonly uri?: string | null;
}

/** A width function for a style, in points. */
function measurer(ctx: PdfCanvas, style: TextStyle): Measure {
  const face = style.font ?? "regular";
  const size = style.size ?? SIZE.body;
  return (text) => ctx.faces.width(face, size, text);
}

/** Height of one line in a style. */
export function lineHeight(ctx: PdfCanvas, style: TextStyle): number {
  return ctx.faces.lineHeight(style.font ?? "regular", style.size ?? SIZE.body);
}

/** Breaks text into lines for `width`; with `maxHeight`, drops what does not fit and ends with "…". */
export function layoutText(
  ctx: PdfCanvas,
  text: string,
  width: number,
  style: TextStyle = {},
  maxHeight = Number.POSITIVE_INFINITY,
): Laid {
  const height = lineHeight(ctx, style);
  if (text === "") return { lines: [], widths: [], lineHeight: height, height: 0, style };
  const measure = measurer(ctx, style);
  const fit = Math.max(1, Math.floor((maxHeight + 0.01) / height));
  // Breaking stops one line past what fits: a clipped cell of a huge text costs a few lines, not all.
  const safe = ctx.safe(text);
  const lines = breakOnce(ctx, safe, `${style.font}|${style.size}|${width}|${fit}`, () => {
    const all = wrapLines(safe, width, measure, fit);
    return all.length > fit ? [...all.slice(0, fit - 1), ellipsize(all[fit - 1]!, width, measure)] : all;
  });
  return { lines, widths: lines.map(measure), lineHeight: height, height: lines.length * height, style };
}

/** `breakText()`, remembered for a long text under `key` (its style, width and line limit). */
function breakOnce(ctx: PdfCanvas, text: string, key: string, breakText: () => string[]): readonly string[] {
  if (text.length < REMEMBER_FROM) return breakText();
  let byKey = ctx.brokenLines.get(text);
  if (!byKey) {
    byKey = new Map();
    ctx.brokenLines.set(text, byKey);
  }
  let lines = byKey.get(key);
  if (!lines) {
    lines = breakText();
    byKey.set(key, lines);
  }
  return lines;
}

/** Height a text takes when wrapped to `width`. */
export function measure(ctx: PdfCanvas, text: string, width: number, style: TextStyle = {}): number {
  return layoutText(ctx, text, width, style).height;
}

/** Width of a single-line text in a style. */
export function textWidth(ctx: PdfCanvas, text: string, style: TextStyle = {}): number {
  return measurer(ctx, style)(ctx.safe(text));
}

/**
 * Draws laid-out lines from (x, y), one `doc.text` per line with pdfkit's own line breaking off;
 * `first`/`count` select a slice of them. In the layout pass nothing is drawn.
 */
export function drawLaid(
  ctx: PdfCanvas,
  laid: Laid,
  x: number,
  y: number,
  width: number,
  align: "left" | "right" | "center" = "left",
  first = 0,
  count = laid.lines.length - first,
): void {
  if (count <= 0 || ctx.layoutPass) return;
  const { doc } = ctx;
  // doc.text moves pdfkit's cursor; the layout owns the cursor, and the layout pass draws nothing.
  const cursor = { x: doc.x, y: doc.y };
  doc.font(laid.style.font ?? "regular", laid.style.size ?? SIZE.body);
  doc.fillColor(laid.style.color ?? INK.text);
  // Without a width pdfkit neither wraps nor moves down at a newline (it runs lines together), so each
  // line is placed on its own; the lines of one call are one element of the structure tree.
  tagged(doc, ctx.tags, laid.style.role ?? "P", () => {
    for (let i = first; i < first + count; i++) {
      const dx = align === "left" ? 0 : (width - laid.widths[i]!) / (align === "right" ? 1 : 2);
      doc.text(
        joinable(laid.lines[i]!, i < laid.lines.length - 1),
        x + dx,
        y + (i - first) * laid.lineHeight,
        {
          lineBreak: false,
        },
      );
    }
  });
  doc.x = cursor.x;
  doc.y = cursor.y;
}

/** Draws text in a box at a fixed position; never starts a new page. */
export function drawText(
  ctx: PdfCanvas,
  text: string,
  x: number,
  y: number,
  width: number,
  options: BoxOptions = {},
): number {
  if (text === "") return 0;
  const laid = layoutText(ctx, text, width, options, options.height ?? ctx.box.bottom - y);
  drawLaid(ctx, laid, x, y, width, options.align);
  if (options.goTo) linkTo(ctx, x, y, width, laid.height, options.goTo);
  if (options.uri) ctx.doc.link(x, y, Math.max(...laid.widths, 1), laid.height, options.uri);
  return laid.height;
}

/** Starts a new page unless `height` points fit below the cursor. Returns whether a page was added. */
export function ensureSpace(ctx: PdfCanvas, height: number): boolean {
  if (ctx.doc.y + height <= ctx.box.bottom) return false;
  ctx.doc.addPage();
  return true;
}

/**
 * Draws a paragraph across the body width (or `width` from `x`), continuing on new pages as needed.
 * Keeps at least two lines together at the bottom of a page.
 */
export function paragraph(
  ctx: PdfCanvas,
  text: string,
  style: TextStyle & {
    readonly after?: number;
    readonly x?: number;
    readonly width?: number;
    /** Web address the paragraph links to, on every page it spans. */
    readonly uri?: string | null;
  } = {},
): void {
  if (text === "") return;
  const { doc, box } = ctx;
  const x = style.x ?? box.left;
  const width = style.width ?? box.right - x;
  const laid = layoutText(ctx, text, width, style);
  ensureSpace(ctx, Math.min(laid.height, laid.lineHeight * 2));
  let next = 0;
  while (next < laid.lines.length) {
    const room = Math.max(1, Math.floor((box.bottom - doc.y + 0.01) / laid.lineHeight));
    const count = Math.min(room, laid.lines.length - next);
    drawLaid(ctx, laid, x, doc.y, width, "left", next, count);
    if (style.uri) doc.link(x, doc.y, width, count * laid.lineHeight, style.uri);
    next += count;
    doc.y += count * laid.lineHeight;
    if (next < laid.lines.length) doc.addPage();
  }
  doc.x = box.left;
  doc.y += style.after ?? 4;
}

/** Moves the cursor down, or to the top of a new page when that would leave the body. */
export function gap(ctx: PdfCanvas, points: number): void {
  if (ctx.doc.y + points > ctx.box.bottom) ctx.doc.addPage();
  else ctx.doc.y += points;
}

/**
 * Opens every page that continues a block with its caption ("KEY-001 — … (continued)"), from `running.caption`;
 * installed once per document, before its page frame, so every renderer's pages say whose content they carry.
 */
export function installContinuedCaptions(ctx: PdfCanvas): void {
  ctx.doc.on("pageAdded", () => {
    const caption = ctx.running.caption;
    if (caption === null) return;
    // A long caption loses its end to an ellipsis, never the "(continued)" that says what the page is.
    const style = { size: SIZE.small, color: INK.muted, height: 10 } as const;
    const suffix = " (continued)";
    const suffixWidth = textWidth(ctx, suffix, style) + 1;
    const room = ctx.box.width - suffixWidth;
    const width = Math.min(room, textWidth(ctx, caption, style) + 1);
    asArtifact(ctx.tags, () => {
      drawText(ctx, caption, ctx.box.left, ctx.box.top, width, style);
      drawText(ctx, suffix, ctx.box.left + width, ctx.box.top, suffixWidth, style);
    });
    ctx.doc.x = ctx.box.left;
    ctx.doc.y = ctx.box.top + 13;
  });
}

/**
 * A wrapped line as drawn: with the space the line break took, so text extracted or read aloud from the structure
 * tree does not run the last word of one line into the first of the next. Lines broken between CJK characters,
 * where no space was taken, are drawn as they are.
 */
function joinable(line: string, wrapped: boolean): string {
  if (!wrapped || line === "" || /[\s\u3000-\u9fff\uff00-\uffef]$/u.test(line)) return line;
  return `${line} `;
}
