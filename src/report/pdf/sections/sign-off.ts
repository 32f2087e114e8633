// Sign-off: the scope's limits, the opinion (the firm's, or a statement that none is expressed), the report digest
// and one signature block per signatory, two to a row, none pre-filled with a name the firm did not give.
import { heading } from "../blocks.js";
import type { PdfCanvas } from "../canvas.js";
import type { PdfContext } from "../context.js";
import { APPENDIX_PART, SECTION } from "../dests.js";
import { INK, SIZE } from "../styles.js";
import { drawText, ensureSpace, paragraph } from "../text.js";

const FIELDS = ["Name", "Title", "Signature", "Date"] as const;
const FIELD = 40;
const BOX = 32 + FIELDS.length * FIELD;
const GUTTER = 20;

/** Draws the appendix part with the sign-off: limitations, opinion, digest and signature blocks. */
export function drawSignOff(ctx: PdfContext, section: PDFKit.PDFOutline): void {
  const { model } = ctx;
  const d = model.document;
  // The sign-off starts a page of its own, so the opinion and the digest stand with the signatures.
  if (ctx.doc.y > ctx.box.top + 20) {
    ctx.running.caption = null;
    ctx.doc.addPage();
  }
  heading(
    ctx,
    APPENDIX_PART.sign_off.title,
    2,
    { dest: SECTION.signOff, outline: section, caption: APPENDIX_PART.sign_off.title },
    120,
  );
  paragraph(ctx, "Scope and limitations", { font: "bold", size: SIZE.small, after: 1 });
  paragraph(ctx, d.limitations, { size: SIZE.small, after: 6 });
  paragraph(ctx, "Opinion", { font: "bold", size: SIZE.small, after: 1 });
  paragraph(ctx, d.opinion, { size: SIZE.small, after: 6 });
  paragraph(ctx, "Report digest (SHA-256 of the inputs)", { font: "bold", size: SIZE.small, after: 1 });
  paragraph(ctx, model.provenance.inputs_sha256, { font: "mono", size: SIZE.small, after: 12 });
  drawSignatureBlocks(ctx, d.signatories);
}

/** A signature block to draw: the role, and a name and title only where the issuer gave them. */
export interface SignatoryBlock {
  readonly role: string;
  readonly name: string;
  readonly title: string;
}

/** The height of one row of signature blocks, for keeping a closing paragraph with it. */
export const SIGNATURE_ROW_HEIGHT = BOX + 10;

/** Signature blocks two to a row, each row kept on one page; the report and the letter share them. */
export function drawSignatureBlocks(ctx: PdfCanvas, signatories: readonly SignatoryBlock[]): void {
  for (let i = 0; i < signatories.length; i += 2) drawRow(ctx, signatories.slice(i, i + 2));
}

/** One row of up to two signature blocks, kept on one page. */
function drawRow(ctx: PdfCanvas, row: readonly SignatoryBlock[]): void {
  const { doc, box } = ctx;
  ensureSpace(ctx, BOX + 10);
  const y = doc.y;
  const width = (box.width - GUTTER) / 2;
  row.forEach((party, i) => {
    const x = box.left + i * (width + GUTTER);
    doc.rect(x, y, width, BOX).lineWidth(0.8).strokeColor(INK.rule).stroke();
    doc.rect(x, y, width, 20).fill(INK.headerFill);
    drawText(ctx, party.role, x + 8, y + 5, width - 16, { font: "bold", size: SIZE.body, height: 12 });
    const given = { Name: party.name, Title: party.title, Signature: "", Date: "" };
    FIELDS.forEach((field, f) => {
      const fy = y + 32 + f * FIELD;
      drawText(ctx, field, x + 8, fy, width - 16, { size: SIZE.tiny, color: INK.muted, height: 9 });
      if (given[field])
        drawText(ctx, given[field], x + 8, fy + 10, width - 16, { size: SIZE.small, height: 20 });
      doc
        .moveTo(x + 8, fy + 32)
        .lineTo(x + width - 8, fy + 32)
        .lineWidth(0.6)
        .strokeColor(INK.faint)
        .stroke();
    });
  });
  doc.x = box.left;
  doc.y = y + BOX + 10;
}
