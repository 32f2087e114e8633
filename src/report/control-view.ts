// The view of one control result: status words, the explained checks, evidence, remediation and plan.
import type { Catalog } from "../model/catalog.js";
import type { Control } from "../model/control.js";
import type { EvidenceCheck } from "../model/evidence-check.js";
import type { Question } from "../model/question.js";
import type { ControlResult } from "../model/result.js";
import { reviewSentence } from "./assurance-view.js";
import { explainFailedChecks, requirementOf } from "./explain-check.js";
import { formatAnswer } from "./format-answer.js";
import { PARTY_LABEL, STATUS_LABEL } from "./labels.js";

const KIND_LABEL = { all: "all of", any: "any of", not: "none of" } as const;
const RULE_LABEL = {
  met: "Met when",
  partially_met: "Partially met when",
  applies_if: "Applies when",
} as const;

/** The questions a control's checks can name: its own and the profile's, by id. */
type QuestionsById = ReadonlyMap<string, Question>;

/** Builds the view of one control result. */
export function buildControlView(
  result: ControlResult,
  control: Control,
  catalog: Catalog,
  checked?: readonly EvidenceCheck[],
) {
  const questions: QuestionsById = new Map([...control.questions, ...catalog.profile].map((q) => [q.id, q]));
  const lessonTitles = result.lessons.map((id) => catalog.lessons.find((l) => l.id === id)?.title ?? id);
  const incidentName = (id: string) => catalog.incidents.find((i) => i.id === id)?.name ?? id;
  const incidentNames = result.incidents.map(incidentName);
  return {
    id: result.control_id,
    anchor: result.control_id.toLowerCase(),
    title: result.title,
    objective: control.objective,
    severity: result.severity,
    level: result.level,
    status: result.status,
    status_label: STATUS_LABEL[result.status].label,
    status_mark: STATUS_LABEL[result.status].mark,
    assessed_status_label: STATUS_LABEL[result.assessed_status].label,
    rank: result.gap_rank ?? null,
    risk: result.risk.toFixed(2),
    why: whyNotMet(result, questions),
    lessons: lessonTitles.join("; "),
    incidents: incidentNames.length ? incidentNames.join(", ") : "—",
    attack_steps: result.counters.length,
    prevents_steps: result.counters.filter((c) => c.effect === "prevents").length,
    counters_text: countersText(result, control.counters_no_step),
    would_stop: (result.exposure?.stops ?? []).map(incidentName).join(", "),
    would_deepen: (result.exposure?.deepens ?? []).map(incidentName).join(", "),
    part_of: (result.exposure?.part_of ?? []).map(incidentName).join(", "),
    exposure_value: result.exposure ? result.exposure.value.toFixed(2) : null,
    rules: rulesView(result, questions),
    questions: control.questions.map((q) => q.text),
    remediation: control.remediation,
    evidence: evidenceView(result, checked),
    notes: result.notes ?? null,
    operated_by: operatorText(result),
    /** The operating party's name, for tables; null when the organization operates the control itself. */
    operator: result.operated_by?.name ?? null,
    /** Whose answers the status rests on, for the control tables: the operator's, or none when it gave none current. */
    operator_source: operatorSource(result),
    /** The same, as a table names it beside the control. */
    operator_note: result.operated_by ? `operated by ${result.operated_by.name}` : null,
    plan: planView(result),
    /** The assessor's record of this control in one sentence; null when it was not reviewed. */
    review: reviewSentence(result),
    exception: exceptionView(result),
    not_applicable_reason: notApplicableReason(result),
    frameworks: Object.entries(result.frameworks)
      .map(([fw, reqs]) => `${catalog.frameworks.find((f) => f.id === fw)?.name ?? fw}: ${reqs.join(", ")}`)
      .join("; "),
    references: control.references.map((r) => ({ title: r.title, url: r.url ?? null })),
  };
}

/** One sentence per failing question of the met rule: answered, required, missing; null when none fails. */
function whyNotMet(result: ControlResult, questions: QuestionsById): string | null {
  const reviewed = result.review;
  // Where the assessor's conclusion decided the status, the reason is the assessor's, not the answers': the answers
  // may pass every check while the tested sample did not.
  if (reviewed?.decided && reviewed.conclusion && reviewed.conclusion !== reviewed.self_assessed) {
    const said = reviewed.notes ? ` ${reviewed.notes.replace(/\.?$/, ".")}` : "";
    return `The assessor concluded ${STATUS_LABEL[reviewed.conclusion].label.toLowerCase()} where the answers give ${STATUS_LABEL[reviewed.self_assessed].label.toLowerCase()}.${said}`;
  }
  const implied = new Map<string, Set<unknown>>();
  for (const i of result.implied_choices)
    implied.set(i.question, new Set([...(implied.get(i.question) ?? []), i.value]));
  const sentences = explainFailedChecks(
    result.checks.filter((c) => c.rule === "met"),
    questions,
    implied,
  );
  return sentences.length > 0 ? sentences.join(" ") : null;
}

/** Every check of each rule, as an indented tree; rules without checks are left out. */
function rulesView(result: ControlResult, questions: QuestionsById) {
  return (["applies_if", "met", "partially_met"] as const)
    .map((rule) => ({
      rule,
      label: RULE_LABEL[rule],
      checks: result.checks
        .filter((c) => c.rule === rule)
        .map((c) => ({
          indent: c.depth,
          is_group: c.kind !== "leaf",
          group: c.kind === "leaf" ? null : KIND_LABEL[c.kind],
          question: c.question_text ?? c.question ?? "",
          question_id: c.question ?? "",
          answer: c.kind === "leaf" ? formatAnswer(questions.get(c.question ?? ""), c.answer) : "",
          expected: c.kind === "leaf" ? requirementOf(c, questions.get(c.question ?? "")) : "",
          passed: c.passed,
          result: c.passed ? "pass" : "fail",
        })),
    }))
    .filter((r) => r.checks.length > 0);
}

function planView(result: ControlResult) {
  return result.remediation_plan
    ? {
        owner: result.remediation_plan.owner,
        due: result.remediation_plan.due,
        response: result.remediation_plan.management_response ?? "—",
      }
    : null;
}

function exceptionView(result: ControlResult) {
  return result.exception
    ? {
        justification: result.exception.justification,
        approver: result.exception.approver,
        expires: result.exception.expires,
        expired: result.exception.expired,
      }
    : null;
}

function notApplicableReason(result: ControlResult): string | null {
  if (result.status !== "not_applicable") return null;
  return result.not_applicable_by === "answer"
    ? (result.not_applicable_justification ?? "")
    : "Out of scope per the organization profile";
}

/** "3 attack steps countered, 1 of them prevented", or that the control counters no catalogued step. */
function countersText(result: ControlResult, why: string | undefined): string {
  const n = result.counters.length;
  if (n === 0)
    return `it counters no step of a catalogued attack chain${why ? `. ${why.replace(/\.$/, "")}` : ""}`;
  const prevented = result.counters.filter((c) => c.effect === "prevents").length;
  return `${n} attack ${n === 1 ? "step" : "steps"} countered, ${prevented} of them prevented`;
}

/** The view of one control result. */
export type ControlView = ReturnType<typeof buildControlView>;

/** "operated by X, from its answers", or "…, which gave no current answers"; null when the organization operates it. */
function operatorSource(result: ControlResult): string | null {
  const by = result.operated_by;
  if (!by) return null;
  return by.answers === "current"
    ? `operated by ${by.name}, from its answers`
    : `operated by ${by.name}, which gave no current answers`;
}

/** Whose answers decided the status, when a third party operates the control; null when the organization does. */
function operatorText(result: ControlResult): string | null {
  const by = result.operated_by;
  if (!by) return null;
  const who = `${by.name} (${PARTY_LABEL[by.role].replace(/^your /, "")})`;
  if (by.answers === "current")
    return `Operated by ${who}; the status comes from its own answers of ${by.date}.`;
  if (by.answers === "stale")
    return `Operated by ${who}; its answers of ${by.date} are more than a year older than the as-of date, or later than it, so the control counts as not answered.`;
  return `Operated by ${who}; its own answers were not given, so the control counts as not answered.`;
}

/** The evidence a control cites, each with what a check of its file found (or that none was made). */
function evidenceView(result: ControlResult, checked: readonly EvidenceCheck[] | undefined) {
  return result.evidence.map((e, i) => ({
    title: e.title,
    location: e.url ?? e.path ?? "—",
    sha256: e.sha256 ?? null,
    verification: verificationText(
      checked?.find((c) => c.control_id === result.control_id && c.index === i),
      checked !== undefined,
    ),
  }));
}

/** What the report says of one evidence item's digest: checked when it was generated, or not. */
function verificationText(check: EvidenceCheck | undefined, ran: boolean): string {
  if (!ran || !check) return "not verified when this report was generated";
  const changed = check.changed_after_assessment ? "; the file was modified after the assessment date" : "";
  switch (check.state) {
    case "verified":
      return `digest verified when this report was generated${changed}`;
    case "mismatch":
      return `DIGEST MISMATCH when this report was generated: the file's SHA-256 is ${check.actual_sha256}`;
    case "unpinned":
      return `file found, but no digest was given to confirm it${changed}`;
    case "missing":
    case "not_a_file":
      return "FILE NOT FOUND when this report was generated";
    case "outside_root":
      return "outside the evidence folder: not read";
    case "url_only":
      return "a web address: not checked";
  }
}
