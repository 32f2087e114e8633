// The comparison PDF's document: landscape A4 on the report's canvas, with a running footer on every page.
import { neutraliseText } from "../document-text.js";
import { openCanvas, type PdfCanvas } from "../pdf/canvas.js";
import { collectingDocument } from "../pdf/collect.js";
import { openFaces } from "../pdf/faces.js";
import { defaultFonts, type FontSet } from "../pdf/fonts.js";
import { INK, SIZE } from "../pdf/styles.js";
import { drawText } from "../pdf/text.js";

/** A4 landscape; the bottom margin leaves a line for the footer. */
const PAGE = {
  width: 841.89,
  height: 595.28,
  margin: { top: 36, left: 36, right: 36, bottom: 50 },
  footerY: 595.28 - 36,
} as const;

/** The canvas of one comparison document and the way to finish it. */
export interface ComparisonCanvas extends PdfCanvas {
  /** Finishes the document and returns its bytes. */
  finish(): Uint8Array;
}

/** Opens a document. `date` is both creation and modification date, so the bytes depend on the input only. */
export function openComparisonCanvas(
  info: { title: string; subject: string; date: string },
  fonts?: FontSet,
): ComparisonCanvas {
  const date = new Date(`${info.date}T00:00:00Z`);
  const { doc, finish } = collectingDocument({
    size: "A4",
    layout: "landscape",
    // Every line is placed by the canvas, so pdfkit never needs a margin to break pages on.
    margin: 0,
    autoFirstPage: false,
    compress: true,
    lang: "en",
    displayTitle: true,
    info: {
      // Metadata is shown by viewers and printed by pdfinfo: neutralised like the text on the pages.
      Title: neutraliseText(info.title),
      Subject: neutraliseText(info.subject),
      Creator: "vaspcheck compare",
      CreationDate: date,
      ModDate: date,
    },
  });
  const faces = openFaces(fonts ?? defaultFonts());
  faces.register(doc);
  // One pass: the footer names the page without a total, so nothing needs to be known in advance.
  const canvas = openCanvas(doc, faces, PAGE, { layoutPass: false, known: null });
  const { box } = canvas;
  doc.on("pageAdded", () => {
    drawText(canvas, `${info.title} · page ${canvas.pages.count}`, box.left, PAGE.footerY, box.width, {
      size: SIZE.tiny,
      color: INK.faint,
      align: "right",
      height: 10,
    });
  });
  return { ...canvas, finish };
}
