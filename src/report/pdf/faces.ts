// The embedded faces of one document, laid out glyph by glyph without OpenType shaping.
// Why: fontkit shapes every distinct word through Noto Sans JP's large GSUB/GPOS tables (about 0.15 ms
// each), and pdfkit caches and re-concatenates the result word by word; shaping was the largest cost
// of a report. Report text needs no ligatures or contextual forms: mapping characters to glyphs through
// the cmap gives the same glyphs, minus Latin kerning, at a fraction of the time and garbage.
import type { FontSet } from "./fonts.js";
import { currentFont, type FontInternals, type FontkitFont } from "./pdfkit-internals.js";

/** A face of the report's type. */
export type Face = "regular" | "bold" | "mono";

/** Widths and glyph codes of one face, remembered per character. */
export interface FaceMetrics {
  /** The pdfkit font behind the face. */
  readonly font: FontInternals;
  /** Advance width of a text at 1 pt (glyphs are unshaped, so widths simply add up). */
  width(text: string): number;
  /** The text's glyph codes as hex, adding its glyphs to the embedded subset. */
  codes(text: string): string;
}

/** Selects faces on a document, measures and encodes text, and answers glyph coverage. */
export interface Faces {
  select(doc: PDFKit.PDFDocument, face: Face): void;
  metrics(face: Face): FaceMetrics;
  hasGlyph(codePoint: number): boolean;
}

// Variation selectors pick a glyph for the character before them; such text is encoded as a whole.
const SELECTOR = /[\ufe00-\ufe0f]|\udb40[\udd00-\uddef]/;

function faceMetrics(font: FontInternals): FaceMetrics {
  const chars = new Map<string, { width: number; code?: string }>();
  const entry = (ch: string) => {
    let known = chars.get(ch);
    if (!known) {
      known = { width: font.widthOfString(ch, 1) };
      chars.set(ch, known);
    }
    return known;
  };
  return {
    font,
    width(text) {
      let width = 0;
      for (const ch of text) width += entry(ch).width;
      return width;
    },
    codes(text) {
      if (SELECTOR.test(text)) return font.encode(text)[0].join("");
      let codes = "";
      for (const ch of text) {
        const known = entry(ch);
        known.code ??= font.encode(ch)[0].join("");
        codes += known.code;
      }
      return codes;
    },
  };
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
  const metrics = new Map<Face, FaceMetrics>();
  select(doc, "regular");
  const coverage = currentFont(doc).font;
  return {
    select,
    metrics(face) {
      let known = metrics.get(face);
      if (!known) {
        select(doc, face);
        known = faceMetrics(currentFont(doc));
        metrics.set(face, known);
      }
      return known;
    },
    hasGlyph: (cp) =>
      typeof coverage?.hasGlyphForCodePoint === "function" ? coverage.hasGlyphForCodePoint(cp) : cp < 0x7f,
  };
}
