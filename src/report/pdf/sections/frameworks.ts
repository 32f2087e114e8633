// Framework coverage: each framework's requirements, how well the mapped controls cover them.

import type { ReportModel } from "../../report-model.js";
import { badgeRow, heading, startSection } from "../blocks.js";
import type { PdfContext } from "../context.js";
import { sectionIntro, sectionTitle } from "../context.js";
import { frameworkDest, SECTION } from "../dests.js";
import { COVERAGE_COLOR, INK, SIZE, scoreColor } from "../styles.js";
import { drawTable } from "../table.js";
import { paragraph } from "../text.js";

type Requirement = ReportModel["frameworks"][number]["requirements"][number];

/** Draws the framework coverage section. */
export function drawFrameworks(ctx: PdfContext): void {
  const section = startSection(ctx, sectionTitle(ctx, "frameworks"), SECTION.frameworks);
  paragraph(ctx, sectionIntro(ctx, "frameworks") ?? "", { size: SIZE.small, color: INK.muted, after: 6 });
  if (ctx.model.frameworks.length === 0) paragraph(ctx, ctx.model.prose.no_frameworks);
  for (const fw of ctx.model.frameworks) {
    heading(
      ctx,
      `${fw.name} — ${fw.version}`,
      2,
      { dest: frameworkDest(fw.id), outline: section, caption: `${fw.name} — ${fw.version}` },
      70,
    );
    badgeRow(ctx, [
      [`Score ${fw.score}`, scoreColor(fw.score_value)],
      [`${fw.mapped_controls} mapped controls`, INK.muted],
    ]);
    drawTable<Requirement>(
      ctx,
      [
        {
          header: "Requirement",
          width: 14,
          cell: (r) => ({ runs: [{ text: r.id, style: { font: "bold" } }] }),
        },
        { header: "Title", width: 38, cell: (r) => r.title },
        {
          header: "Coverage",
          width: 13,
          cell: (r) => ({
            runs: [{ text: r.status_label, style: { color: COVERAGE_COLOR[r.status] ?? INK.muted } }],
            marker: { kind: "dot", color: COVERAGE_COLOR[r.status] ?? INK.muted },
          }),
        },
        { header: "Controls", width: 35, cell: (r) => r.controls || "—" },
      ],
      fw.requirements,
      { caption: `${fw.name} — ${fw.version}` },
    );
  }
}
