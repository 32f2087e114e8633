// Decides one control's status from the profile and its answer, and keeps the explanation.
import type { ControlAnswer } from "../model/answers.js";
import type { Control } from "../model/control.js";
import type { Question } from "../model/question.js";
import type { Check, ControlResult, Status } from "../model/result.js";
import { type AnswerLookup, evaluateCondition, questionsOf } from "./conditions.js";
import { daysBetween } from "./dates.js";

/** The part of a control result the engine decides before risk ranking. */
export type ControlDecision = Omit<ControlResult, "risk" | "gap_rank">;

function lookup(values: Readonly<Record<string, unknown>>, questions: readonly Question[]): AnswerLookup {
  const texts = new Map(questions.map((q) => [q.id, q.text]));
  return {
    value: (id) => (Object.hasOwn(values, id) && values[id] !== null ? values[id] : undefined),
    text: (id) => texts.get(id),
  };
}

/** Evaluates one control. Pure: the same inputs always give the same decision. */
export function evaluateControl(
  control: Control,
  answer: ControlAnswer | null | undefined,
  profile: Readonly<Record<string, unknown>>,
  profileQuestions: readonly Question[],
  asOf: string,
): ControlDecision {
  const checks: Check[] = [];
  const decide = (assessed: Status, extra: Partial<ControlDecision> = {}): ControlDecision => {
    const exception = answer?.exception
      ? { ...answer.exception, expired: daysBetween(asOf, answer.exception.expires) < 0 }
      : undefined;
    const isGap = assessed === "not_met" || assessed === "partially_met" || assessed === "not_answered";
    const status: Status = isGap && exception && !exception.expired ? "risk_accepted" : assessed;
    return {
      control_id: control.id,
      title: control.title,
      severity: control.severity,
      level: control.level,
      status,
      assessed_status: assessed,
      checks,
      unanswered_questions: [],
      exception,
      evidence: answer?.evidence ?? [],
      notes: answer?.notes ?? undefined,
      remediation_plan: answer?.remediation_plan,
      lessons: control.lessons,
      incidents: Object.keys(control.blocks).sort(),
      blocks: Object.entries(control.blocks)
        .sort(([a], [b]) => a.localeCompare(b))
        .flatMap(([incident, steps]) => steps.map((step) => ({ incident, step }))),
      frameworks: control.frameworks,
      ...extra,
    };
  };

  if (control.applies_if) {
    const profileLookup = lookup(profile, profileQuestions);
    // An unanswered scoping question must never silently switch a control off, so it counts as applicable.
    const known = questionsOf(control.applies_if).every((q) => profileLookup.value(q) !== undefined);
    const applicability = evaluateCondition(control.applies_if, profileLookup, asOf, "applies_if");
    checks.push(...applicability.checks);
    if (known && !applicability.passed) return decide("not_applicable", { not_applicable_by: "profile" });
  }
  if (answer?.not_applicable) {
    return decide("not_applicable", {
      not_applicable_by: "answer",
      not_applicable_justification: answer.not_applicable.justification,
    });
  }
  const responses = answer?.responses ?? {};
  const answers = lookup(responses, control.questions);
  const ruleQuestions = [
    ...new Set([...questionsOf(control.rule.met), ...questionsOf(control.rule.partially_met)]),
  ];
  const unanswered = ruleQuestions.filter((q) => answers.value(q) === undefined);
  if (unanswered.length === ruleQuestions.length) {
    return decide("not_answered", { unanswered_questions: unanswered });
  }
  const met = evaluateCondition(control.rule.met, answers, asOf, "met");
  checks.push(...met.checks);
  if (met.passed) return decide("met", { unanswered_questions: unanswered });
  if (control.rule.partially_met) {
    const partial = evaluateCondition(control.rule.partially_met, answers, asOf, "partially_met");
    checks.push(...partial.checks);
    if (partial.passed) return decide("partially_met", { unanswered_questions: unanswered });
  }
  return decide("not_met", { unanswered_questions: unanswered });
}
