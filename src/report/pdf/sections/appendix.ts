// Appendix: evidence index, exceptions, action plan, the assessor's review, controls not applicable, unanswered questions.

import type { ReportModel } from "../../report-model.js";
import { heading, startSection } from "../blocks.js";
import type { PdfContext } from "../context.js";
import { sectionTitle } from "../context.js";
import { APPENDIX_PART, controlDest, SECTION } from "../dests.js";
import { INK, SIZE, STATUS_COLOR } from "../styles.js";
import { type Column, drawTable } from "../table.js";
import { paragraph } from "../text.js";
import { drawMethodology } from "./methodology.js";
import { drawSignOff } from "./sign-off.js";

type Appendix = ReportModel["appendix"];

const idCell = (id: string) => ({
  runs: [{ text: id, style: { font: "bold" as const, color: INK.accent } }],
});
const none = (ctx: PdfContext, text: string) => paragraph(ctx, text, { size: SIZE.small, color: INK.muted });
const link = (row: { anchor: string }) => controlDest(row.anchor);

const EVIDENCE_COLUMNS: readonly Column<Appendix["evidence"][number]>[] = [
  { header: "Control", width: 11, cell: (e) => idCell(e.control_id) },
  {
    header: "Evidence and location",
    width: 30,
    cell: (e) => ({
      runs: [{ text: e.title }, { text: e.location, style: { color: INK.muted, size: SIZE.tiny } }],
    }),
  },
  { header: "Date", width: 10, cell: (e) => e.date },
  { header: "Checked", width: 17, cell: (e) => e.checked },
  {
    header: "SHA-256",
    width: 32,
    cell: (e) =>
      e.sha256 === "—" ? "—" : { runs: [{ text: e.sha256, style: { font: "mono", size: SIZE.tiny } }] },
  },
];

const EXCEPTION_COLUMNS: readonly Column<Appendix["exceptions"][number]>[] = [
  { header: "Control", width: 11, cell: (e) => idCell(e.control_id) },
  { header: "Justification", width: 38, cell: (e) => e.justification },
  { header: "Approver", width: 17, cell: (e) => e.approver },
  { header: "Expires", width: 11, cell: (e) => e.expires },
  {
    header: "State",
    width: 23,
    cell: (e) => ({
      runs: [{ text: e.state }],
      marker: { kind: "dot", color: e.state === "valid" ? STATUS_COLOR.met : STATUS_COLOR.not_met },
    }),
  },
];

const ACTION_PLAN_COLUMNS: readonly Column<Appendix["action_plan"][number]>[] = [
  { header: "Control", width: 11, cell: (e) => idCell(e.control_id) },
  {
    header: "Gap",
    width: 25,
    cell: (e) => ({
      runs: [
        { text: e.title },
        { text: `${e.severity} · ${e.status}`, style: { color: INK.muted, size: SIZE.tiny } },
      ],
    }),
  },
  { header: "Owner", width: 15, cell: (e) => e.owner },
  { header: "Due", width: 11, cell: (e) => e.due },
  { header: "Management response", width: 22, cell: (e) => e.response },
  {
    header: "State",
    width: 16,
    cell: (e) => ({
      runs: [{ text: e.state, style: e.unplanned_critical ? { font: "bold" as const } : {} }],
      marker: {
        kind: "dot",
        color:
          e.state === "planned"
            ? STATUS_COLOR.met
            : e.unplanned_critical || e.overdue
              ? STATUS_COLOR.not_met
              : STATUS_COLOR.partially_met,
      },
    }),
  },
];

const REVIEW_COLUMNS: readonly Column<Appendix["review"][number]>[] = [
  { header: "Control", width: 11, cell: (e) => idCell(e.control_id) },
  { header: "Title", width: 27, cell: (e) => e.title },
  { header: "Self-assessment", width: 14, cell: (e) => e.self_assessed },
  {
    header: "Reviewer's conclusion",
    width: 16,
    cell: (e) => ({ runs: [{ text: e.conclusion, style: e.differs ? { font: "bold" as const } : {} }] }),
  },
  { header: "Procedure", width: 12, cell: (e) => e.procedure },
  { header: "Sample and notes", width: 20, cell: (e) => e.sample_and_notes },
];

const NOT_APPLICABLE_COLUMNS: readonly Column<Appendix["not_applicable"][number]>[] = [
  { header: "Control", width: 11, cell: (e) => idCell(e.control_id) },
  { header: "Title", width: 44, cell: (e) => e.title },
  { header: "Reason", width: 45, cell: (e) => e.reason },
];

const UNANSWERED_COLUMNS: readonly Column<Appendix["unanswered"][number]>[] = [
  {
    header: "Control",
    width: 30,
    cell: (u) => ({
      runs: [{ text: u.control_id, style: { font: "bold", color: INK.accent } }, { text: u.title }],
    }),
  },
  {
    header: "Questions left blank",
    width: 70,
    cell: (u) => ({ runs: u.questions.map((q) => ({ text: `• ${q}` })) }),
  },
];

/** Draws the appendix section with all its parts. */
export function drawAppendix(ctx: PdfContext): void {
  const { appendix } = ctx.model;
  const section = startSection(ctx, sectionTitle(ctx, "appendix"), SECTION.appendix);
  drawEvidenceIndex(ctx, appendix, section);
  drawExceptions(ctx, appendix, section);
  drawActionPlan(ctx, appendix, section);
  drawReview(ctx, appendix, section);
  drawNotApplicable(ctx, appendix, section);
  drawUnanswered(ctx, appendix, section);
  drawMethodology(ctx, section);
  drawSignOff(ctx, section);
}

function drawEvidenceIndex(ctx: PdfContext, appendix: Appendix, section: PDFKit.PDFOutline): void {
  heading(
    ctx,
    APPENDIX_PART.evidence.title,
    2,
    { dest: SECTION.evidence, outline: section, caption: APPENDIX_PART.evidence.title },
    60,
  );
  if (appendix.evidence.length === 0) none(ctx, "No evidence cited.");
  else drawTable(ctx, EVIDENCE_COLUMNS, appendix.evidence, { caption: "Evidence index", link });
}

function drawExceptions(ctx: PdfContext, appendix: Appendix, section: PDFKit.PDFOutline): void {
  heading(
    ctx,
    APPENDIX_PART.exceptions.title,
    2,
    { dest: SECTION.exceptions, outline: section, caption: APPENDIX_PART.exceptions.title },
    60,
  );
  if (appendix.exceptions.length === 0) none(ctx, "No exceptions.");
  else drawTable(ctx, EXCEPTION_COLUMNS, appendix.exceptions, { caption: "Exceptions", link });
}

function drawActionPlan(ctx: PdfContext, appendix: Appendix, section: PDFKit.PDFOutline): void {
  heading(
    ctx,
    APPENDIX_PART.action_plan.title,
    2,
    { dest: SECTION.actionPlan, outline: section, caption: APPENDIX_PART.action_plan.title },
    60,
  );
  if (appendix.action_plan.length === 0) {
    none(ctx, "No gaps, so nothing to plan.");
    return;
  }
  if (appendix.critical_unplanned_note)
    paragraph(ctx, appendix.critical_unplanned_note, {
      font: "bold",
      size: SIZE.small,
      color: STATUS_COLOR.not_met,
      after: 4,
    });
  drawTable(ctx, ACTION_PLAN_COLUMNS, appendix.action_plan, { caption: "Management action plan", link });
}

function drawReview(ctx: PdfContext, appendix: Appendix, section: PDFKit.PDFOutline): void {
  heading(
    ctx,
    APPENDIX_PART.review.title,
    2,
    { dest: SECTION.review, outline: section, caption: APPENDIX_PART.review.title },
    60,
  );
  paragraph(ctx, ctx.model.assurance.statement, { size: SIZE.small, after: 4 });
  if (appendix.review.length > 0)
    drawTable(ctx, REVIEW_COLUMNS, appendix.review, { caption: "Review by the assessor", link });
}

function drawNotApplicable(ctx: PdfContext, appendix: Appendix, section: PDFKit.PDFOutline): void {
  heading(
    ctx,
    APPENDIX_PART.not_applicable.title,
    2,
    { dest: SECTION.notApplicable, outline: section, caption: APPENDIX_PART.not_applicable.title },
    60,
  );
  if (appendix.not_applicable.length === 0) none(ctx, "Every control applies.");
  else
    drawTable(ctx, NOT_APPLICABLE_COLUMNS, appendix.not_applicable, {
      caption: "Controls not applicable",
      // A control the profile scopes out has no detail page: its row is where links to it lead.
      link: (row) => (row.scoped_out ? null : link(row)),
      anchor: (row) => (row.scoped_out ? controlDest(row.anchor) : null),
    });
}

function drawUnanswered(ctx: PdfContext, appendix: Appendix, section: PDFKit.PDFOutline): void {
  heading(
    ctx,
    APPENDIX_PART.unanswered.title,
    2,
    { dest: SECTION.unanswered, outline: section, caption: APPENDIX_PART.unanswered.title },
    60,
  );
  if (appendix.unanswered.length === 0) none(ctx, "Every question was answered.");
  else drawTable(ctx, UNANSWERED_COLUMNS, appendix.unanswered, { caption: "Unanswered questions", link });
}
