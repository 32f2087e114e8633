// Executive summary: score, tier and counts, status mix, coverage per lesson, and the gaps to fix first.

import type { ReportModel } from "../../report-model.js";
import { heading, startSection } from "../blocks.js";
import { barChart, stackedBar } from "../chart.js";
import type { PdfContext } from "../context.js";
import { sectionTitle } from "../context.js";
import { controlDest, incidentDest, lessonDest, SECTION } from "../dests.js";
import { INCIDENT_COLOR, INK, SIZE, STATUS_COLOR, scoreColor, tierColor } from "../styles.js";
import { type Column, drawTable } from "../table.js";
import { drawText, ensureSpace, paragraph } from "../text.js";
import { findingColumns } from "./findings.js";

type Incident = ReportModel["replay"][number];
type Summary = ReportModel["summary"];

const INCIDENT_COLUMNS: readonly Column<Incident>[] = [
  {
    header: "Incident",
    width: 27,
    cell: (r) => ({ runs: [{ text: r.name, style: { font: "bold", color: INK.accent } }] }),
  },
  { header: "Date", width: 11, cell: (r) => r.date },
  {
    header: "Verdict",
    width: 29,
    cell: (r) => ({
      runs: [{ text: r.verdict_label, style: { color: INCIDENT_COLOR[r.verdict] ?? INK.muted } }],
      marker: { kind: "dot", color: INCIDENT_COLOR[r.verdict] ?? INK.muted },
    }),
  },
  { header: "Where it ends", width: 25, cell: (r) => r.outcome ?? "—" },
  { header: "Depth", width: 8, align: "right", cell: (r) => String(r.depth) },
];

/** Draws the executive summary section. */
export function drawSummary(ctx: PdfContext): void {
  const s = ctx.model.summary;
  startSection(ctx, sectionTitle(ctx, "summary"), SECTION.summary);
  drawHeadlineTiles(ctx, s);
  // What the figures rest on, before any of them is read: statements, or a review of some of them.
  paragraph(ctx, ctx.model.assurance.statement, { size: SIZE.small, color: INK.muted, after: 6 });
  drawAnsweredNa(ctx, s);
  drawAcceptedCritical(ctx, s);
  drawThirdParties(ctx, s);
  drawScoreExplanation(ctx, s);
  drawStatusMix(ctx, s);
  drawLessonCoverage(ctx);
  drawIncidentVerdicts(ctx);
  drawFixFirst(ctx);
}

function headlineTiles(s: Summary): [string, string, string][] {
  return [
    ["Score", s.score, scoreColor(s.score_value)],
    ["Tier", s.tier, tierColor(s.tier_level)],
    [
      s.accepted_count > 0 ? `Open gaps (+ ${s.accepted_count} accepted)` : "Open gaps",
      `${s.gap_count} of ${s.total_controls}`,
      s.gap_count > 0
        ? STATUS_COLOR.not_met
        : s.accepted_count > 0
          ? STATUS_COLOR.risk_accepted
          : STATUS_COLOR.met,
    ],
    [
      "Replayed attacks stopped",
      `${s.incidents_stopped} of ${s.incidents_in_scope}`,
      s.incidents_not_stopped === 0 ? STATUS_COLOR.met : STATUS_COLOR.not_met,
    ],
  ];
}

function drawHeadlineTiles(ctx: PdfContext, s: Summary): void {
  const { doc, box } = ctx;
  const tiles = headlineTiles(s);
  ensureSpace(ctx, 60);
  const y = doc.y;
  const gutter = 8;
  const tileWidth = (box.width - gutter * (tiles.length - 1)) / tiles.length;
  tiles.forEach(([label, value, color], i) => {
    const x = box.left + i * (tileWidth + gutter);
    doc.rect(x, y, tileWidth, 52).fill(INK.zebra);
    doc.rect(x, y, tileWidth, 3).fill(color);
    drawText(ctx, label, x + 8, y + 9, tileWidth - 16, { size: SIZE.small, color: INK.muted, height: 10 });
    drawText(ctx, value, x + 8, y + 22, tileWidth - 16, { font: "bold", size: SIZE.h2, color, height: 26 });
  });
  doc.y = y + 62;
}

function drawScoreExplanation(ctx: PdfContext, s: Summary): void {
  paragraph(
    ctx,
    "The score is severity-weighted over applicable controls. The tier is the lowest tier reached across " +
      `lessons.${s.tier_note ? ` ${s.tier_note}` : ""} ` +
      "A replayed attack counts as stopped only when a preventive countermeasure is fully met at one of " +
      "its steps" +
      (s.incidents_single_point > 0
        ? `; ${s.incidents_single_point} of the ${s.incidents_stopped} stopped rest on a single point of failure.`
        : "."),
    { size: SIZE.small, color: INK.muted, after: 6 },
  );
}

const ANSWERED_NA_COLUMNS: readonly Column<Summary["answered_na"][number]>[] = [
  { header: "Control", width: 40, cell: (r) => `${r.id} ${r.title}` },
  { header: "Severity", width: 12, cell: (r) => r.severity },
  { header: "Justification", width: 48, cell: (r) => r.justification },
];

/** Controls the answers declared not applicable: they leave the score, so the summary names them. */
function drawAnsweredNa(ctx: PdfContext, s: Summary): void {
  if (!s.answered_na_note) return;
  paragraph(ctx, s.answered_na_note, { size: SIZE.small, after: 4 });
  drawTable(ctx, ANSWERED_NA_COLUMNS, s.answered_na, {
    link: (r) => controlDest(r.id),
    caption: "Declared not applicable",
  });
}

const ACCEPTED_COLUMNS: readonly Column<Summary["accepted_critical"][number]>[] = [
  { header: "Control", width: 34, cell: (r) => `${r.id} ${r.title}` },
  { header: "Approved by", width: 18, cell: (r) => r.approver },
  { header: "Expires", width: 12, cell: (r) => r.expires },
  { header: "Justification", width: 36, cell: (r) => r.justification },
];

/** Critical gaps accepted as risks: named on the summary, not only in the exceptions appendix. */
function drawAcceptedCritical(ctx: PdfContext, s: Summary): void {
  if (!s.accepted_critical_note) return;
  paragraph(ctx, s.accepted_critical_note, { size: SIZE.small, after: 4 });
  drawTable(ctx, ACCEPTED_COLUMNS, s.accepted_critical, {
    link: (r) => controlDest(r.id),
    caption: "Accepted risks on critical controls",
  });
}

const THIRD_PARTY_COLUMNS: readonly Column<Summary["third_parties"][number]>[] = [
  { header: "Third party", width: 26, cell: (r) => r.name },
  { header: "Role", width: 14, cell: (r) => r.role },
  { header: "Operates", width: 28, cell: (r) => r.operates },
  { header: "Answers", width: 32, cell: (r) => r.answers },
];

/** Who operates controls for the organization, and whether their own answers decided them. */
function drawThirdParties(ctx: PdfContext, s: Summary): void {
  if (!s.third_parties_note) return;
  paragraph(ctx, s.third_parties_note, { size: SIZE.small, after: 4 });
  drawTable(ctx, THIRD_PARTY_COLUMNS, s.third_parties, { caption: "Third parties" });
}

function drawStatusMix(ctx: PdfContext, s: Summary): void {
  heading(ctx, "Controls by status", 3);
  stackedBar(
    ctx,
    s.statuses.map((row) => ({ label: row.label, count: row.count, color: STATUS_COLOR[row.status] })),
  );
}

function drawLessonCoverage(ctx: PdfContext): void {
  heading(ctx, "Coverage per lesson", 3, {}, 80);
  barChart(
    ctx,
    ctx.model.lessons.map((l) => ({
      label: l.title,
      value: l.score_value,
      valueLabel: l.score,
      goTo: lessonDest(l.id),
    })),
  );
}

function drawIncidentVerdicts(ctx: PdfContext): void {
  heading(ctx, "Could these attacks happen to us?", 3, {}, 60);
  drawTable(ctx, INCIDENT_COLUMNS, ctx.model.replay, {
    caption: "Could these attacks happen to us?",
    link: (r) => incidentDest(r.id),
  });
}

function drawFixFirst(ctx: PdfContext): void {
  const { model } = ctx;
  const s = model.summary;
  heading(ctx, "Fix first", 3, {}, 60);
  if (s.top_gaps.length === 0) {
    paragraph(ctx, model.prose.no_gaps);
    return;
  }
  const more = s.gap_count > s.top_gaps.length ? ` The findings table lists all ${s.gap_count}.` : "";
  paragraph(
    ctx,
    `${model.fix_plan.explanation} The first ${s.top_gaps.length} gaps, each linked to its detail.${more}`,
    {
      size: SIZE.small,
      color: INK.muted,
    },
  );
  findingColumns(ctx, s.top_gaps, { why: false, caption: "Fix first", link: (g) => controlDest(g.anchor) });
  drawFixPlan(ctx, model.fix_plan);
}

function drawFixPlan(ctx: PdfContext, plan: ReportModel["fix_plan"]): void {
  if (plan.steps.length > 0) {
    heading(
      ctx,
      `The fewest fixes that would stop every attack that can be stopped (${plan.controls_total} controls)`,
      3,
      {},
      50,
    );
    for (const step of plan.steps)
      paragraph(ctx, `${step.number}. ${step.controls_text}: stops ${step.stops}.`, {
        size: SIZE.small,
        after: 1,
      });
    paragraph(ctx, plan.method, { size: SIZE.tiny, color: INK.muted, after: 4 });
  }
  if (plan.has_unstoppable)
    paragraph(
      ctx,
      `No control in the catalog would prevent a step of ${plan.unstoppable} for your profile: their methods were not disclosed, or only weaker countermeasures exist.`,
      { size: SIZE.small, color: INK.muted },
    );
}
