// Running header and footer of every body page: organization, as-of date, report digest, "Page X of Y".
import type { PdfContext } from "./context.js";
import type { Slot } from "./deferred-text.js";
import { INK, PAGE, SIZE } from "./styles.js";
import { drawText, textWidth } from "./text.js";

/** Fills the page labels once the page count is known. */
export interface PageFrame {
  finish(): void;
}

/** Draws the header and footer on every page after the cover, as each page is added. */
export function installPageFrame(ctx: PdfContext): PageFrame {
  const { doc, model, box } = ctx;
  const labels: { page: number; slot: Slot }[] = [];
  doc.on("pageAdded", () => {
    if (ctx.pages.count === 1) return;
    const { x, y } = doc;
    const half = box.width / 2;
    drawText(ctx, model.organization.name, box.left, PAGE.headerY, half + 40, {
      size: SIZE.small,
      color: INK.muted,
      height: 10,
    });
    drawText(
      ctx,
      `Security gap report · as of ${model.assessment.as_of}`,
      box.left + half + 50,
      PAGE.headerY,
      half - 50,
      {
        size: SIZE.small,
        color: INK.muted,
        align: "right",
        height: 10,
      },
    );
    doc
      .moveTo(box.left, PAGE.headerY + 13)
      .lineTo(box.right, PAGE.headerY + 13)
      .lineWidth(0.5)
      .strokeColor(INK.rule)
      .stroke();
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
    labels.push({
      page: ctx.pages.count,
      slot: ctx.deferred.place({
        x: box.right - 120,
        y: PAGE.footerY + 2,
        width: 120,
        size: SIZE.small,
        face: "regular",
        color: INK.muted,
        align: "right",
      }),
    });
    doc.x = x;
    doc.y = y;
  });
  return {
    finish() {
      for (const { page, slot } of labels) slot.resolve(`Page ${page} of ${ctx.pages.count}`);
    },
  };
}
