// The faces of one document on pdfkit's public API: registered fonts, measured widths, glyph coverage.
// Widths come from `doc.widthOfString`, the same shaping pdfkit uses to draw, so wrapped text never
// overflows its box; they are remembered per face and text because report text repeats words.
import { openSync } from "fontkit";
import type { FontSet } from "./fonts.js";

/** A face of the report's type. */
export type Face = "regular" | "bold" | "mono";

const FACES: readonly Face[] = ["regular", "bold", "mono"];

/** Selects faces on a document, measures text and answers glyph coverage. */
export interface Faces {
  /** Selects a face and size for the next `doc.text`. */
  select(face: Face, size: number): void;
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

/** Glyph coverage of a font file, opened once per process: a font file does not change under us. */
const coverage = new Map<string, (codePoint: number) => boolean>();

function coverageOf(source: string): (codePoint: number) => boolean {
  // The 14 standard fonts are drawn in WinAnsi; printable ASCII is the part every one of them covers.
  if (STANDARD.has(source)) return (cp) => cp >= 0x20 && cp < 0x7f;
  let known = coverage.get(source);
  if (!known) {
    const font = openSync(source);
    const face = "fonts" in font ? font.fonts[0] : font;
    known = face ? (cp) => face.hasGlyphForCodePoint(cp) : () => false;
    coverage.set(source, known);
  }
  return known;
}

/** Registers a font set's faces on a document and returns their measures. */
export function openFaces(doc: PDFKit.PDFDocument, fonts: FontSet): Faces {
  for (const face of FACES) doc.registerFont(face, fonts[face]);
  // Width at 1 pt: pdfkit's widths scale linearly with the size.
  const widths = new Map<Face, Map<string, number>>(FACES.map((f) => [f, new Map()]));
  const heights = new Map<string, number>();
  return {
    select(face, size) {
      doc.font(face, size);
    },
    width(face, size, text) {
      const known = widths.get(face)!;
      let width = known.get(text);
      if (width === undefined) {
        width = doc.font(face, 1).widthOfString(text);
        known.set(text, width);
      }
      return width * size;
    },
    lineHeight(face, size) {
      const key = `${face} ${size}`;
      let height = heights.get(key);
      if (height === undefined) {
        height = doc.font(face, size).currentLineHeight(true);
        heights.set(key, height);
      }
      return height;
    },
    hasGlyph: coverageOf(fonts.regular),
  };
}
