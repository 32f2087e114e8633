// Quality warnings that need the evaluation: met without evidence, exceptions near expiry, answers dated later.
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Answers, ControlAnswer } from "../model/answers.js";
import { daysBetween } from "../model/dates.js";
import type { ControlResult, Evaluation } from "../model/result.js";
import { locate, type SourceFile } from "../source/source-file.js";

/** Days before expiry from which an exception is flagged. */
export const EXCEPTION_WARNING_DAYS = 30;

/** Adds one warning, placed at `path` in the answers file. */
type Warn = (path: (string | number)[], code: Diagnostic["code"], message: string, hint: string) => void;

/** Warnings about answers that are valid but weak. */
export function checkQuality(
  file: SourceFile,
  answers: Answers,
  evaluation: Pick<Evaluation, "controls" | "as_of">,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const warn: Warn = (path, code, message, hint) => {
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
  const assessed = answers.assessment.date;
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
    checkDates(answer, assessed, base, warn);
  }
  return out;
}

/** Warns about an exception that has expired, or expires within `EXCEPTION_WARNING_DAYS`, on the as-of date. */
function checkException(result: ControlResult, asOf: string, base: string[], warn: Warn): void {
  if (!result.exception) return;
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

/** Warns about an answer, or evidence, dated after the assessment it belongs to. */
function checkDates(answer: ControlAnswer, assessed: string, base: string[], warn: Warn): void {
  if (answer.answered_on && daysBetween(assessed, answer.answered_on) > 0) {
    warn(
      [...base, "answered_on"],
      "answers/dated-after-assessment",
      `Answer dated ${answer.answered_on}, after the assessment date ${assessed}`,
      "Check the date, or move the assessment date.",
    );
  }
  answer.evidence.forEach((evidence, i) => {
    if (evidence.date && daysBetween(assessed, evidence.date) > 0) {
      warn(
        [...base, "evidence", i, "date"],
        "answers/dated-after-assessment",
        `Evidence dated ${evidence.date}, after the assessment date ${assessed}`,
        "Evidence must exist when the assessment is made.",
      );
    }
  });
}
