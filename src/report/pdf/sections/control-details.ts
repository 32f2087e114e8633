// Control details section: the gaps in risk order, then every other control, each bookmarked.

import { heading, startSection } from "../blocks.js";
import type { PdfContext } from "../context.js";
import { sectionTitle } from "../context.js";
import { SECTION } from "../dests.js";
import { INK, SIZE } from "../styles.js";
import { paragraph } from "../text.js";
import { drawControlDetail } from "./control-detail.js";

/** Draws the control details section. */
export function drawControlDetails(ctx: PdfContext): void {
  const { model } = ctx;
  const section = startSection(ctx, sectionTitle(ctx, "controls"), SECTION.controls);
  paragraph(
    ctx,
    "Every control with the questions it asks, each check of its rule with the answer given and the value " +
      "expected, the evidence cited, the remediation and the organization's plan. Gaps come first, in risk order.",
    { size: SIZE.small, color: INK.muted, after: 4 },
  );
  const groups = [
    { title: "Gaps, ranked by risk", controls: model.gaps },
    { title: "Controls without an open gap", controls: model.other_controls },
  ];
  for (const group of groups) {
    if (group.controls.length === 0) continue;
    const outline = heading(ctx, `${group.title} (${group.controls.length})`, 2, { outline: section }, 160)!;
    for (const c of group.controls) drawControlDetail(ctx, c, outline);
  }
}
