// Incident replay: each attack chain drawn as linked steps, marked blocked / partly blocked / open.

import type { ReportModel } from "../../report-model.js";
import { badgeRow, heading, labelValues, startSection } from "../blocks.js";
import type { PdfContext } from "../context.js";
import { controlDest, incidentDest, SECTION } from "../dests.js";
import { INCIDENT_COLOR, INK, SIZE, STATUS_COLOR, STEP_COLOR } from "../styles.js";
import { drawText, ensureSpace, measure, paragraph } from "../text.js";

type Incident = ReportModel["replay"][number];
type Step = Incident["steps"][number];

const RAIL = 30;
const BADGE = 78;
const GAP = 12;
const NO_CONTROL = "No control in the catalog covers this step.";

/** Draws the incident replay section. */
export function drawReplay(ctx: PdfContext): void {
  const { model } = ctx;
  const section = startSection(ctx, "Incident replay", SECTION.replay);
  paragraph(
    ctx,
    "Each incident's attack chain is walked step by step against this organization's controls. A step is " +
      "blocked when a control that stops it is met; its loss is limited when nothing stops it but a met control " +
      "caps what it can take; it is partly blocked when a stopping control is only partially met, and open when " +
      "nothing applicable stands in the way. The controls listed under each step decide it; " +
      "select one to open its detail.",
    { size: SIZE.small, color: INK.muted, after: 6 },
  );
  for (const incident of model.replay) drawIncident(ctx, incident, section);
}

function drawIncident(ctx: PdfContext, incident: Incident, section: PDFKit.PDFOutline): void {
  heading(
    ctx,
    `${incident.name} (${incident.date})`,
    2,
    { dest: incidentDest(incident.id), outline: section },
    150,
  );
  badgeRow(ctx, [
    [incident.verdict_label, INCIDENT_COLOR[incident.verdict] ?? INK.muted],
    [`${incident.blocked_steps} steps blocked`, INK.muted],
  ]);
  paragraph(ctx, incident.summary, { size: SIZE.small, after: 4 });
  labelValues(
    ctx,
    [
      ["Loss", incident.loss],
      ["Attribution", incident.attribution],
      ["Where it ends", incident.outcome_at ?? "nowhere: no step is blocked and no loss is capped"],
    ],
    { labelWidth: 80, size: SIZE.small },
  );
  ctx.doc.y += 6;
  for (const [i, step] of incident.steps.entries()) drawStep(ctx, step, i > 0);
  ctx.doc.y += 4;
}

function stepHeight(ctx: PdfContext, step: Step, width: number): number {
  const title = measure(ctx, step.title, width - BADGE - 8, { font: "bold", size: SIZE.body });
  const description = measure(ctx, step.description, width - 4, { size: SIZE.small });
  const controls = step.has_controls
    ? step.controls.reduce(
        (sum, c) => sum + measure(ctx, controlLine(c), width - 10, { size: SIZE.small }),
        0,
      )
    : measure(ctx, NO_CONTROL, width, { size: SIZE.small });
  const stop = step.stops_attack || step.limits_loss ? 14 : 0;
  return 6 + title + 2 + description + 3 + 10 + controls + stop + 5;
}

const controlLine = (c: Step["controls"][number]) => `${c.id}  ${c.title} — ${c.status_label}${c.role_label}`;

function drawStep(ctx: PdfContext, step: Step, connect: boolean): void {
  const { doc, box } = ctx;
  const x = box.left + RAIL;
  const width = box.width - RAIL - 10;
  const height = Math.min(stepHeight(ctx, step, width), box.bottom - box.top - GAP);
  const color = STEP_COLOR[step.verdict] ?? INK.muted;
  const broke = ensureSpace(ctx, height + (connect ? GAP : 0));
  if (connect && !broke) {
    const cx = box.left + 11;
    doc
      .moveTo(cx, doc.y)
      .lineTo(cx, doc.y + GAP - 3)
      .lineWidth(1.2)
      .strokeColor(INK.faint)
      .stroke();
    doc.polygon([cx - 3, doc.y + GAP - 5], [cx + 3, doc.y + GAP - 5], [cx, doc.y + GAP - 1]).fill(INK.faint);
    doc.y += GAP;
  } else if (connect) {
    doc.y += 2;
  }
  const y = doc.y;
  doc.circle(box.left + 11, y + 11, 10).fill(color);
  drawText(ctx, String(step.number), box.left + 1, y + 5.5, 20, {
    font: "bold",
    size: SIZE.body,
    color: INK.white,
    align: "center",
    height: 12,
  });
  doc.rect(x - 6, y, width + 16, height).fill(INK.zebra);
  doc.rect(x - 6, y, 3, height).fill(color);
  const bottom = y + height;
  let cy = y + 6;
  const titleHeight = measure(ctx, step.title, width - BADGE - 8, { font: "bold", size: SIZE.body });
  drawText(ctx, step.title, x + 4, cy, width - BADGE - 8, {
    font: "bold",
    size: SIZE.body,
    height: bottom - cy,
  });
  doc.roundedRect(x + width - BADGE + 8, cy, BADGE, SIZE.small + 5, 2.5).fill(color);
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
  cy += 3;
  drawText(ctx, "Decided by", x + 4, cy, width, {
    font: "bold",
    size: SIZE.tiny,
    color: INK.muted,
    height: 10,
  });
  cy += 10;
  if (!step.has_controls) {
    drawText(ctx, NO_CONTROL, x + 4, cy, width, {
      size: SIZE.small,
      color: STEP_COLOR.open,
      height: Math.max(bottom - cy, 1),
    });
    cy += measure(ctx, NO_CONTROL, width, { size: SIZE.small });
  }
  for (const c of step.controls) {
    if (cy >= bottom - 4) break;
    const line = controlLine(c);
    const lineHeight = measure(ctx, line, width - 10, { size: SIZE.small });
    doc.circle(x + 7, cy + SIZE.small * 0.72, 2.4).fill(STATUS_COLOR[c.status]);
    drawText(ctx, line, x + 13, cy, width - 10, { size: SIZE.small, height: Math.max(bottom - cy, 1) });
    doc.goTo(x + 4, cy, width - 4, lineHeight, controlDest(c.anchor));
    cy += lineHeight;
  }
  if ((step.stops_attack || step.limits_loss) && cy < bottom - 10) {
    const [text, color] = step.stops_attack
      ? ["▶ The attack is stopped here.", STEP_COLOR.blocked]
      : ["▶ The attack goes on, but its loss is capped here.", STEP_COLOR.limited];
    drawText(ctx, text, x + 4, cy + 2, width, { font: "bold", size: SIZE.small, color, height: 12 });
  }
  doc.x = box.left;
  doc.y = bottom;
}
