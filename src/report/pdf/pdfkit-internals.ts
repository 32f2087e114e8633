// The few pdfkit internals the report relies on, typed narrowly in one place (pdfkit 0.20).
// Why: text is written as raw operators with the document's own embedded font subsets (one content
// write per block instead of about ten per line); "Page X of Y" and contents page numbers go through a
// Form XObject written after the last page; and embedded fonts are laid out without shaping (faces.ts).

/** The parts of a fontkit glyph that the report reads. */
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

/** What pdfkit's font layout returns. */
export interface FontLayout {
  readonly glyphs: FontkitGlyph[] | null;
  readonly positions: object[] | null;
  readonly advanceWidth: number;
}

/** The parts of pdfkit's EmbeddedFont (or StandardFont) that the report uses. */
export interface FontInternals {
  /** Resource name on pages, e.g. "F2". */
  readonly id: string;
  /** Ascender in 1/1000 em. */
  readonly ascender: number;
  /** Font units to 1/1000 em (embedded fonts only). */
  readonly scale: number;
  /** The font dictionary; asking for it makes pdfkit embed the font at the end. */
  ref(): PDFKit.PDFKitReference;
  /** Glyph codes as hex strings; for embedded fonts, adds the glyphs to the subset. */
  encode(text: string): [string[], unknown];
  widthOfString(text: string, size: number): number;
  /** Line height in points at a size, with the font's line gap when asked. */
  lineHeight(size: number, includeGap?: boolean): number;
  /** Embedded fonts only: pdfkit's layout, replaced in faces.ts. */
  layout?: (text: string, features: unknown, onlyWidth?: boolean) => FontLayout;
  /** The fontkit font of an embedded font; for the 14 standard fonts an AFM reader instead. */
  readonly font?: Partial<FontkitFont>;
}

/** The font currently selected in a document. */
export function currentFont(doc: PDFKit.PDFDocument): FontInternals {
  return (doc as unknown as { _font: FontInternals })._font;
}

/** The font resources of the current page, by resource name. */
export function pageFonts(doc: PDFKit.PDFDocument): Record<string, PDFKit.PDFKitReference> {
  return doc.page.fonts as Record<string, PDFKit.PDFKitReference>;
}

/** The parts of a pdfkit stream reference (PDFReference) that content batching replaces. */
interface StreamInternals {
  write(chunk: string | Uint8Array): void;
  finalize(): void;
}

/**
 * Makes every page collect its content operators as strings and hand them to pdfkit as one chunk when the
 * page ends. The bytes are the same: pdfkit ends each chunk with a newline, and the chunks are joined with one.
 * Why: pdfkit turns every operator string into its own byte array in a list that grows per page; V8 moves
 * those long-lived lists to the old generation, where each page's leftovers wait for a full collection
 * and made up most of the PDF renderer's peak memory.
 */
export function batchPageContent(doc: PDFKit.PDFDocument): void {
  doc.on("pageAdded", () => {
    const content = (doc.page as unknown as { content: StreamInternals }).content;
    const write = content.write.bind(content);
    const finalize = content.finalize.bind(content);
    let parts: string[] = [];
    const flush = () => {
      if (parts.length > 0) write(parts.join("\n"));
      parts = [];
    };
    content.write = (chunk) => {
      if (typeof chunk === "string") parts.push(chunk);
      else {
        flush();
        write(chunk);
      }
    };
    content.finalize = () => {
      flush();
      finalize();
    };
  });
}
