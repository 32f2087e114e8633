// The embedded faces of one document, laid out glyph by glyph without OpenType shaping.
// Why: fontkit shapes every distinct word through Noto Sans JP's large GSUB/GPOS tables (about 0.15 ms
// each), which made shaping the largest cost of a report. Report text needs no ligatures or contextual
// forms; mapping characters to glyphs through the cmap gives the same glyphs, minus Latin kerning.
import PDFDocument from "pdfkit";
import type { FontSet } from "./fonts.js";
import { currentFont, type FontkitFont, type FontkitGlyph, selectFontObject } from "./pdfkit-internals.js";

/** A face of the report's type. */
export type Face = "regular" | "bold" | "mono";

/** Selects faces on a document and answers glyph coverage. */
export interface Faces {
  select(doc: PDFKit.PDFDocument, face: Face): void;
  hasGlyph(codePoint: number): boolean;
}

interface GlyphRun {
  readonly glyphs: FontkitGlyph[];
  readonly positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[];
  readonly advanceWidth: number;
}

/** Wraps a fontkit font so that `layout` maps characters to glyphs without shaping. */
function unshaped(font: FontkitFont): FontkitFont & { layout(text: string): GlyphRun } {
  const wrapper = Object.create(font) as FontkitFont & { layout(text: string): GlyphRun };
  wrapper.layout = (text) => {
    const glyphs = font.glyphsForString(text);
    const positions = glyphs.map((g) => ({ xAdvance: g.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 }));
    return {
      glyphs,
      positions,
      // pdfkit scales the positions in place after layout, so the total is read from them when asked.
      get advanceWidth() {
        return positions.reduce((sum, p) => sum + p.xAdvance, 0);
      },
    };
  };
  return wrapper;
}

/**
 * Opens the faces of a font set for one document. TrueType files are parsed once here (in a scratch
 * document, so the real one never registers the shaped font under the same PostScript name).
 */
export function openFaces(fonts: FontSet): Faces {
  const sources = new Map<Face, { path: string; font?: FontkitFont }>();
  let coverage: FontkitFont | undefined;
  for (const face of ["regular", "bold", "mono"] as const) {
    const path = fonts[face];
    const scratch = new PDFDocument({ font: path, autoFirstPage: false });
    const font = currentFont(scratch).font;
    if (
      font &&
      typeof font.glyphsForString === "function" &&
      typeof font.hasGlyphForCodePoint === "function"
    ) {
      const parsed = font as FontkitFont;
      sources.set(face, { path, font: unshaped(parsed) });
      if (face === "regular") coverage = parsed;
    } else {
      sources.set(face, { path });
    }
  }
  return {
    select(doc, face) {
      const { path, font } = sources.get(face)!;
      // A family name makes pdfkit cache the face; without one it would re-open it on every call.
      if (font) selectFontObject(doc, font, `vaspcheck-${face}`);
      else doc.font(path);
    },
    hasGlyph: (cp) => (coverage ? coverage.hasGlyphForCodePoint(cp) : cp < 0x7f),
  };
}
