// Sign-off block: a statement and signature fields for the assessor and for management.
import { heading } from "../blocks.js";
import type { PdfContext } from "../context.js";
import { APPENDIX_PART, SECTION } from "../dests.js";
import { INK, SIZE } from "../styles.js";
import { drawText, ensureSpace, paragraph } from "../text.js";

const FIELDS = ["Name", "Position", "Signature", "Date"] as const;
const FIELD = 44;
const BOX = 32 + FIELDS.length * FIELD;

/** Draws the appendix part with the sign-off block, kept on one page. */
export function drawSignOff(ctx: PdfContext, section: PDFKit.PDFOutline): void {
  const { doc, model, box } = ctx;
  const p = model.provenance;
  ensureSpace(ctx, BOX + 110);
  heading(ctx, APPENDIX_PART.sign_off.title, 2, { dest: SECTION.signOff, outline: section }, BOX + 90);
  paragraph(
    ctx,
    `The undersigned have reviewed this report on ${model.organization.name}, assessed against ` +
      `${p.catalog_id} ${p.catalog_version} as of ${model.assessment.as_of}, and confirm that it reflects the ` +
      "answers and evidence provided. The report digest below identifies the exact inputs.",
    { size: SIZE.small, after: 2 },
  );
  paragraph(ctx, `Report digest: ${p.inputs_sha256}`, {
    font: "mono",
    size: SIZE.tiny,
    color: INK.muted,
    after: 12,
  });
  const y = doc.y;
  const gutter = 20;
  const width = (box.width - gutter) / 2;
  const parties = [
    { title: "Assessor", name: model.assessment.assessor },
    { title: "Management of the organization", name: "" },
  ];
  parties.forEach((party, i) => {
    const x = box.left + i * (width + gutter);
    doc.rect(x, y, width, BOX).lineWidth(0.8).strokeColor(INK.rule).stroke();
    doc.rect(x, y, width, 20).fill(INK.headerFill);
    drawText(ctx, party.title, x + 8, y + 5, width - 16, { font: "bold", size: SIZE.body, height: 12 });
    FIELDS.forEach((field, f) => {
      const fy = y + 32 + f * FIELD;
      drawText(ctx, field, x + 8, fy, width - 16, { size: SIZE.tiny, color: INK.muted, height: 9 });
      if (field === "Name" && party.name) {
        drawText(ctx, party.name, x + 8, fy + 10, width - 16, { size: SIZE.small, height: 24 });
      }
      doc
        .moveTo(x + 8, fy + 36)
        .lineTo(x + width - 8, fy + 36)
        .lineWidth(0.6)
        .strokeColor(INK.faint)
        .stroke();
    });
  });
  doc.x = box.left;
  doc.y = y + BOX + 10;
}
