// The parts of an invalid answers file that are valid on their own, so its quality warnings are not lost.
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { type Answers, AnswersSchema, ControlAnswerSchema } from "../model/answers.js";
import { isRecord } from "./check-answers.js";

type Path = readonly (string | number)[];

/**
 * Whether an error lies at, above or below a path. Indexed once, so that asking for each of thousands of keys costs
 * the length of its path, not a pass over every error.
 */
function touchedBy(errors: readonly Diagnostic[]): (path: Path) => boolean {
  const at = new Set<string>();
  const aboveOrAt = new Set<string>();
  for (const d of errors) {
    const path = d.path as Path;
    at.add(JSON.stringify(path));
    for (let n = 0; n <= path.length; n++) aboveOrAt.add(JSON.stringify(path.slice(0, n)));
  }
  return (path) => {
    if (aboveOrAt.has(JSON.stringify(path))) return true;
    for (let n = 0; n < path.length; n++) if (at.has(JSON.stringify(path.slice(0, n)))) return true;
    return false;
  };
}

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
  const touched = touchedBy(errors);
  if (touched(["catalog"])) return undefined;
  const parsed = AnswersSchema.shape.assessment.safeParse(data.assessment);
  const assessment = parsed.success && !touched(["assessment"]) ? parsed.data : standIn;
  if (!assessment) return undefined;
  // Keys come from the document: without a prototype, a key such as `__proto__` stays a key.
  const answers: Answers["answers"] = Object.create(null);
  for (const [id, answer] of Object.entries(isRecord(data.answers) ? data.answers : {})) {
    if (touched(["answers", id])) continue;
    const parsed = ControlAnswerSchema.safeParse(answer ?? {});
    if (parsed.success) answers[id] = parsed.data;
  }
  const profile: Answers["profile"] = Object.create(null);
  for (const [key, value] of Object.entries(isRecord(data.profile) ? data.profile : {}))
    if (!touched(["profile", key])) profile[key] = value;
  return {
    // Only the parts quality checks read are real; the rest stands in for sections that may be in error.
    organization: { name: "", jurisdiction: "" },
    assessment,
    catalog: { id: "", version: "" },
    profile,
    third_parties: [],
    answers,
  };
}
