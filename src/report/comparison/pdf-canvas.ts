// A page cursor for the comparison PDF: landscape A4, embedded fonts, safe text, headings with outline entries.
import { collectingDocument } from "../pdf/collect.js";
import { type Face, openFaces } from "../pdf/faces.js";
import { defaultFonts, type FontSet, glyphGuard } from "../pdf/fonts.js";
import { INK } from "../pdf/styles.js";

/** A4 landscape, in points. */
const PAGE = { width: 841.89, height: 595.28, margin: 36 } as const;

/** Drawing state of one comparison document. */
export interface Canvas {
  readonly doc: PDFKit.PDFDocument;
  readonly box: {
    readonly left: number;
    readonly top: number;
    readonly bottom: number;
    readonly width: number;
  };
  readonly ink: typeof INK;
  /** Vertical position of the next block. */
  y: number;
  /** Replaces characters the embedded font cannot draw, so no reader sees an empty box. */
  safe(text: string): string;
  font(face: Face, size: number): void;
  /** Points left on the page below `y`. */
  remaining(): number;
  newPage(): void;
  /** A section heading on a new page (level 1) or in the flow (level 2), with an outline entry for level 1. */
  heading(text: string, level: 1 | 2): void;
  /** A wrapped paragraph; starts a new page when it would not fit. */
  paragraph(text: string, size?: number, face?: Face): void;
  /** Finishes the document and returns its bytes. */
  finish(): Uint8Array;
}

/** Opens a document. `date` is both creation and modification date, so the bytes depend on the input only. */
export function openCanvas(info: { title: string; subject: string; date: string }, fonts?: FontSet): Canvas {
  const date = new Date(`${info.date}T00:00:00Z`);
  const { doc, finish } = collectingDocument({
    size: "A4",
    layout: "landscape",
    margin: PAGE.margin,
    autoFirstPage: false,
    compress: true,
    lang: "en",
    displayTitle: true,
    info: {
      Title: info.title,
      Subject: info.subject,
      Creator: "vaspcheck compare",
      CreationDate: date,
      ModDate: date,
    },
  });
  const faces = openFaces(fonts ?? defaultFonts());
  faces.register(doc);
  const safe = glyphGuard(faces.hasGlyph);
  const box = {
    left: PAGE.margin,
    top: PAGE.margin,
    bottom: PAGE.height - PAGE.margin - 14,
    width: PAGE.width - 2 * PAGE.margin,
  };
  let pages = 0;
  const canvas: Canvas = {
    doc,
    box,
    ink: INK,
    y: box.top,
    safe,
    font(face, size) {
      doc.font(face, size);
    },
    remaining: () => box.bottom - canvas.y,
    newPage() {
      doc.addPage();
      pages += 1;
      canvas.font("regular", 6.5);
      doc.fillColor(INK.faint);
      // Right-aligned by measure, without a wrapping width: a wrapped line below the bottom margin
      // would make pdfkit start another page, and the footer lives there.
      const footer = `${safe(info.title)} · page ${pages}`;
      const x = box.left + box.width - faces.width("regular", 6.5, footer);
      doc.font("regular", 6.5);
      doc.text(footer, x, PAGE.height - PAGE.margin, { lineBreak: false });
      doc.fillColor(INK.text);
      canvas.y = box.top;
    },
    heading(text, level) {
      if (level === 1) {
        canvas.newPage();
        doc.outline.addItem(safe(text));
      } else if (canvas.remaining() < 60) canvas.newPage();
      canvas.font("bold", level === 1 ? 15 : 11);
      doc.fillColor(level === 1 ? INK.accent : INK.text);
      doc.text(safe(text), box.left, canvas.y, { width: box.width });
      doc.fillColor(INK.text);
      canvas.y = doc.y + (level === 1 ? 8 : 4);
    },
    paragraph(text, size = 8.5, face = "regular") {
      canvas.font(face, size);
      const height = doc.heightOfString(safe(text), { width: box.width });
      if (height > canvas.remaining()) canvas.newPage();
      doc.text(safe(text), box.left, canvas.y, { width: box.width });
      canvas.y = doc.y + 4;
    },
    finish,
  };
  return canvas;
}
