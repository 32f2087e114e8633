// The parts of an invalid answers file that are valid on their own, so its quality warnings are not lost.
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { type Answers, AnswersSchema, ControlAnswerSchema } from "../model/answers.js";
import { isRecord } from "./check-answers.js";

type Path = readonly (string | number)[];

const isPrefix = (prefix: Path, path: Path) =>
  prefix.length <= path.length && prefix.every((k, i) => k === path[i]);

/**
 * Keeps the control answers and profile keys of a document that no error touches (no error at, above or below
 * their path). Undefined when that cannot be told apart (an error without a path), when the file was filled for
 * another catalog, or when the assessment, which every quality warning is dated against, is itself in error,
 * unless `standIn` is given: then it takes the assessment's place (for completeness, which reads no date).
 */
export function salvageAnswers(
  data: unknown,
  errors: readonly Diagnostic[],
  standIn?: Answers["assessment"],
): Answers | undefined {
  if (!isRecord(data) || errors.some((d) => d.path === undefined)) return undefined;
  const touched = (path: Path) =>
    errors.some((d) => isPrefix(d.path as Path, path) || isPrefix(path, d.path as Path));
  if (touched(["catalog"])) return undefined;
  const parsed = AnswersSchema.shape.assessment.safeParse(data.assessment);
  const assessment = parsed.success && !touched(["assessment"]) ? parsed.data : standIn;
  if (!assessment) return undefined;
  const answers: Answers["answers"] = {};
  for (const [id, answer] of Object.entries(isRecord(data.answers) ? data.answers : {})) {
    if (touched(["answers", id])) continue;
    const parsed = ControlAnswerSchema.safeParse(answer ?? {});
    if (parsed.success) answers[id] = parsed.data;
  }
  const profile: Answers["profile"] = {};
  for (const [key, value] of Object.entries(isRecord(data.profile) ? data.profile : {}))
    if (!touched(["profile", key])) profile[key] = value;
  return {
    // Only the parts quality checks read are real; the rest stands in for sections that may be in error.
    organization: { name: "", jurisdiction: "" },
    assessment,
    catalog: { id: "", version: "" },
    profile,
    answers,
  };
}
