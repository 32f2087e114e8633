// Running header and footer of every body page: organization, as-of date, report digest, "Page X of Y".
import type { PdfContext } from "./context.js";
import { INK, PAGE, SIZE } from "./styles.js";
import { asArtifact } from "./tags.js";
import { drawText, textWidth } from "./text.js";

/**
 * Draws the header and footer on every page after the cover, as each page is added. The page total
 * comes from the layout pass; during that pass the label is left out (it is right-aligned in a box of
 * its own, so it moves nothing).
 */
export function installPageFrame(ctx: PdfContext): void {
  const { doc } = ctx;
  doc.on("pageAdded", () => {
    if (ctx.pages.count === 1) return;
    const { x, y } = doc;
    asArtifact(ctx.tags, () => {
      drawRunningHeader(ctx);
      drawRunningFooter(ctx);
    });
    doc.x = x;
    doc.y = y;
  });
}

function drawRunningHeader(ctx: PdfContext): void {
  const { doc, model, box } = ctx;
  // The right side carries status, reference and date, the left the organization: 45% and 55% of the line.
  const left = box.width * 0.45;
  drawText(ctx, model.organization.name, box.left, PAGE.headerY, left - 10, {
    size: SIZE.small,
    color: INK.muted,
    height: 10,
  });
  drawText(ctx, model.document.running_title, box.left + left, PAGE.headerY, box.width - left, {
    size: SIZE.small,
    color: INK.muted,
    align: "right",
    height: 10,
  });
  doc
    .moveTo(box.left, PAGE.headerY + 13)
    .lineTo(box.right, PAGE.headerY + 13)
    .lineWidth(0.5)
    .strokeColor(INK.rule)
    .stroke();
}

// Draws right after the header, whose rule set the line width and colour this rule strokes with.
function drawRunningFooter(ctx: PdfContext): void {
  const { doc, model, box } = ctx;
  doc
    .moveTo(box.left, PAGE.footerY - 5)
    .lineTo(box.right, PAGE.footerY - 5)
    .stroke();
  const label = "Report digest";
  const labelWidth = textWidth(ctx, label, { size: SIZE.tiny }) + 4;
  drawText(ctx, label, box.left, PAGE.footerY + 2, labelWidth, {
    size: SIZE.tiny,
    color: INK.muted,
    height: 10,
  });
  drawText(ctx, model.provenance.inputs_sha256, box.left + labelWidth, PAGE.footerY + 3, 300, {
    font: "mono",
    size: SIZE.tiny,
    color: INK.muted,
    height: 10,
  });
  if (ctx.known) {
    drawText(ctx, `Page ${ctx.pages.count} of ${ctx.known.pages}`, box.right - 120, PAGE.footerY + 2, 120, {
      size: SIZE.small,
      color: INK.muted,
      align: "right",
      height: 10,
    });
  }
  // The marking and the issuing firm travel with every page, not with the cover alone.
  const issuer = model.document.firm ? ` · issued by ${model.document.firm}` : "";
  drawText(ctx, `${model.document.marking}${issuer}`, box.left, PAGE.footerY + 12, box.width, {
    size: SIZE.tiny,
    color: INK.muted,
    height: 9,
  });
}
