// Per-control detail: status, objective, every check with answer and expected value, evidence, plan.

import type { ControlView } from "../../report-model.js";
import { badgeRow, callout, heading, labelValues } from "../blocks.js";
import type { PdfContext } from "../context.js";
import { controlDest } from "../dests.js";
import { INK, SEVERITY_COLOR, SIZE, STATUS_COLOR } from "../styles.js";
import { type Column, drawTable, tableLead } from "../table.js";
import { startTaggedBlock } from "../tags.js";
import { gap, paragraph } from "../text.js";

type Check = ControlView["rules"][number]["checks"][number];
type Evidence = ControlView["evidence"][number];

const PASS = STATUS_COLOR.met;
const FAIL = STATUS_COLOR.not_met;

const CHECK_COLUMNS: readonly Column<Check>[] = [
  {
    header: "Check",
    width: 44,
    cell: (k) =>
      k.is_group
        ? { runs: [{ text: `${k.group}:`, style: { font: "bold" } }], indent: k.indent * 8 }
        : { runs: [{ text: k.question }], indent: k.indent * 8 },
  },
  {
    header: "Answer",
    width: 22,
    cell: (k) => ({ runs: [{ text: k.answer, style: { font: "bold" } }] }),
  },
  { header: "Expected", width: 22, cell: (k) => k.expected },
  {
    header: "Result",
    width: 9,
    cell: (k) => ({
      runs: [{ text: k.result, style: { font: "bold", color: k.passed ? PASS : FAIL } }],
      marker: { kind: "dot", color: k.passed ? PASS : FAIL },
    }),
  },
];

const EVIDENCE_COLUMNS: readonly Column<Evidence>[] = [
  { header: "Evidence", width: 24, cell: (e) => e.title },
  { header: "Location", width: 24, cell: (e) => e.location },
  { header: "Checked", width: 22, cell: (e) => e.verification },
  {
    header: "SHA-256",
    width: 30,
    cell: (e) => (e.sha256 ? { runs: [{ text: e.sha256, style: { font: "mono", size: SIZE.tiny } }] } : "—"),
  },
];

/** Draws the detail of one control, bookmarked under `outline`. */
export function drawControlDetail(ctx: PdfContext, c: ControlView, outline: PDFKit.PDFOutline): void {
  drawControlHeading(ctx, c, outline);
  drawControlContext(ctx, c);
  drawQuestions(ctx, c);
  drawRuleChecks(ctx, c);
  drawException(ctx, c);
  drawEvidence(ctx, c);
  drawRemediation(ctx, c);
}

function drawControlHeading(ctx: PdfContext, c: ControlView, outline: PDFKit.PDFOutline): void {
  const { doc, box } = ctx;
  const title = `${c.rank !== null ? `${c.rank}. ` : ""}${c.id} — ${c.title}`;
  // A new control continues nothing from the one before, even on a page it has to move to.
  ctx.running.caption = null;
  if (ctx.tags) startTaggedBlock(ctx.doc, ctx.tags);
  gap(ctx, 6);
  if (doc.y + 140 > box.bottom) doc.addPage();
  doc.moveTo(box.left, doc.y).lineTo(box.right, doc.y).lineWidth(0.8).strokeColor(INK.accent).stroke();
  doc.y += 5;
  heading(
    ctx,
    title,
    3,
    {
      dest: controlDest(c.anchor),
      outline,
      outlineTitle: `${c.id} — ${c.title}`,
      caption: `${c.id} — ${c.title}`,
    },
    90,
  );
  badgeRow(ctx, controlBadges(c));
}

function controlBadges(c: ControlView): [string, string][] {
  const badges: [string, string][] = [
    [c.status_label, STATUS_COLOR[c.status]],
    [c.severity, SEVERITY_COLOR[c.severity] ?? INK.muted],
    [`Level ${c.level}`, INK.muted],
  ];
  if (c.rank !== null) badges.push([`Fix-first rank ${c.rank}`, INK.muted]);
  return badges;
}

function drawControlContext(ctx: PdfContext, c: ControlView): void {
  paragraph(ctx, c.objective, { size: SIZE.small, after: 4 });
  labelValues(ctx, controlFacts(c), { labelWidth: 70, size: SIZE.small });
  if (c.why)
    callout(ctx, c.rank !== null ? "Why it is a gap" : "What is not met", c.why, STATUS_COLOR[c.status]);
  if (c.not_applicable_reason !== null)
    callout(ctx, "Not applicable", c.not_applicable_reason, STATUS_COLOR.not_applicable);
}

function controlFacts(c: ControlView): [string, string][] {
  const facts: [string, string][] = [
    ["Lessons", c.lessons],
    ["Incidents", `${c.incidents} (${c.counters_text})`],
  ];
  if (c.would_stop) facts.push(["Would stop", c.would_stop]);
  if (c.would_deepen) facts.push(["Second layer for", c.would_deepen]);
  if (c.part_of) facts.push(["Part of a fix for", c.part_of]);
  if (c.frameworks) facts.push(["Frameworks", c.frameworks]);
  return facts;
}

function drawQuestions(ctx: PdfContext, c: ControlView): void {
  subhead(ctx, "Questions asked");
  labelValues(
    ctx,
    c.questions.map((q, i) => [`Q${i + 1}`, q] as const),
    { labelWidth: 18, size: SIZE.small },
  );
}

function drawRuleChecks(ctx: PdfContext, c: ControlView): void {
  for (const rule of c.rules) {
    subhead(ctx, rule.label, tableLead(ctx, CHECK_COLUMNS, rule.checks));
    drawTable(ctx, CHECK_COLUMNS, rule.checks, { caption: `${c.id} ${rule.label}` });
  }
}

function drawException(ctx: PdfContext, c: ControlView): void {
  if (!c.exception) return;
  const expiry = c.exception.expired
    ? `expired on ${c.exception.expires}; the status reverts to ${c.assessed_status_label}`
    : `expires ${c.exception.expires}`;
  callout(
    ctx,
    "Exception",
    `${c.exception.justification} (approved by ${c.exception.approver}; ${expiry})`,
    STATUS_COLOR.risk_accepted,
  );
}

function drawEvidence(ctx: PdfContext, c: ControlView): void {
  if (c.operated_by) {
    subhead(ctx, "Operated by a third party");
    paragraph(ctx, c.operated_by, { size: SIZE.small });
  }
  subhead(ctx, "Evidence", c.evidence.length > 0 ? tableLead(ctx, EVIDENCE_COLUMNS, c.evidence) : 24);
  if (c.evidence.length === 0) paragraph(ctx, "None cited.", { size: SIZE.small, color: INK.muted });
  else drawTable(ctx, EVIDENCE_COLUMNS, c.evidence, { caption: `${c.id} evidence` });
}

function drawRemediation(ctx: PdfContext, c: ControlView): void {
  if (c.review) {
    subhead(ctx, "Review");
    paragraph(ctx, c.review, { size: SIZE.small });
  }
  if (c.notes) {
    subhead(ctx, "Notes from the organization");
    paragraph(ctx, c.notes, { size: SIZE.small });
  }
  subhead(ctx, "Remediation");
  paragraph(ctx, c.remediation, { size: SIZE.small });
  if (c.references.length > 0) {
    subhead(ctx, "References");
    for (const r of c.references)
      paragraph(ctx, r.url ? `${r.title} <${r.url}>` : r.title, { size: SIZE.small, uri: r.url, after: 2 });
  }
  if (c.plan) {
    subhead(ctx, "Remediation plan");
    labelValues(
      ctx,
      [
        ["Owner", c.plan.owner],
        ["Due", c.plan.due],
        ["Management response", c.plan.response],
      ],
      { labelWidth: 100, size: SIZE.small },
    );
  } else if (c.rank !== null) {
    subhead(ctx, "Remediation plan");
    paragraph(ctx, "No remediation plan recorded.", { size: SIZE.small, color: INK.muted });
  }
}

/** A subheading kept with `keep` points of what follows it (a line of text, or a table's header and first row). */
function subhead(ctx: PdfContext, text: string, keep = 24): void {
  gap(ctx, 3);
  heading(ctx, text, 3, {}, keep);
}
