// Lessons: why each group of controls exists, its score and tier, and the status of its controls.

import type { ControlView } from "../../report-model.js";
import { badgeRow, heading, startSection } from "../blocks.js";
import type { PdfContext } from "../context.js";
import { sectionIntro, sectionTitle } from "../context.js";
import { controlDest, lessonDest, SECTION } from "../dests.js";
import { INK, SEVERITY_COLOR, SIZE, STATUS_COLOR, scoreColor, tierColor } from "../styles.js";
import { drawTable } from "../table.js";
import { paragraph } from "../text.js";

/** Draws the lessons section. */
export function drawLessons(ctx: PdfContext): void {
  const section = startSection(ctx, sectionTitle(ctx, "lessons"), SECTION.lessons);
  paragraph(ctx, sectionIntro(ctx, "lessons") ?? "", { size: SIZE.small, color: INK.muted, after: 6 });
  for (const lesson of ctx.model.lessons) {
    heading(
      ctx,
      lesson.title,
      2,
      { dest: lessonDest(lesson.id), outline: section, caption: lesson.title },
      70,
    );
    badgeRow(ctx, [
      [`Score ${lesson.score}`, scoreColor(lesson.score_value)],
      [`Tier ${lesson.tier}`, tierColor(lesson.tier_level)],
    ]);
    paragraph(ctx, lesson.narrative, { size: SIZE.small, after: 2 });
    paragraph(ctx, `Learned from: ${lesson.incidents}.`, { size: SIZE.small, color: INK.muted, after: 4 });
    drawTable<ControlView>(
      ctx,
      [
        {
          header: "Control",
          width: 60,
          cell: (c) => ({
            runs: [
              { text: `${c.id}  ${c.title}` },
              ...(c.operator_note ? [{ text: ` (${c.operator_note})`, style: { color: INK.muted } }] : []),
            ],
          }),
        },
        {
          header: "Severity",
          width: 11,
          cell: (c) => ({
            runs: [{ text: c.severity }],
            marker: { kind: "badge", color: SEVERITY_COLOR[c.severity] ?? INK.muted },
          }),
        },
        { header: "Level", width: 7, align: "right", cell: (c) => String(c.level) },
        {
          header: "Status",
          width: 17,
          cell: (c) => ({
            runs: [{ text: c.status_label, style: { color: STATUS_COLOR[c.status] } }],
            marker: { kind: "dot", color: STATUS_COLOR[c.status] },
          }),
        },
      ],
      lesson.controls,
      { caption: lesson.title, link: (c) => controlDest(c.anchor) },
    );
  }
}
