// Decides one control's status from the profile and its answer, and keeps the explanation.
import type { ControlAnswer } from "../model/answers.js";
import type { Control } from "../model/control.js";
import type { Question } from "../model/question.js";
import type { Check, ControlResult, Status } from "../model/result.js";
import { type CompiledControl, compileControlCached, type Values } from "./compile.js";
import { daysBetween } from "./dates.js";
import { riskFrom } from "./scoring.js";

// Shared empty lists: results are read-only data, and most controls have no blanks and many no evidence.
const NONE: string[] = [];
const NO_EVIDENCE: ControlResult["evidence"] = [];
const NO_RESPONSES: Values = {};

// Own keys only: a question id such as `constructor` must not find Object.prototype's member.
const answered = (values: Values, id: string) => Object.hasOwn(values, id) && values[id] != null;

/** Evaluates one control of a catalog. Pure: the same inputs always give the same result. */
export function evaluateControl(
  control: Control,
  answer: ControlAnswer | null | undefined,
  profile: Values,
  profileQuestions: readonly Question[],
  asOf: string,
): ControlResult {
  return evaluateCompiled(compileControlCached(control, profileQuestions), answer, profile, asOf);
}

interface Decision {
  readonly assessed: Status;
  readonly unanswered?: string[];
  readonly naBy?: "profile" | "answer";
}

function result(
  compiled: CompiledControl,
  answer: ControlAnswer | null | undefined,
  asOf: string,
  checks: Check[],
  d: Decision,
): ControlResult {
  const { control } = compiled;
  const exception = answer?.exception
    ? { ...answer.exception, expired: daysBetween(asOf, answer.exception.expires) < 0 }
    : undefined;
  const assessed = d.assessed;
  const isGap = assessed === "not_met" || assessed === "partially_met" || assessed === "not_answered";
  const status: Status = isGap && exception && !exception.expired ? "risk_accepted" : assessed;
  const out: ControlResult = {
    control_id: control.id,
    title: control.title,
    severity: control.severity,
    level: control.level,
    status,
    assessed_status: assessed,
    not_applicable_by: d.naBy,
    not_applicable_justification: d.naBy === "answer" ? answer?.not_applicable?.justification : undefined,
    checks,
    unanswered_questions: d.unanswered ?? NONE,
    exception,
    evidence: answer?.evidence ?? NO_EVIDENCE,
    notes: answer?.notes ?? undefined,
    remediation_plan: answer?.remediation_plan,
    lessons: control.lessons,
    incidents: compiled.incidents,
    blocks: compiled.blocks,
    limits: compiled.limits,
    frameworks: control.frameworks,
    risk: riskFrom(compiled.riskBase, status),
  };
  return out;
}

/** Evaluates one compiled control. */
export function evaluateCompiled(
  compiled: CompiledControl,
  answer: ControlAnswer | null | undefined,
  profile: Values,
  asOf: string,
): ControlResult {
  const checks: Check[] = [];
  if (compiled.appliesIf) {
    // An unanswered scoping question must never silently switch a control off, so it counts as applicable.
    const known = compiled.appliesQuestions.every((q) => answered(profile, q));
    const applies = compiled.appliesIf(profile, asOf, checks, 0);
    if (known && !applies)
      return result(compiled, answer, asOf, checks, { assessed: "not_applicable", naBy: "profile" });
  }
  if (answer?.not_applicable)
    return result(compiled, answer, asOf, checks, { assessed: "not_applicable", naBy: "answer" });
  const responses = answer?.responses ?? NO_RESPONSES;
  let blank = 0;
  for (const q of compiled.ruleQuestions) if (!answered(responses, q)) blank++;
  // Most controls are fully answered; build the list of blanks only when there are some.
  const unanswered = blank === 0 ? NONE : compiled.ruleQuestions.filter((q) => !answered(responses, q));
  let assessed: Status;
  if (blank === compiled.ruleQuestions.length) assessed = "not_answered";
  else if (compiled.met(responses, asOf, checks, 0)) assessed = "met";
  else if (compiled.partiallyMet?.(responses, asOf, checks, 0)) assessed = "partially_met";
  else assessed = "not_met";
  return result(compiled, answer, asOf, checks, { assessed, unanswered });
}
