// Findings: every gap in risk order, severity in colour, each row linked to the control's detail.

import type { ControlView } from "../../report-model.js";
import { startSection } from "../blocks.js";
import type { PdfContext } from "../context.js";
import { sectionTitle } from "../context.js";
import { controlDest, SECTION } from "../dests.js";
import { INK, SEVERITY_COLOR, SIZE, STATUS_COLOR } from "../styles.js";
import { type Column, drawTable } from "../table.js";
import { paragraph } from "../text.js";

/** Draws a findings table of control views (the full list, or the top gaps of the summary). */
export function findingColumns(
  ctx: PdfContext,
  rows: readonly ControlView[],
  options: { why: boolean; caption: string; link: (row: ControlView) => string },
): void {
  const columns: Column<ControlView>[] = [
    { header: "#", width: 3.2, align: "right", cell: (r) => String(r.rank ?? "") },
    {
      header: "Control",
      width: options.why ? 22 : 27,
      cell: (r) => ({
        runs: [{ text: r.id, style: { font: "bold", color: INK.accent } }, { text: r.title }],
      }),
    },
    {
      header: "Severity",
      width: 8.5,
      cell: (r) => ({
        runs: [{ text: r.severity }],
        marker: { kind: "badge", color: SEVERITY_COLOR[r.severity] ?? INK.muted },
      }),
    },
    {
      header: "Status",
      width: 11,
      cell: (r) => ({
        runs: [{ text: r.status_label, style: { color: STATUS_COLOR[r.status] } }],
        marker: { kind: "dot", color: STATUS_COLOR[r.status] },
      }),
    },
    {
      header: "Would stop",
      width: options.why ? 14 : 20.3,
      cell: (r) => ({ runs: [{ text: r.would_stop || "—", style: { size: SIZE.tiny } }] }),
    },
  ];
  if (options.why) {
    columns.push({
      header: "Why it is a gap",
      width: 21.3,
      cell: (r) => ({ runs: [{ text: r.why ?? "—", style: { size: SIZE.tiny } }] }),
    });
  }
  drawTable(ctx, columns, rows, { caption: options.caption, link: options.link });
}

/** Draws the findings section. */
export function drawFindings(ctx: PdfContext): void {
  const { model } = ctx;
  startSection(ctx, sectionTitle(ctx, "findings"), SECTION.findings);
  if (model.gaps.length === 0) {
    paragraph(ctx, ctx.model.prose.no_gaps);
    return;
  }
  paragraph(
    ctx,
    `${model.gaps.length} gaps. ${model.fix_plan.explanation} Select a row to open the control's detail.`,
    { size: SIZE.small, color: INK.muted, after: 8 },
  );
  findingColumns(ctx, model.gaps, { why: true, caption: "Findings", link: (g) => controlDest(g.anchor) });
}
