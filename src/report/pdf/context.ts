// The state of one PDF rendering: the document, the model, fonts, page count, anchors and the outline.
import type { ReportModel } from "../report-model.js";
import { createDeferredText, type DeferredText } from "./deferred-text.js";
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
  readonly deferred: DeferredText;
  /** Number of pages so far; the current page is the last. */
  readonly pages: { count: number };
  /** Page number of every named destination, for the contents page. */
  readonly anchorPages: Map<string, number>;
  /** PDF colour operands of each "#rrggbb" used. */
  readonly colors: Map<string, string>;
  /** Content box of a body page. */
  readonly box: {
    readonly left: number;
    readonly right: number;
    readonly top: number;
    readonly bottom: number;
    readonly width: number;
  };
}

/** Creates the rendering context and starts counting pages. */
export function createContext(doc: PDFKit.PDFDocument, model: ReportModel, faces: Faces): PdfContext {
  const safe = glyphGuard(faces.hasGlyph);
  const pages = { count: 0 };
  doc.on("pageAdded", () => {
    pages.count++;
  });
  const { left, right, top, bottom } = PAGE.margin;
  return {
    doc,
    model,
    faces,
    safe,
    deferred: createDeferredText(doc, faces),
    pages,
    anchorPages: new Map(),
    colors: new Map(),
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

/** Adds an outline (bookmark) entry pointing at the current page and position. */
export function bookmark(
  ctx: PdfContext,
  parent: PDFKit.PDFOutline,
  title: string,
  y = ctx.doc.y,
): PDFKit.PDFOutline {
  // pdfkit measures `top` from the top edge and `left` from the right edge; this lands on the left margin.
  const place = { expanded: false, top: Math.max(0, y - 8), left: PAGE.width };
  // Outline titles are PDF text strings, not drawn with the font, so they need no glyph guard.
  return parent.addItem(title, place);
}

/** The title the outline gives a section, so the PDF and the Markdown report name it alike. */
export function sectionTitle(ctx: PdfContext, id: ReportModel["outline"][number]["id"]): string {
  return ctx.model.outline.find((s) => s.id === id)?.title ?? id;
}
