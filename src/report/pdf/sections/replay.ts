// Incident replay: each attack chain drawn as linked steps with their countermeasures, marked blocked / limited /
// detected / hindered / open.

import type { ReportModel } from "../../report-model.js";
import { badgeRow, heading, labelValues, startSection } from "../blocks.js";
import { linkTo } from "../canvas.js";
import type { PdfContext } from "../context.js";
import { sectionIntro, sectionTitle } from "../context.js";
import { controlDest, incidentDest, SECTION } from "../dests.js";
import { INCIDENT_COLOR, INK, SIZE, STEP_COLOR } from "../styles.js";
import { startTaggedBlock } from "../tags.js";
import { drawText, ensureSpace, measure, paragraph } from "../text.js";

type Incident = ReportModel["replay"][number];
type Step = Incident["steps"][number];

const RAIL = 30;
const BADGE = 78;
const GAP = 12;
const NO_CONTROL = "No countermeasure in the catalog for this step.";
const STATE_COLOR: Record<string, string> = {
  in_place: STEP_COLOR.blocked as string,
  partial: STEP_COLOR.hindered as string,
  absent: STEP_COLOR.open as string,
  not_applicable: INK.muted,
};
const DECIDES: Record<string, string> = {
  blocked: "▶ The attack is stopped here.",
  limited: "▶ The attack goes on, but its loss is capped here.",
  detected: "▶ The attack goes on, but it is detected here in time to respond.",
  hindered: "▶ The attack goes on; this step is only made harder.",
};

/** Draws the incident replay section. */
export function drawReplay(ctx: PdfContext): void {
  const { model } = ctx;
  const section = startSection(ctx, sectionTitle(ctx, "replay"), SECTION.replay);
  paragraph(ctx, sectionIntro(ctx, "replay") ?? "", { size: SIZE.small, color: INK.muted, after: 4 });
  for (const v of model.appendix.methodology.step_verdicts)
    paragraph(ctx, `${v.label}: ${v.definition}`, { size: SIZE.tiny, color: INK.muted, after: 1 });
  ctx.doc.y += 4;
  for (const incident of model.replay) drawIncident(ctx, incident, section);
}

function drawIncident(ctx: PdfContext, incident: Incident, section: PDFKit.PDFOutline): void {
  if (ctx.tags) startTaggedBlock(ctx.doc, ctx.tags);
  heading(
    ctx,
    `${incident.name} (${incident.date})`,
    2,
    { dest: incidentDest(incident.id), outline: section, caption: `${incident.name}: attack chain` },
    150,
  );
  badgeRow(ctx, [
    [incident.verdict_label, INCIDENT_COLOR[incident.verdict] ?? INK.muted],
    [`${incident.blocked_steps} steps blocked · depth ${incident.depth}`, INK.muted],
  ]);
  paragraph(ctx, incident.summary, { size: SIZE.small, after: 4 });
  const rows: [string, string][] = [
    ["Loss", incident.loss],
    ["Attribution", incident.attribution],
    ["Where it ends", incident.outcome ?? "nowhere: no step is blocked, capped, detected or hindered"],
  ];
  if (incident.depth_line) rows.push(["Depth", incident.depth_line]);
  if (incident.similar.length > 0)
    rows.push(["Weighs more", `${incident.similar.join(" ")} (weight ${incident.weight})`]);
  if (incident.fixes.length > 0) rows.push(["Would stop it", incident.fixes.join(", or ")]);
  for (const k of incident.known_controls)
    rows.push([`Victim had ${k.control}`, `${k.had} It did not stop: ${k.did_not_stop}. (${k.source})`]);
  labelValues(ctx, rows, { labelWidth: 80, size: SIZE.small });
  ctx.doc.y += 6;
  for (const [i, step] of incident.steps.entries()) drawStep(ctx, step, i > 0);
  ctx.doc.y += 4;
}

function stepHeight(ctx: PdfContext, step: Step, width: number): number {
  const title = measure(ctx, step.title, width - BADGE - 8, { font: "bold", size: SIZE.body });
  const description = measure(ctx, step.description, width - 4, { size: SIZE.small });
  const controls = step.has_countermeasures
    ? step.countermeasures.reduce(
        (sum, c) =>
          sum +
          measure(ctx, countermeasureLine(c), width - 10, { size: SIZE.small }) +
          measure(ctx, reasonLine(c), width - 10, { size: SIZE.tiny }),
        0,
      )
    : measure(ctx, NO_CONTROL, width, { size: SIZE.small });
  const evidence = step.counter_evidence.reduce(
    (sum, e) => sum + measure(ctx, evidenceLine(e), width - 10, { size: SIZE.tiny }),
    0,
  );
  const stop = step.decides ? 14 : 0;
  return 6 + title + 2 + description + 3 + 10 + controls + evidence + stop + 5;
}

type Countermeasure = Step["countermeasures"][number];
const countermeasureLine = (c: Countermeasure) =>
  `${c.effect_label}${c.conjunction ? " (only together)" : ""}: ${c.controls_text} — ${c.state_label}`;
const reasonLine = (c: Countermeasure) => `${c.why} Source: ${c.source}.`;
const evidenceLine = (e: Step["counter_evidence"][number]) => `⚠ ${e.text} Source: ${e.source}.`;

/** Where a step card sits: its text column, its bottom edge and its verdict colour. */
interface StepCard {
  readonly x: number;
  readonly width: number;
  readonly bottom: number;
  readonly color: string;
}

function drawStep(ctx: PdfContext, step: Step, connect: boolean): void {
  const { doc, box } = ctx;
  const x = box.left + RAIL;
  const width = box.width - RAIL - 10;
  const height = Math.min(stepHeight(ctx, step, width), box.bottom - box.top - GAP);
  const color = STEP_COLOR[step.verdict] ?? INK.muted;
  const broke = ensureSpace(ctx, height + (connect ? GAP : 0));
  if (connect) drawConnector(ctx, broke);
  const y = doc.y;
  const card: StepCard = { x, width, bottom: y + height, color };
  drawStepFrame(ctx, step, card, y, height);
  let cy = drawStepHeading(ctx, step, card, y + 6);
  cy = drawCountermeasures(ctx, step, card, cy);
  cy = drawCounterEvidence(ctx, step, card, cy);
  drawDecision(ctx, step, card, cy);
  doc.x = box.left;
  doc.y = card.bottom;
}

/** An arrow from the previous step; after a page break there is nothing to point from. */
function drawConnector(ctx: PdfContext, broke: boolean): void {
  const { doc, box } = ctx;
  if (broke) {
    doc.y += 2;
    return;
  }
  const cx = box.left + 11;
  doc
    .moveTo(cx, doc.y)
    .lineTo(cx, doc.y + GAP - 3)
    .lineWidth(1.2)
    .strokeColor(INK.faint)
    .stroke();
  doc.polygon([cx - 3, doc.y + GAP - 5], [cx + 3, doc.y + GAP - 5], [cx, doc.y + GAP - 1]).fill(INK.faint);
  doc.y += GAP;
}

function drawStepFrame(ctx: PdfContext, step: Step, card: StepCard, y: number, height: number): void {
  const { doc, box } = ctx;
  doc.circle(box.left + 11, y + 11, 10).fill(card.color);
  drawText(ctx, String(step.number), box.left + 1, y + 5.5, 20, {
    font: "bold",
    size: SIZE.body,
    color: INK.white,
    align: "center",
    height: 12,
  });
  doc.rect(card.x - 6, y, card.width + 16, height).fill(INK.zebra);
  doc.rect(card.x - 6, y, 3, height).fill(card.color);
}

/** Draws the title, verdict badge and description from `top`; returns the y below them. */
function drawStepHeading(ctx: PdfContext, step: Step, card: StepCard, top: number): number {
  const { doc } = ctx;
  const { x, width, bottom } = card;
  let cy = top;
  const titleHeight = measure(ctx, step.title, width - BADGE - 8, { font: "bold", size: SIZE.body });
  drawText(ctx, step.title, x + 4, cy, width - BADGE - 8, {
    font: "bold",
    size: SIZE.body,
    height: bottom - cy,
  });
  doc.roundedRect(x + width - BADGE + 8, cy, BADGE, SIZE.small + 5, 2.5).fill(card.color);
  drawText(ctx, step.verdict_label, x + width - BADGE + 8, cy + 1.8, BADGE, {
    font: "bold",
    size: SIZE.small,
    color: INK.white,
    align: "center",
    height: SIZE.small + 4,
  });
  cy += titleHeight + 2;
  if (step.description) {
    drawText(ctx, step.description, x + 4, cy, width - 4, {
      size: SIZE.small,
      color: INK.muted,
      height: bottom - cy,
    });
    cy += measure(ctx, step.description, width - 4, { size: SIZE.small });
  }
  return cy;
}

/** Draws the countermeasure list from `top`, stopping at the card's bottom; returns the y below it. */
function drawCountermeasures(ctx: PdfContext, step: Step, card: StepCard, top: number): number {
  const { doc } = ctx;
  const { x, width, bottom } = card;
  let cy = top + 3;
  drawText(ctx, "Countermeasures", x + 4, cy, width, {
    font: "bold",
    size: SIZE.tiny,
    color: INK.muted,
    height: 10,
  });
  cy += 10;
  if (!step.has_countermeasures) {
    drawText(ctx, NO_CONTROL, x + 4, cy, width, {
      size: SIZE.small,
      color: STEP_COLOR.open,
      height: Math.max(bottom - cy, 1),
    });
    cy += measure(ctx, NO_CONTROL, width, { size: SIZE.small });
  }
  for (const c of step.countermeasures) {
    if (cy >= bottom - 4) break;
    const line = countermeasureLine(c);
    const lineHeight = measure(ctx, line, width - 10, { size: SIZE.small });
    doc.circle(x + 7, cy + SIZE.small * 0.72, 2.4).fill(STATE_COLOR[c.state] ?? INK.muted);
    drawText(ctx, line, x + 13, cy, width - 10, { size: SIZE.small, height: Math.max(bottom - cy, 1) });
    const first = c.controls[0];
    if (first) linkTo(ctx, x + 4, cy, width - 4, lineHeight, controlDest(first.anchor));
    cy += lineHeight;
    cy += smallLine(ctx, reasonLine(c), x + 13, cy, width - 10, bottom, INK.muted, c.url);
  }
  return cy;
}

/** Draws the counter-evidence lines from `top`, stopping at the card's bottom; returns the y below them. */
function drawCounterEvidence(ctx: PdfContext, step: Step, card: StepCard, top: number): number {
  let cy = top;
  for (const e of step.counter_evidence) {
    if (cy >= card.bottom - 4) break;
    cy += smallLine(
      ctx,
      evidenceLine(e),
      card.x + 13,
      cy,
      card.width - 10,
      card.bottom,
      STEP_COLOR.hindered as string,
      e.url,
    );
  }
  return cy;
}

function drawDecision(ctx: PdfContext, step: Step, card: StepCard, cy: number): void {
  const decides = DECIDES[step.verdict];
  if (step.decides && decides && cy < card.bottom - 10) {
    drawText(ctx, decides, card.x + 4, cy + 2, card.width, {
      font: "bold",
      size: SIZE.small,
      color: STEP_COLOR[step.verdict],
      height: 12,
    });
  }
}

/** Draws a line of tiny text inside a step card and returns its height. */
function smallLine(
  ctx: PdfContext,
  text: string,
  x: number,
  y: number,
  width: number,
  bottom: number,
  color: string,
  uri?: string | null,
): number {
  drawText(ctx, text, x, y, width, { size: SIZE.tiny, color, height: Math.max(bottom - y, 1), uri });
  return measure(ctx, text, width, { size: SIZE.tiny });
}
