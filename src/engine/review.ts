// The assessor's layer applied to a result: a conclusion decides the status, and the self-assessment is kept beside it.

import type { ControlResult } from "../model/result.js";
import type { ControlReview, Review } from "../model/review.js";
import type { ControlFacts } from "./compile.js";
import { withException } from "./evaluate-control.js";
import { riskFrom } from "./scoring.js";

/** The assessor's record of one control, own keys only (a control id never finds Object.prototype's members). */
export function reviewOf(review: Review | undefined, id: string): ControlReview | undefined {
  return review && Object.hasOwn(review.controls, id) ? review.controls[id] : undefined;
}

/**
 * A result with the assessor's record: where it has a conclusion, the conclusion is the assessed status (an expired
 * or valid exception then applies to it as to any answer), except for a control the profile scopes out, whose scope
 * is the organization's to declare.
 */
export function applyReview(
  result: ControlResult,
  review: ControlReview | undefined,
  facts: ControlFacts,
): ControlResult {
  if (!review) return result;
  const self = result.assessed_status;
  const because = undecidedBecause(result);
  const decided = review.conclusion !== undefined && because === undefined;
  const record = {
    ...review,
    self_assessed: self,
    decided,
    ...(review.conclusion !== undefined && because ? { undecided_because: because } : {}),
  };
  if (!decided || review.conclusion === undefined) return { ...result, review: record };
  const assessed = review.conclusion;
  const status = withException(assessed, result.exception);
  return {
    ...result,
    assessed_status: assessed,
    status,
    // The assessor's conclusion on a control declared not applicable by the answers overrules the declaration.
    not_applicable_by: undefined,
    not_applicable_justification: undefined,
    risk: riskFrom(facts.riskBase, status),
    review: record,
  };
}

/**
 * Why a conclusion cannot decide a result: a control the profile scopes out is the organization's to declare, and a
 * control operated by a third party without current answers stays unanswered until that party answers, so no
 * missing or stale vendor file is turned into a pass by a review of the organization's own file.
 */
function undecidedBecause(result: ControlResult): "profile_scope" | "operator_unanswered" | undefined {
  if (result.not_applicable_by === "profile") return "profile_scope";
  if (result.operated_by && result.operated_by.answers !== "current") return "operator_unanswered";
  return undefined;
}
