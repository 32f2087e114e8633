// A short A4 portrait document (a letter, a progress diff): laid out twice for "Page X of Y", with a footer that
// carries the digest of what the document rests on.
import type { LayoutFacts, PdfCanvas } from "./canvas.js";
import type { Faces } from "./faces.js";
import { INK, PAGE, SIZE } from "./styles.js";
import { openTaggedDocument } from "./tagged-document.js";
import { drawText, textWidth } from "./text.js";

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
  let drawn = pass(info, faces, draw, layout.facts);
  // Why a third pass can be needed: drawn text may break a page the layout pass did not (a "continued" caption, a
  // wider glyph), and a footer saying "Page 1 of 2" on a three-page letter is wrong. The drawn pass's count holds.
  if (drawn.facts.pages !== layout.facts.pages) {
    await drawn.written;
    drawn = pass(info, faces, draw, drawn.facts);
  }
  return drawn.written;
}

function pass(
  info: PortraitInfo,
  faces: Faces,
  draw: (canvas: PdfCanvas) => void,
  known: LayoutFacts | null,
): { facts: LayoutFacts; written: Promise<Uint8Array> } {
  const { canvas, finish, finishWhenWritten } = openTaggedDocument(
    {
      page: PAGE,
      info: { ...info, keywords: `vaspcheck, digest ${info.digest}` },
      known,
      footer: (c) => drawFooter(c, info),
    },
    faces,
  );
  draw(canvas);
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
