// The few pdfkit internals the report relies on, typed narrowly in one place (pdfkit 0.20).
// Why: "Page X of Y" and contents page numbers are written after the last page exists, through a
// Form XObject whose text must be encoded with the document's own embedded font subset; and the
// embedded fonts are handed to pdfkit without OpenType shaping (see faces.ts).

/** The parts of a fontkit glyph that pdfkit reads. */
export interface FontkitGlyph {
  readonly id: number;
  readonly advanceWidth: number;
  readonly codePoints: readonly number[];
}

/** The parts of a fontkit font that the report uses directly. */
export interface FontkitFont {
  glyphsForString(text: string): FontkitGlyph[];
  hasGlyphForCodePoint(codePoint: number): boolean;
}

/** The parts of pdfkit's EmbeddedFont that the report uses. */
export interface FontInternals {
  /** Resource name on pages, e.g. "F2". */
  readonly id: string;
  /** Ascender in 1/1000 em. */
  readonly ascender: number;
  /** The font dictionary; asking for it makes pdfkit embed the font at the end. */
  ref(): PDFKit.PDFKitReference;
  /** Glyph ids as 4-digit hex strings; adds the glyphs to the embedded subset. */
  encode(text: string): [string[], unknown];
  widthOfString(text: string, size: number): number;
  /** The fontkit font of an embedded font; for the 14 standard fonts an AFM reader instead. */
  readonly font?: Partial<FontkitFont>;
}

/** The font currently selected in a document. */
export function currentFont(doc: PDFKit.PDFDocument): FontInternals {
  return (doc as unknown as { _font: FontInternals })._font;
}

/** Selects a fontkit font object under a family name (pdfkit accepts objects with `layout`; its types do not). */
export function selectFontObject(doc: PDFKit.PDFDocument, font: object, family: string): void {
  (doc as unknown as { font(src: object, family: string): unknown }).font(font, family);
}
