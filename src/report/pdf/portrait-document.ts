// A short A4 portrait document (a letter, a progress diff): laid out twice for "Page X of Y", with a footer that
// carries the digest of what the document rests on.
import { metadataText } from "../document-text.js";
import { type LayoutFacts, openCanvas, type PdfCanvas } from "./canvas.js";
import { collectingDocument } from "./collect.js";
import type { Faces } from "./faces.js";
import { INK, PAGE, SIZE } from "./styles.js";
import { asArtifact, closeTags } from "./tags.js";
import { drawText, installContinuedCaptions, textWidth } from "./text.js";

/** What a portrait document says about itself. */
export interface PortraitInfo {
  readonly title: string;
  readonly subject: string;
  readonly author?: string;
  readonly creator: string;
  /** `YYYY-MM-DD`: creation and modification date, so the bytes depend on the input only. */
  readonly date: string;
  /** Printed at the left of every footer, before the digest. */
  readonly footer: string;
  readonly digest: string;
}

/**
 * Renders a portrait document: `draw` lays it out once to count the pages (nothing drawn as text or image, output
 * thrown away), then again with "Page X of Y". Resolves once pdfkit has written its last byte.
 */
export async function renderPortrait(
  info: PortraitInfo,
  faces: Faces,
  draw: (canvas: PdfCanvas) => void,
): Promise<Uint8Array> {
  const layout = pass(info, faces, draw, null);
  await layout.written;
  return pass(info, faces, draw, layout.facts).written;
}

function pass(
  info: PortraitInfo,
  faces: Faces,
  draw: (canvas: PdfCanvas) => void,
  known: LayoutFacts | null,
): { facts: LayoutFacts; written: Promise<Uint8Array> } {
  const date = new Date(`${/^\d{4}-\d{2}-\d{2}$/.test(info.date) ? info.date : "1970-01-01"}T00:00:00Z`);
  const { doc, finish, finishWhenWritten } = collectingDocument(
    {
      size: PAGE.size,
      margin: 0,
      autoFirstPage: false,
      compress: known !== null,
      lang: "en",
      // Tagged (a structure tree in reading order, headings, artifacts), which needs PDF 1.4 or later.
      tagged: true,
      pdfVersion: "1.7",
      displayTitle: true,
      info: {
        // Metadata is shown by viewers and printed by pdfinfo: neutralised like the text on the pages.
        Title: metadataText(info.title),
        Subject: metadataText(info.subject),
        ...(info.author ? { Author: metadataText(info.author) } : {}),
        Keywords: metadataText(`vaspcheck, digest ${info.digest}`),
        Creator: info.creator,
        CreationDate: date,
        ModDate: date,
      },
    },
    known !== null,
  );
  faces.register(doc);
  const canvas = openCanvas(doc, faces, PAGE, { layoutPass: known === null, known });
  installContinuedCaptions(canvas);
  doc.on("pageAdded", () => asArtifact(canvas.tags, () => drawFooter(canvas, info)));
  draw(canvas);
  closeTags(canvas.tags);
  const facts = { pages: canvas.pages.count, anchorPages: canvas.anchorPages };
  // The layout pass draws no image, so it ends at once; the drawn pass may wait for pdfkit to decode one.
  return { facts, written: known === null ? Promise.resolve(finish()) : finishWhenWritten() };
}

/** The footer label and the digest on the left, "Page X of Y" on the right, under a rule. */
function drawFooter(canvas: PdfCanvas, info: PortraitInfo): void {
  const { doc, box } = canvas;
  const { x, y } = doc;
  doc
    .moveTo(box.left, PAGE.footerY - 5)
    .lineTo(box.right, PAGE.footerY - 5)
    .lineWidth(0.5)
    .strokeColor(INK.rule)
    .stroke();
  const small = { size: SIZE.tiny, color: INK.muted, height: 10 } as const;
  const label = `${info.footer} · digest `;
  const width = textWidth(canvas, label, { size: SIZE.tiny }) + 2;
  drawText(canvas, label, box.left, PAGE.footerY + 2, width, small);
  drawText(canvas, info.digest, box.left + width, PAGE.footerY + 3, 300, { ...small, font: "mono" });
  if (canvas.known)
    drawText(
      canvas,
      `Page ${canvas.pages.count} of ${canvas.known.pages}`,
      box.right - 100,
      PAGE.footerY + 2,
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
