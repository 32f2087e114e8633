// Decides one control's status from the profile and its answer, and keeps the explanation.
import type { ControlAnswer } from "../model/answers.js";
import type { Control } from "../model/control.js";
import { daysBetween } from "../model/dates.js";
import type { Question } from "../model/question.js";
import type { Check, ControlResult, Status } from "../model/result.js";
import {
  type CompiledControl,
  type ControlFacts,
  compileControlCached,
  factsAlone,
  readSlots,
  type Values,
} from "./compile.js";
import { applyImplications, type ImpliedChoice } from "./implied.js";
import { riskFrom } from "./scoring.js";

// Shared empty lists: results are read-only data, and most controls have no blanks and many no evidence.
const NONE: string[] = [];
const NO_EVIDENCE: ControlResult["evidence"] = [];
const NO_RESPONSES: Values = {};
const NO_IMPLIED: ImpliedChoice[] = [];
// Answers are read into one reused array: evaluation is synchronous and never re-entered, and a fresh array per
// control was a measurable share of the evaluator's time. Checks copy the answers they keep.
const ANSWERS: unknown[] = [];

/** Evaluates one control of a catalog. Pure: the same inputs always give the same result. */
export function evaluateControl(
  control: Control,
  answer: ControlAnswer | null | undefined,
  profile: Values,
  profileQuestions: readonly Question[],
  asOf: string,
): ControlResult {
  return evaluateCompiled(
    compileControlCached(control, profileQuestions),
    answer,
    profile,
    asOf,
    factsAlone(control),
  );
}

function result(
  compiled: CompiledControl,
  facts: ControlFacts,
  answer: ControlAnswer | null | undefined,
  asOf: string,
  checks: Check[],
  assessed: Status,
  naBy: "profile" | "answer" | undefined,
  unanswered: string[],
  implied: ImpliedChoice[] = NO_IMPLIED,
): ControlResult {
  const { control } = compiled;
  const exception = answer?.exception
    ? { ...answer.exception, expired: daysBetween(asOf, answer.exception.expires) < 0 }
    : undefined;
  const status = withException(assessed, exception);
  return {
    control_id: control.id,
    title: control.title,
    severity: control.severity,
    level: control.level,
    status,
    assessed_status: assessed,
    not_applicable_by: naBy,
    not_applicable_justification: naBy === "answer" ? answer?.not_applicable?.justification : undefined,
    checks,
    unanswered_questions: unanswered,
    exception,
    evidence: answer?.evidence ?? NO_EVIDENCE,
    notes: answer?.notes ?? undefined,
    remediation_plan: answer?.remediation_plan,
    lessons: control.lessons,
    incidents: facts.incidents,
    counters: facts.counters,
    frameworks: control.frameworks,
    risk: riskFrom(facts.riskBase, status),
    // Declared here, set by evaluate() once the gaps are ranked, so every result keeps one shape.
    exposure: undefined,
    gap_rank: undefined,
    operated_by: undefined,
    implied_choices: implied,
    // Declared here, set by evaluate() from the assessor's layer, so every result keeps one shape.
    review: undefined,
  };
}

/** The status after an exception: a gap under an exception that has not expired is an accepted risk. */
export function withException(assessed: Status, exception: ControlResult["exception"]): Status {
  const isGap = assessed === "not_met" || assessed === "partially_met" || assessed === "not_answered";
  return isGap && exception && !exception.expired ? "risk_accepted" : assessed;
}

/** Evaluates one compiled control. */
export function evaluateCompiled(
  compiled: CompiledControl,
  answer: ControlAnswer | null | undefined,
  profile: Values,
  asOf: string,
  facts: ControlFacts,
): ControlResult {
  const { appliesIf, met, partiallyMet } = compiled;
  // Sized for the longest explanation and copied only when the partially-met rule did not run: growing an array
  // push by push, trimming it, or filling a shared one (old-generation write barriers) all measured slower.
  const checks: Check[] = new Array((appliesIf?.size ?? 0) + met.size + (partiallyMet?.size ?? 0));
  let at = 0;
  if (appliesIf) {
    // An unanswered scoping question must never silently switch a control off, so it counts as applicable.
    const known = readSlots(profile, compiled.appliesQuestions, ANSWERS) === compiled.appliesQuestions.length;
    const applies = appliesIf.run(ANSWERS, asOf, checks, 0);
    at = appliesIf.size;
    if (known && !applies)
      return result(compiled, facts, answer, asOf, checks.slice(0, at), "not_applicable", "profile", NONE);
  }
  if (answer?.not_applicable)
    return result(compiled, facts, answer, asOf, checks.slice(0, at), "not_applicable", "answer", NONE);
  const questions = compiled.ruleQuestions;
  const own = readSlots(answer?.responses ?? NO_RESPONSES, questions, ANSWERS);
  // A choice the profile implies is read as selected, but a control nobody answered stays unanswered.
  const implied: ImpliedChoice[] = own > 0 && compiled.implied.length > 0 ? [] : NO_IMPLIED;
  const answered =
    implied === NO_IMPLIED ? own : own + applyImplications(compiled.implied, profile, ANSWERS, implied);
  // Most controls are fully answered; build the list of blanks only when there are some.
  const unanswered =
    answered === questions.length ? NONE : questions.filter((_, i) => ANSWERS[i] === undefined);
  let assessed: Status;
  let written = at;
  if (answered === 0) assessed = "not_answered";
  else {
    written += met.size;
    if (met.run(ANSWERS, asOf, checks, at)) assessed = "met";
    else if (!partiallyMet) assessed = "not_met";
    else {
      written += partiallyMet.size;
      assessed = partiallyMet.run(ANSWERS, asOf, checks, at + met.size) ? "partially_met" : "not_met";
    }
  }
  return result(
    compiled,
    facts,
    answer,
    asOf,
    written === checks.length ? checks : checks.slice(0, written),
    assessed,
    undefined,
    unanswered,
    implied,
  );
}
