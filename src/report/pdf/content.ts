// Raw PDF operators for text and simple shapes, written as one content chunk per block.
// Why: pdfkit's doc.text and vector calls emit about ten separate content chunks per line or shape;
// on a dense page they outlive the young generation and pile up as garbage, doubling peak memory.
import type { PdfContext } from "./context.js";
import type { FaceMetrics } from "./faces.js";
import { pageFonts } from "./pdfkit-internals.js";

/** One line of text at a position (top of the line, as for `doc.text`). */
export interface PlacedLine {
  readonly text: string;
  readonly x: number;
  readonly y: number;
}

const num = (n: number) => (Math.round(n * 100) / 100).toString();
// Bézier control-point distance for a quarter circle.
const KAPPA = 0.5522847498;

/** A colour "#rrggbb" as PDF RGB operands. */
export function rgb(hex: string): string {
  return [1, 3, 5].map((i) => num(Number.parseInt(hex.slice(i, i + 2), 16) / 255)).join(" ");
}

function colorOf(ctx: PdfContext, hex: string): string {
  let operands = ctx.colors.get(hex);
  if (operands === undefined) {
    operands = rgb(hex);
    ctx.colors.set(hex, operands);
  }
  return operands;
}

/**
 * Operators drawing lines in one face, size and colour. The glyphs are added to the embedded subset
 * as a side effect.
 */
export function textOps(
  ctx: PdfContext,
  face: FaceMetrics,
  lines: readonly PlacedLine[],
  size: number,
  color: string,
): string {
  if (lines.length === 0) return "";
  const font = face.font;
  const fonts = pageFonts(ctx.doc);
  if (!fonts[font.id]) fonts[font.id] = font.ref();
  const ascent = (font.ascender / 1000) * size;
  let ops = `q ${colorOf(ctx, color)} rg BT /${font.id} ${num(size)} Tf`;
  for (const line of lines) {
    // The page's y axis points down; the text matrix flips glyphs upright and sets the baseline.
    ops += `\n1 0 0 -1 ${num(line.x)} ${num(line.y + ascent)} Tm <${face.codes(line.text)}> Tj`;
  }
  return `${ops}\nET Q`;
}

/** A filled rectangle. */
export function rectOps(ctx: PdfContext, x: number, y: number, w: number, h: number, color: string): string {
  return `q ${colorOf(ctx, color)} rg ${num(x)} ${num(y)} ${num(w)} ${num(h)} re f Q`;
}

/** A straight line. */
export function lineOps(
  ctx: PdfContext,
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  color: string,
  width: number,
): string {
  return `q ${colorOf(ctx, color)} RG ${num(width)} w ${num(x1)} ${num(y1)} m ${num(x2)} ${num(y2)} l S Q`;
}

/** A filled circle. */
export function circleOps(ctx: PdfContext, cx: number, cy: number, r: number, color: string): string {
  const k = r * KAPPA;
  return (
    `q ${colorOf(ctx, color)} rg ${num(cx + r)} ${num(cy)} m ` +
    `${num(cx + r)} ${num(cy + k)} ${num(cx + k)} ${num(cy + r)} ${num(cx)} ${num(cy + r)} c ` +
    `${num(cx - k)} ${num(cy + r)} ${num(cx - r)} ${num(cy + k)} ${num(cx - r)} ${num(cy)} c ` +
    `${num(cx - r)} ${num(cy - k)} ${num(cx - k)} ${num(cy - r)} ${num(cx)} ${num(cy - r)} c ` +
    `${num(cx + k)} ${num(cy - r)} ${num(cx + r)} ${num(cy - k)} ${num(cx + r)} ${num(cy)} c f Q`
  );
}

/** A filled rectangle with rounded corners. */
export function roundedRectOps(
  ctx: PdfContext,
  x: number,
  y: number,
  w: number,
  h: number,
  r: number,
  color: string,
): string {
  const k = r * KAPPA;
  const [x2, y2] = [x + w, y + h];
  return (
    `q ${colorOf(ctx, color)} rg ${num(x + r)} ${num(y)} m ${num(x2 - r)} ${num(y)} l ` +
    `${num(x2 - r + k)} ${num(y)} ${num(x2)} ${num(y + r - k)} ${num(x2)} ${num(y + r)} c ` +
    `${num(x2)} ${num(y2 - r)} l ${num(x2)} ${num(y2 - r + k)} ${num(x2 - r + k)} ${num(y2)} ${num(x2 - r)} ${num(y2)} c ` +
    `${num(x + r)} ${num(y2)} l ${num(x + r - k)} ${num(y2)} ${num(x)} ${num(y2 - r + k)} ${num(x)} ${num(y2 - r)} c ` +
    `${num(x)} ${num(y + r)} l ${num(x)} ${num(y + r - k)} ${num(x + r - k)} ${num(y)} ${num(x + r)} ${num(y)} c f Q`
  );
}

/** Writes operators to the current page as one content chunk. */
export function writeOps(ctx: PdfContext, ops: readonly string[]): void {
  const text = ops.filter((op) => op !== "").join("\n");
  if (text !== "") ctx.doc.addContent(text);
}
