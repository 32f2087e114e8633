// Static type check of a condition: every question exists, the operator accepts its type, choices exist.
import { QUESTION_TYPES } from "../answers/question-types.js";
import { OPERATORS } from "../engine/operators.js";
import type { Condition, Leaf, Operator } from "../model/condition.js";
import type { Question, QuestionType } from "../model/question.js";

/** Deepest nesting of all/any/not a condition may have. */
export const MAX_CONDITION_DEPTH = 4;

/** A problem in a condition, with the key path (relative to the condition) where it sits. */
export interface ConditionProblem {
  readonly path: (string | number)[];
  readonly code:
    | "catalog/unknown-question"
    | "catalog/operator-type"
    | "catalog/unknown-choice"
    | "catalog/condition-too-deep";
  readonly message: string;
  readonly hint?: string;
}

/** Which question types each operator can test: the question-type registry, read from the operator's side. */
export const OPERATOR_TYPES = operatorTypes();

function operatorTypes(): Record<Operator, readonly QuestionType[]> {
  const types = Object.keys(QUESTION_TYPES) as QuestionType[];
  const out = {} as Record<Operator, QuestionType[]>;
  for (const op of Object.keys(OPERATORS) as Operator[])
    out[op] = types.filter((t) => QUESTION_TYPES[t].operators.includes(op));
  return out;
}

/** Returns true when `condition` is a leaf comparison. */
export function isLeaf(condition: Condition): condition is Leaf {
  return "op" in condition;
}

/** Walks a condition and reports every reference or typing problem against the available questions. */
export function checkCondition(
  condition: Condition,
  questions: ReadonlyMap<string, Question>,
  path: (string | number)[] = [],
  depth = 0,
): ConditionProblem[] {
  if (depth > MAX_CONDITION_DEPTH) {
    return [
      {
        path,
        code: "catalog/condition-too-deep",
        message: `Condition nests deeper than ${MAX_CONDITION_DEPTH} levels`,
        hint: "Split the control, or move the logic into separate questions.",
      },
    ];
  }
  if ("all" in condition)
    return condition.all.flatMap((c, i) => checkCondition(c, questions, [...path, "all", i], depth + 1));
  if ("any" in condition)
    return condition.any.flatMap((c, i) => checkCondition(c, questions, [...path, "any", i], depth + 1));
  if ("not" in condition) return checkCondition(condition.not, questions, [...path, "not"], depth + 1);
  return checkLeaf(condition, questions, path);
}

function checkLeaf(
  leaf: Leaf,
  questions: ReadonlyMap<string, Question>,
  path: (string | number)[],
): ConditionProblem[] {
  const question = questions.get(leaf.question);
  if (!question) {
    const known = [...questions.keys()];
    return [
      {
        path: [...path, "question"],
        code: "catalog/unknown-question",
        message: `Unknown question \`${leaf.question}\`, expected one of ${known.map((k) => `\`${k}\``).join(", ")}`,
      },
    ];
  }
  if (!OPERATOR_TYPES[leaf.op].includes(question.type)) {
    return [
      {
        path: [...path, "op"],
        code: "catalog/operator-type",
        message: `Operator \`${leaf.op}\` cannot test \`${leaf.question}\` (a ${question.type} question)`,
        hint: `Use one of: ${operatorsFor(question.type).join(", ")}.`,
      },
    ];
  }
  if (leaf.op === "answered") return [];
  return [...checkValueType(leaf, question, path), ...checkChoices(leaf, question, path)];
}

/** A leaf that compares the answer with a value (every operator but `answered`). */
type ValuedLeaf = Exclude<Leaf, { op: "answered" }>;

/** A leaf's value that is not of the type its question's answers have. */
function wrongType(
  leaf: ValuedLeaf,
  question: Question,
  path: (string | number)[],
  wanted: string,
): ConditionProblem {
  return {
    path: [...path, "value"],
    code: "catalog/operator-type",
    message: `Unexpected ${JSON.stringify(leaf.value)} for a ${question.type} question, expected ${wanted}`,
  };
}

/** The value compared with must be the literal the question's type allows (the registry says which). */
function checkValueType(leaf: ValuedLeaf, question: Question, path: (string | number)[]): ConditionProblem[] {
  const literal = QUESTION_TYPES[question.type].literal;
  if (!literal || leaf.op === "within_days" || leaf.op === "selected_at_least") return [];
  return literal.test(leaf.value) ? [] : [wrongType(leaf, question, path, literal.words)];
}

/** Every choice a leaf names must be one of its question's choices. */
function checkChoices(leaf: ValuedLeaf, question: Question, path: (string | number)[]): ConditionProblem[] {
  if (question.type !== "single_choice" && question.type !== "multiple_choice") return [];
  const value = leaf.value;
  const problems: ConditionProblem[] = [];
  const choices = question.choices.map((c) => c.value);
  const named = typeof value === "string" ? [value] : Array.isArray(value) ? value : [];
  if (leaf.op !== "selected_at_least" && named.length === 0)
    problems.push(wrongType(leaf, question, path, "a choice value"));
  for (const name of named) {
    if (!choices.includes(name)) {
      problems.push({
        path: [...path, "value"],
        code: "catalog/unknown-choice",
        message: `Unknown choice \`${name}\` for \`${leaf.question}\`, expected one of ${choices.map((c) => `\`${c}\``).join(", ")}`,
      });
    }
  }
  return problems;
}

function operatorsFor(type: QuestionType): Operator[] {
  return (Object.keys(OPERATOR_TYPES) as Operator[]).filter((op) => OPERATOR_TYPES[op].includes(type));
}
