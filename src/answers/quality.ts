// Quality warnings that need the evaluation: met without evidence, exceptions near expiry, answers dated later.
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Answers } from "../model/answers.js";
import { daysBetween, isIsoDate } from "../model/dates.js";
import type { ControlResult, Evaluation } from "../model/result.js";
import { locate, type SourceFile } from "../source/source-file.js";

/** Days before expiry from which an exception is flagged. */
export const EXCEPTION_WARNING_DAYS = 30;

/** Adds one warning, placed at `path` in the answers file. */
type Warn = (path: (string | number)[], code: Diagnostic["code"], message: string, hint: string) => void;

function warner(file: SourceFile, out: Diagnostic[]): Warn {
  return (path, code, message, hint) => {
    const place = locate(file, path);
    out.push({
      file: file.path,
      start: place.start,
      end: place.end,
      severity: "warning",
      code,
      message,
      path,
      hint,
    });
  };
}

/**
 * Warnings about answers that are valid but weak. `evaluation.controls` are the results the organization's own
 * answers decide; `reviewed`, every result the review may speak of (operated controls too), by default the same.
 */
export function checkQuality(
  file: SourceFile,
  answers: Answers,
  evaluation: Pick<Evaluation, "controls" | "as_of">,
  reviewed: readonly ControlResult[] = evaluation.controls,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const warn = warner(file, out);
  for (const result of evaluation.controls) {
    const answer = answers.answers[result.control_id];
    if (!answer) continue;
    const base = ["answers", result.control_id];
    if (result.status === "met" && answer.evidence.length === 0) {
      warn(
        base,
        "answers/no-evidence",
        `Control \`${result.control_id}\` is met but cites no evidence`,
        "Add an `evidence` entry an auditor can check.",
      );
    }
    checkException(result, evaluation.as_of, base, warn);
  }
  checkReview(answers, reviewed, warn);
  checkReviewDate(answers, evaluation.as_of, warn);
  return out;
}

/**
 * Warns about a review dated before the assessment it reviews, or after the as-of date the report describes: its
 * conclusions would then be about other answers, or a later state, than the report shows.
 */
function checkReviewDate(answers: Answers, asOf: string, warn: Warn): void {
  const review = answers.review;
  if (!review) return;
  const assessed = answers.assessment.date;
  if (daysBetween(assessed, review.date) < 0)
    warn(
      ["review", "date"],
      "answers/review-incomplete",
      `The review is dated ${review.date}, before the assessment it reviews (${assessed})`,
      "Check the date: a review examines answers that already exist.",
    );
  else if (asOf !== assessed && daysBetween(asOf, review.date) > 0)
    warn(
      ["review", "date"],
      "answers/review-incomplete",
      `The review is dated ${review.date}, after the as-of date ${asOf}: its conclusions describe a later state`,
      "Evaluate as of the review date or later, or check the date.",
    );
}

/** Warns where the assessor's record cannot carry what it claims: a test without its sample, a conclusion unused. */
function checkReview(answers: Answers, results: readonly ControlResult[], warn: Warn): void {
  const byId = new Map(results.map((r) => [r.control_id, r]));
  for (const [id, review] of Object.entries(answers.review?.controls ?? {})) {
    const at = ["review", "controls", id];
    if (review.procedure !== "stated" && review.sample === undefined)
      warn(
        [...at, "procedure"],
        "answers/review-incomplete",
        `The review of \`${id}\` says it was ${review.procedure}, but not what was sampled`,
        "Say in `sample` what was examined (which records, how many of how many), so the work can be re-performed.",
      );
    const record = byId.get(id)?.review;
    if (review.conclusion !== undefined && record?.undecided_because === "operator_unanswered")
      warn(
        [...at, "conclusion"],
        "answers/review-without-operator",
        `The review's conclusion on \`${id}\` decides nothing: ${byId.get(id)?.operated_by?.name ?? "its operator"} operates the control and gave no current answers`,
        "Have the third party answer in its own file (named under `third_parties`); the control stays unanswered until it does.",
      );
    else if (review.conclusion !== undefined && record?.decided === false)
      warn(
        [...at, "conclusion"],
        "answers/review-incomplete",
        `The review's conclusion on \`${id}\` decides nothing: the profile scopes the control out`,
        "Correct the profile if the control does apply; the organization's scope is its own to declare.",
      );
  }
}

/** Warns about an exception that has expired, or expires within `EXCEPTION_WARNING_DAYS`, on the as-of date. */
function checkException(result: ControlResult, asOf: string, base: string[], warn: Warn): void {
  if (!result.exception) return;
  if (result.assessed_status === "met")
    warn(
      [...base, "exception"],
      "answers/exception-unneeded",
      `Control \`${result.control_id}\` is met, yet carries an accepted exception`,
      "Remove the exception, or correct the answers if the control is not in fact met.",
    );
  const left = daysBetween(asOf, result.exception.expires);
  if (left < 0) {
    warn(
      [...base, "exception", "expires"],
      "answers/exception-expired",
      `Exception for \`${result.control_id}\` expired on ${result.exception.expires}`,
      "Renew the exception with a new approval, or close the gap.",
    );
  } else if (left <= EXCEPTION_WARNING_DAYS) {
    warn(
      [...base, "exception", "expires"],
      "answers/exception-expiring",
      `Exception for \`${result.control_id}\` expires in ${left} ${left === 1 ? "day" : "days"} (${result.exception.expires})`,
      "Plan the renewal or the fix now.",
    );
  }
}

const record = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
const after = (date: unknown, assessed: string): date is string =>
  isIsoDate(date) && daysBetween(assessed, date) > 0;

/**
 * Warns about every answer and piece of evidence dated after the assessment. Read from the document as written,
 * so a control that also has an error (and is left out of the salvaged answers) still gets these warnings.
 */
export function checkDates(file: SourceFile, data: unknown, assessed: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const warn = warner(file, out);
  for (const [id, value] of Object.entries(record(record(data)?.answers) ?? {})) {
    const answer = record(value);
    if (!answer) continue;
    if (after(answer.answered_on, assessed))
      warn(
        ["answers", id, "answered_on"],
        "answers/dated-after-assessment",
        `Answer to \`${id}\` dated ${answer.answered_on}, after the assessment date ${assessed}`,
        "Check the date, or move the assessment date.",
      );
    const evidence = Array.isArray(answer.evidence) ? answer.evidence : [];
    evidence.forEach((item, i) => {
      const date = record(item)?.date;
      if (after(date, assessed))
        warn(
          ["answers", id, "evidence", i, "date"],
          "answers/dated-after-assessment",
          `Evidence ${i + 1} of \`${id}\` dated ${date}, after the assessment date ${assessed}`,
          "Evidence must exist when the assessment is made.",
        );
    });
  }
  return out;
}
