// The embedded faces of one document, laid out glyph by glyph without OpenType shaping.
// Why: fontkit shapes every distinct word through Noto Sans JP's large GSUB/GPOS tables (about 0.15 ms
// each), and pdfkit caches and re-concatenates the result word by word; shaping was the largest cost
// of a report. Report text needs no ligatures or contextual forms: mapping characters to glyphs through
// the cmap gives the same glyphs, minus Latin kerning, at a fraction of the time and garbage.
import type { FontSet } from "./fonts.js";
import { currentFont, type FontInternals, type FontkitFont } from "./pdfkit-internals.js";

/** A face of the report's type. */
export type Face = "regular" | "bold" | "mono";

/** Selects faces on a document and answers glyph coverage. */
export interface Faces {
  select(doc: PDFKit.PDFDocument, face: Face): void;
  hasGlyph(codePoint: number): boolean;
}

/** Replaces pdfkit's shaping layout of one embedded font with a plain cmap mapping. */
function unshape(font: FontInternals, fontkit: FontkitFont): void {
  const scale = font.scale;
  font.layout = (text, _features, onlyWidth) => {
    const glyphs = fontkit.glyphsForString(text);
    const positions = [];
    let advanceWidth = 0;
    for (const glyph of glyphs) {
      const width = glyph.advanceWidth * scale;
      advanceWidth += width;
      if (!onlyWidth)
        positions.push({ xAdvance: width, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: width });
    }
    return { glyphs: onlyWidth ? null : glyphs, positions: onlyWidth ? null : positions, advanceWidth };
  };
}

/** Opens the faces of a font set for one document; the fonts are parsed on first use. */
export function openFaces(doc: PDFKit.PDFDocument, fonts: FontSet): Faces {
  const done = new WeakSet<FontInternals>();
  const select = (target: PDFKit.PDFDocument, face: Face) => {
    target.font(fonts[face]);
    const font = currentFont(target);
    if (done.has(font)) return;
    done.add(font);
    const fontkit = font.font;
    if (typeof fontkit?.glyphsForString === "function") unshape(font, fontkit as FontkitFont);
  };
  select(doc, "regular");
  const coverage = currentFont(doc).font;
  return {
    select,
    hasGlyph: (cp) =>
      typeof coverage?.hasGlyphForCodePoint === "function" ? coverage.hasGlyphForCodePoint(cp) : cp < 0x7f,
  };
}
