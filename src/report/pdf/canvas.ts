// The drawing surface both PDFs share: a pdfkit document, its faces, the body box and the page bookkeeping.
import { neutraliseText } from "../document-text.js";
import type { Faces } from "./faces.js";
import { glyphGuard } from "./fonts.js";
import { openTags, type Tags } from "./tags.js";

/** A page size and the body's margins, in points. */
export interface PageGeometry {
  readonly width: number;
  readonly height: number;
  readonly margin: {
    readonly top: number;
    readonly bottom: number;
    readonly left: number;
    readonly right: number;
  };
}

/** Page numbers learnt by laying a whole document out once. */
export interface LayoutFacts {
  readonly pages: number;
  readonly anchorPages: ReadonlyMap<string, number>;
}

/** Everything the text, table and chart primitives need. Created per document; nothing is shared. */
export interface PdfCanvas {
  readonly doc: PDFKit.PDFDocument;
  readonly faces: Faces;
  /** Neutralises control and bidi characters, then replaces those the font cannot draw, so no reader sees an empty box. */
  readonly safe: (text: string) => string;
  /** Lines a long text was broken into, per text and then per style, width and line limit. */
  readonly brokenLines: Map<string, Map<string, readonly string[]>>;
  /** A layout pass measures and breaks pages but draws no text; its output is thrown away. */
  readonly layoutPass: boolean;
  /** What an earlier layout pass found (page count, page of each destination), when there was one. */
  readonly known: LayoutFacts | null;
  /**
   * What the page being filled belongs to ("KEY-001 — title", "DMM Bitcoin", "Findings"): a page that opens inside
   * it starts with "… (continued)", so no page begins with a block that does not say whose it is. Null: none.
   */
  readonly running: { caption: string | null };
  /** The structure tree of a tagged document's drawn pass; null in a layout pass. */
  readonly tags: Tags | null;
  /** Number of pages so far; the current page is the last. */
  readonly pages: { count: number };
  /** Page number of every named destination. */
  readonly anchorPages: Map<string, number>;
  /** The name written into the PDF for each destination (see `destKey`). */
  readonly destKeys: Map<string, string>;
  /** Content box of a body page. */
  readonly box: {
    readonly left: number;
    readonly right: number;
    readonly top: number;
    readonly bottom: number;
    readonly width: number;
  };
}

/** Opens a canvas on a document and starts counting its pages. */
export function openCanvas(
  doc: PDFKit.PDFDocument,
  faces: Faces,
  page: PageGeometry,
  pass: { readonly layoutPass: boolean; readonly known: LayoutFacts | null },
): PdfCanvas {
  const pages = { count: 0 };
  const running = { caption: null as string | null };
  const guard = glyphGuard(faces.hasGlyph);
  const safe = remembered((text: string) => guard(neutraliseText(text)));
  const { left, right, top, bottom } = page.margin;
  const canvas: PdfCanvas = {
    doc,
    faces,
    safe,
    brokenLines: new Map(),
    layoutPass: pass.layoutPass,
    known: pass.known,
    tags: pass.layoutPass ? null : openTags(doc),
    running,
    pages,
    anchorPages: new Map(),
    destKeys: new Map(),
    box: {
      left,
      right: page.width - right,
      top,
      bottom: page.height - bottom,
      width: page.width - left - right,
    },
  };
  doc.on("pageAdded", () => {
    pages.count++;
    // pdfkit's own margins are 0 (the layout places every line), so the body's top-left is set here.
    doc.x = left;
    doc.y = top;
  });
  return canvas;
}

/**
 * The name a destination has inside the PDF: `d` and a five-digit number, in order of first use. pdfkit
 * sorts its name tree with `localeCompare`, and readable names (`control-KEY-001`, `incident-zaif-2018`)
 * sort differently in et, lt or da collation, so the same report came out as different bytes per
 * locale. Zero-padded digits after one common letter sort the same in every collation and in byte
 * order, which is the order the PDF format requires of a name tree. Links use the same mapping.
 */
export function destKey(canvas: PdfCanvas, name: string): string {
  let key = canvas.destKeys.get(name);
  if (key === undefined) {
    key = `d${String(canvas.destKeys.size + 1).padStart(5, "0")}`;
    canvas.destKeys.set(name, key);
  }
  return key;
}

/** Marks the current position as a link target and remembers its page. */
export function anchor(canvas: PdfCanvas, name: string, y = canvas.doc.y): void {
  canvas.doc.addNamedDestination(destKey(canvas, name), "XYZ", null, y, null);
  canvas.anchorPages.set(name, canvas.pages.count);
}

/** Makes a rectangle of the current page a link to a named destination. */
export function linkTo(canvas: PdfCanvas, x: number, y: number, w: number, h: number, name: string): void {
  canvas.doc.goTo(x, y, w, h, destKey(canvas, name));
}

/** Adds an outline (bookmark) entry pointing at the current page. */
export function bookmark(parent: PDFKit.PDFOutline, title: string): PDFKit.PDFOutline {
  // Outline titles are PDF text strings, not drawn with the font, so they need no glyph guard. An entry
  // opens its page (pdfkit's documented options place it no finer); links go to the exact position.
  return parent.addItem(neutraliseText(title), { expanded: false });
}

/**
 * Texts at least this long are made safe, and broken into lines, once per document: a long name recurs on every
 * page, while a short text costs less to redo than to look up.
 */
export const REMEMBER_FROM = 256;

/** `make`, remembering its result for long texts (short ones cost less to redo than to look up). */
function remembered(make: (text: string) => string): (text: string) => string {
  const seen = new Map<string, string>();
  return (text) => {
    if (text.length < REMEMBER_FROM) return make(text);
    let done = seen.get(text);
    if (done === undefined) {
      done = make(text);
      seen.set(text, done);
    }
    return done;
  };
}
