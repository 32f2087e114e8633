// What the report may claim and what remains to do: the assurance level, the assessor's review beside the
// self-assessment, and the management action plan. Worded once for every renderer.
import { daysBetween } from "../model/dates.js";
import type { ControlResult, Evaluation } from "../model/result.js";
import type { ControlView } from "./control-view.js";
import { STATUS_LABEL } from "./labels.js";

const LEVEL_LABEL = {
  self_assessment: "Self-assessment (the organization's statements, not tested)",
  independent_review: "Independent review of the answers",
  tested: "Independent review with tests of controls",
} as const;

const PROCEDURE_LABEL = { stated: "as stated", inspected: "evidence inspected", tested: "tested" } as const;

/** The assurance the report claims, and the sentence that says what it rests on. */
export function assuranceView(evaluation: Evaluation) {
  const review = evaluation.review;
  const reviewed = evaluation.controls.filter((r) => r.review !== undefined);
  const changed = reviewed.filter((r) => r.review?.decided && r.review.self_assessed !== r.assessed_status);
  if (!review)
    return {
      level: "self_assessment" as const,
      label: LEVEL_LABEL.self_assessment,
      statement:
        "The answers are the organization's own statements. vaspcheck applied the catalog's rules to them and replayed the catalogued attacks against them; it did not test them, and nobody else is recorded as having done so.",
      reviewed: 0,
      changed: 0,
    };
  const tested = reviewed.filter((r) => r.review?.procedure !== "stated").length;
  return {
    level: review.level,
    // The level with its reach: a review of three controls is not an independent review of the report.
    label: `${LEVEL_LABEL[review.level]}, by ${review.reviewer} (${review.date}), of ${reviewed.length} of ${evaluation.controls.length} controls; the others as stated by the organization`,
    statement:
      `${review.reviewer} reviewed the answers on ${review.date} and recorded ${reviewed.length} ${reviewed.length === 1 ? "control" : "controls"}, ` +
      `${tested} of them inspected or tested on a sample. ${changed.length === 0 ? "No conclusion differs" : `${changed.length} ${changed.length === 1 ? "conclusion differs" : "conclusions differ"}`} from the self-assessment; ` +
      "where the reviewer concluded, the scores and the replay use the reviewer's conclusion. Every other answer is the organization's statement, not tested.",
    reviewed: reviewed.length,
    changed: changed.length,
  };
}

/** The assessor's record beside the self-assessment, one row per reviewed control, in catalog order. */
export function reviewRows(evaluation: Evaluation, view: (id: string) => ControlView) {
  return evaluation.controls
    .filter(
      (r): r is ControlResult & { review: NonNullable<ControlResult["review"]> } => r.review !== undefined,
    )
    .map((r) => ({
      control_id: r.control_id,
      anchor: view(r.control_id).anchor,
      title: r.title,
      self_assessed: STATUS_LABEL[r.review.self_assessed].label,
      conclusion: r.review.conclusion
        ? STATUS_LABEL[r.review.conclusion].label
        : "— (self-assessment stands)",
      differs: r.review.decided && r.review.self_assessed !== r.assessed_status,
      procedure: PROCEDURE_LABEL[r.review.procedure],
      sample: r.review.sample ?? "—",
      notes: r.review.notes ?? "",
      /** The sample and the reviewer's notes in one cell, as the tables print them. */
      sample_and_notes: r.review.notes
        ? `${r.review.sample ?? "—"}. Notes: ${r.review.notes}`
        : (r.review.sample ?? "—"),
    }));
}

/** The reviewer's record of one control in one sentence, for its detail; null when it was not reviewed. */
export function reviewSentence(result: ControlResult): string | null {
  const r = result.review;
  if (!r) return null;
  const said = reviewVerdict(r);
  return r.notes ? `${said} Reviewer's notes: ${r.notes}` : said;
}

function reviewVerdict(r: NonNullable<ControlResult["review"]>): string {
  const how = `${PROCEDURE_LABEL[r.procedure]}${r.sample ? ` (sample: ${r.sample})` : ""}`;
  if (!r.conclusion)
    return `Reviewed: ${how}; the reviewer drew no conclusion of their own, so the self-assessment stands.`;
  if (!r.decided)
    return r.undecided_because === "operator_unanswered"
      ? `Reviewed: ${how}; the reviewer concluded ${STATUS_LABEL[r.conclusion].label.toLowerCase()}, but the third party that operates the control gave no current answers, so the control stays unanswered until it does.`
      : `Reviewed: ${how}; the reviewer concluded ${STATUS_LABEL[r.conclusion].label.toLowerCase()}, but the profile scopes the control out.`;
  const self = STATUS_LABEL[r.self_assessed].label.toLowerCase();
  return r.self_assessed === r.conclusion
    ? `Reviewed: ${how}; the reviewer agrees with the self-assessment (${self}).`
    : `Reviewed: ${how}; the reviewer concluded ${STATUS_LABEL[r.conclusion].label.toLowerCase()} where the self-assessment said ${self}. The status above is the reviewer's.`;
}

/**
 * The management action plan: every gap in fix-first order, with its owner, due date and response, overdue plans
 * marked against the as-of date, and a critical gap without a plan flagged.
 */
export function actionPlanRows(evaluation: Evaluation, view: (id: string) => ControlView) {
  const byId = new Map(evaluation.controls.map((r) => [r.control_id, r]));
  const gaps = [
    ...evaluation.gaps,
    ...evaluation.controls.filter((r) => r.status === "risk_accepted").map((r) => r.control_id),
  ];
  return gaps.map((id) => {
    const r = byId.get(id) as ControlResult;
    const plan = r.remediation_plan;
    const overdue = plan !== undefined && daysBetween(evaluation.as_of, plan.due) < 0;
    return {
      control_id: id,
      anchor: view(id).anchor,
      title: r.title,
      severity: r.severity,
      status: STATUS_LABEL[r.status].label,
      // A control a third party operates carries the third party's plan, from its own answers: said as theirs.
      owner: plan ? (r.operated_by ? `${plan.owner} (${r.operated_by.name})` : plan.owner) : "—",
      due: plan?.due ?? "—",
      response: plan?.management_response ?? "—",
      state: plan
        ? overdue
          ? `overdue since ${plan.due}`
          : "planned"
        : r.status === "risk_accepted" && r.exception
          ? `risk accepted until ${r.exception.expires}, no plan`
          : r.severity === "critical"
            ? "NO PLAN for a critical gap"
            : "no plan",
      overdue,
      unplanned_critical: !plan && r.severity === "critical",
    };
  });
}
