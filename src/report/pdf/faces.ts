// The faces of a report's type on pdfkit's public API: registered fonts, measured widths, glyph coverage.
// An embedded font's widths are fontkit's shaped advances, summed per space-terminated piece as pdfkit
// lays a line out (a test pins that both agree); a standard font's come from `doc.widthOfString`. Either
// way wrapped text never overflows its box. They are measured on a page-less document of their own, so one set of measures
// serves every document drawn with the same fonts (both passes of a report), and they are remembered
// per face and text because report text repeats words.
import { readFileSync } from "node:fs";
import { create, type Font } from "fontkit";
import PDFDocument from "pdfkit";
import type { FontSet } from "./fonts.js";

/** A face of the report's type. */
export type Face = "regular" | "bold" | "mono";

const FACES: readonly Face[] = ["regular", "bold", "mono"];

/** Registers faces on documents, measures text and answers glyph coverage. */
export interface Faces {
  /** Registers the faces on a document under the names "regular", "bold" and "mono". */
  register(doc: PDFKit.PDFDocument): void;
  /** Advance width of a single-line text in points. */
  width(face: Face, size: number, text: string): number;
  /** Height of one line in points, with the font's line gap. */
  lineHeight(face: Face, size: number): number;
  /** Whether the regular face has a glyph for a code point. */
  hasGlyph(codePoint: number): boolean;
}

const STANDARD = new Set([
  "Courier",
  "Courier-Bold",
  "Courier-Oblique",
  "Courier-BoldOblique",
  "Helvetica",
  "Helvetica-Bold",
  "Helvetica-Oblique",
  "Helvetica-BoldOblique",
  "Times-Roman",
  "Times-Bold",
  "Times-Italic",
  "Times-BoldItalic",
  "Symbol",
  "ZapfDingbats",
]);

/** Bytes of each font file, read once per process: a font file does not change under us. */
const bytes = new Map<string, Buffer>();

/** A font source as pdfkit takes it: a standard font's name, or the file's bytes shared by every document. */
function fontSource(source: string): string | Buffer {
  if (STANDARD.has(source)) return source;
  let known = bytes.get(source);
  if (!known) {
    known = readFileSync(source);
    bytes.set(source, known);
  }
  return known;
}

/** The parsed font of each file, per process like its bytes (fontkit parses tables lazily). */
const parsed = new Map<string, Font | null>();

function fontOf(source: string): Font | null {
  let font = parsed.get(source);
  if (font === undefined) {
    const opened = create(fontSource(source) as Buffer);
    font = "fonts" in opened ? (opened.fonts[0] ?? null) : opened;
    parsed.set(source, font);
  }
  return font;
}

function coverageOf(source: string): (codePoint: number) => boolean {
  // The 14 standard fonts are drawn in WinAnsi; printable ASCII is the part every one of them covers.
  if (STANDARD.has(source)) return (cp) => cp >= 0x20 && cp < 0x7f;
  const font = fontOf(source);
  return font ? (cp) => font.hasGlyphForCodePoint(cp) : () => false;
}

/** Opens a font set's faces and their measures. */
export function openFaces(fonts: FontSet): Faces {
  const register = (doc: PDFKit.PDFDocument) => {
    for (const face of FACES) doc.registerFont(face, fontSource(fonts[face]));
  };
  const doc = new PDFDocument({ autoFirstPage: false });
  register(doc);
  const pieceWidth = pieceWidths(fonts, doc);
  return {
    register,
    width(face, size, text) {
      return widthOfPieces(text, pieceWidth[face]) * size;
    },
    lineHeight: lineHeights(doc),
    hasGlyph: coverageOf(fonts.regular),
  };
}

type PieceWidth = (piece: string) => number;

function pieceWidths(fonts: FontSet, doc: PDFKit.PDFDocument): Record<Face, PieceWidth> {
  // Width at 1 pt: pdfkit's widths scale linearly with the size. For an embedded font pdfkit's width
  // is fontkit's shaped advance in em; asking fontkit directly keeps pdfkit's per-word glyph runs
  // (which the measures never need) out of memory.
  return Object.fromEntries(
    FACES.map((face) => {
      const font = STANDARD.has(fonts[face]) ? null : fontOf(fonts[face]);
      const measure = font
        ? (piece: string) => font.layout(piece).advanceWidth / font.unitsPerEm
        : (piece: string) => doc.font(face, 1).widthOfString(piece);
      return [face, remembered(measure)];
    }),
  ) as Record<Face, PieceWidth>;
}

function remembered(measure: PieceWidth): PieceWidth {
  const known = new Map<string, number>();
  return (piece) => {
    let width = known.get(piece);
    if (width === undefined) {
      width = measure(piece);
      known.set(piece, width);
    }
    return width;
  };
}

function widthOfPieces(text: string, pieceWidth: PieceWidth): number {
  // pdfkit measures a text as the sum of its words, each with its trailing space or tab, shaped
  // one by one; summing the same pieces gives its width without laying out each new line again.
  let width = 0;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text.charCodeAt(i);
    if (i < text.length && c !== 32 && c !== 9) continue;
    const end = Math.min(i + 1, text.length);
    if (end === start) break;
    width += pieceWidth(text.slice(start, end));
    start = end;
  }
  return width;
}

function lineHeights(doc: PDFKit.PDFDocument): Faces["lineHeight"] {
  const heights = new Map<string, number>();
  return (face, size) => {
    const key = `${face} ${size}`;
    let height = heights.get(key);
    if (height === undefined) {
      height = doc.font(face, size).currentLineHeight(true);
      heights.set(key, height);
    }
    return height;
  };
}
