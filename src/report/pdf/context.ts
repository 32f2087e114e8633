// The state of one PDF rendering: the document, the model, fonts, page count, anchors and the outline.
import type { ReportModel } from "../report-model.js";
import type { Faces } from "./faces.js";
import { glyphGuard } from "./fonts.js";
import { PAGE } from "./styles.js";

/** Everything a section needs to draw. Created per document; nothing is shared between renders. */
export interface PdfContext {
  readonly doc: PDFKit.PDFDocument;
  readonly model: ReportModel;
  readonly faces: Faces;
  /** Replaces characters the embedded font cannot draw. */
  readonly safe: (text: string) => string;
  /**
   * What the layout pass found: the page count and the page of every destination. Null during that pass,
   * whose drawing is thrown away; the second pass lays out the same pages and prints these numbers.
   */
  readonly known: LayoutFacts | null;
  /** Number of pages so far; the current page is the last. */
  readonly pages: { count: number };
  /** Page number of every named destination, for the contents page. */
  readonly anchorPages: Map<string, number>;
  /** Content box of a body page. */
  readonly box: {
    readonly left: number;
    readonly right: number;
    readonly top: number;
    readonly bottom: number;
    readonly width: number;
  };
}

/** Page numbers learnt by laying the whole document out once. */
export interface LayoutFacts {
  readonly pages: number;
  readonly anchorPages: ReadonlyMap<string, number>;
}

/** Creates the rendering context and starts counting pages. */
export function createContext(
  doc: PDFKit.PDFDocument,
  model: ReportModel,
  faces: Faces,
  known: LayoutFacts | null,
): PdfContext {
  const safe = glyphGuard(faces.hasGlyph);
  const pages = { count: 0 };
  const { left, right, top, bottom } = PAGE.margin;
  doc.on("pageAdded", () => {
    pages.count++;
    // pdfkit's own margins are 0 (the layout places every line), so the body's top-left is set here.
    doc.x = left;
    doc.y = top;
  });
  return {
    doc,
    model,
    faces,
    safe,
    known,
    pages,
    anchorPages: new Map(),
    box: {
      left,
      right: PAGE.width - right,
      top,
      bottom: PAGE.height - bottom,
      width: PAGE.width - left - right,
    },
  };
}

/** Marks the current position as a link target and remembers its page. */
export function anchor(ctx: PdfContext, name: string, y = ctx.doc.y): void {
  ctx.doc.addNamedDestination(name, "XYZ", null, y, null);
  ctx.anchorPages.set(name, ctx.pages.count);
}

/** Adds an outline (bookmark) entry pointing at the current page. */
export function bookmark(parent: PDFKit.PDFOutline, title: string): PDFKit.PDFOutline {
  // Outline titles are PDF text strings, not drawn with the font, so they need no glyph guard. An entry
  // opens its page (pdfkit's documented options place it no finer); links go to the exact position.
  return parent.addItem(title, { expanded: false });
}

/** The title the outline gives a section, so the PDF and the Markdown report name it alike. */
export function sectionTitle(ctx: PdfContext, id: ReportModel["outline"][number]["id"]): string {
  return ctx.model.outline.find((s) => s.id === id)?.title ?? id;
}
