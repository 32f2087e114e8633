// Evaluates a single condition tree outside a catalog (for tools and tests); catalogs use compile.ts.
import type { Condition } from "../model/condition.js";
import type { Question } from "../model/question.js";
import type { Check } from "../model/result.js";
import { compileCondition, type Values } from "./compile.js";

export { questionsOf } from "./compile.js";

/** The outcome of a condition, with its explanation in pre-order. */
export interface ConditionOutcome {
  readonly passed: boolean;
  readonly checks: Check[];
}

/** Evaluates `condition` against answers, explaining every node. */
export function evaluateCondition(
  condition: Condition,
  values: Values,
  asOf: string,
  rule: Check["rule"],
  questions: readonly Question[] = [],
): ConditionOutcome {
  const checks: Check[] = [];
  const passed = compileCondition(condition, rule, questions)(values, asOf, checks, 0);
  return { passed, checks };
}
