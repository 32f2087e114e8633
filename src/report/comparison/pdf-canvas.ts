// The comparison PDF's document: landscape A4 on the report's canvas, with a running footer on every page.
import type { LayoutFacts, PdfCanvas } from "../pdf/canvas.js";
import type { Faces } from "../pdf/faces.js";
import { INK, SIZE } from "../pdf/styles.js";
import { openTaggedDocument } from "../pdf/tagged-document.js";
import { drawText, textWidth } from "../pdf/text.js";

/** A4 landscape; the bottom margin leaves a line for the footer. */
const PAGE = {
  width: 841.89,
  height: 595.28,
  margin: { top: 36, left: 36, right: 36, bottom: 50 },
  footerY: 595.28 - 36,
} as const;

/** The canvas of one comparison document and the way to finish it. */
export interface ComparisonCanvas extends PdfCanvas {
  /** Finishes the document and returns its bytes (nothing is kept in the layout pass). */
  finish(): Uint8Array;
}

/** What a comparison document says about itself: its metadata, and the digest its footer prints. */
export interface ComparisonInfo {
  readonly title: string;
  readonly subject: string;
  /** `YYYY-MM-DD`, both creation and modification date, so the bytes depend on the input only. */
  readonly date: string;
  readonly creator: string;
  readonly digest: string;
  /** The confidentiality marking every footer repeats. */
  readonly marking: string;
}

/**
 * Opens a document. `known` is null in the layout pass (nothing drawn as text, output thrown away), which learns
 * the page count the drawn pass prints as "Page X of Y".
 */
export function openComparisonCanvas(
  info: ComparisonInfo,
  faces: Faces,
  known: LayoutFacts | null,
): ComparisonCanvas {
  const { canvas, finish } = openTaggedDocument(
    {
      page: PAGE,
      layout: "landscape",
      info: { ...info, keywords: `vaspcheck, sector comparison, digest ${info.digest}` },
      known,
      footer: (c) => drawFooter(c, info),
    },
    faces,
  );
  return { ...canvas, finish };
}

/** Title on the left, the digest in the middle, "Page X of Y" on the right, under a rule. */
function drawFooter(canvas: PdfCanvas, info: ComparisonInfo): void {
  const { doc, box } = canvas;
  const { x, y } = doc;
  doc
    .moveTo(box.left, PAGE.footerY - 7)
    .lineTo(box.right, PAGE.footerY - 7)
    .lineWidth(0.5)
    .strokeColor(INK.rule)
    .stroke();
  const small = { size: SIZE.tiny, color: INK.muted, height: 10 } as const;
  drawText(canvas, `${info.title} · ${info.marking}`, box.left, PAGE.footerY - 2, box.width * 0.3, small);
  const label = "Digest of inputs ";
  const labelWidth = textWidth(canvas, label, { size: SIZE.tiny }) + 2;
  const digestLeft = box.left + box.width * 0.32;
  drawText(canvas, label, digestLeft, PAGE.footerY - 2, labelWidth, small);
  drawText(canvas, info.digest, digestLeft + labelWidth, PAGE.footerY - 1, 300, { ...small, font: "mono" });
  if (canvas.known)
    drawText(
      canvas,
      `Page ${canvas.pages.count} of ${canvas.known.pages}`,
      box.right - 100,
      PAGE.footerY - 2,
      100,
      {
        ...small,
        size: SIZE.small,
        align: "right",
      },
    );
  doc.x = x;
  doc.y = y;
}
