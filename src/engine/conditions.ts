// Evaluates a condition tree and records every node as an explanation check.
import type { Condition } from "../model/condition.js";
import type { Check } from "../model/result.js";
import { applyOperator } from "./operators.js";

/** How a condition sees answers: the value given (undefined when unanswered) and the question's text. */
export interface AnswerLookup {
  value(question: string): unknown;
  text(question: string): string | undefined;
}

/** The outcome of a condition, with its explanation in pre-order. */
export interface ConditionOutcome {
  readonly passed: boolean;
  readonly checks: Check[];
}

/** Evaluates `condition` against answers. Every leaf is evaluated (no short-circuit) so the explanation is complete. */
export function evaluateCondition(
  condition: Condition,
  answers: AnswerLookup,
  asOf: string,
  rule: Check["rule"],
): ConditionOutcome {
  const checks: Check[] = [];
  const walk = (node: Condition, depth: number): boolean => {
    if ("op" in node) {
      const answer = answers.value(node.question);
      const answered = answer !== undefined;
      const outcome = applyOperator(node, answer, asOf);
      checks.push({
        rule,
        depth,
        kind: "leaf",
        passed: outcome.passed,
        question: node.question,
        question_text: answers.text(node.question),
        op: node.op,
        expected: outcome.expected,
        answer,
        answered,
      });
      return outcome.passed;
    }
    const index = checks.length;
    const kind = "all" in node ? "all" : "any" in node ? "any" : "not";
    checks.push({ rule, depth, kind, passed: false });
    let passed: boolean;
    if ("all" in node) passed = node.all.map((c) => walk(c, depth + 1)).every(Boolean);
    else if ("any" in node) passed = node.any.map((c) => walk(c, depth + 1)).some(Boolean);
    else passed = !walk(node.not, depth + 1);
    checks[index] = { rule, depth, kind, passed };
    return passed;
  };
  const passed = walk(condition, 0);
  return { passed, checks };
}

/** Every question a condition names, in order of first mention. */
export function questionsOf(condition: Condition | undefined): string[] {
  if (!condition) return [];
  const found = new Set<string>();
  const walk = (node: Condition) => {
    if ("op" in node) found.add(node.question);
    else if ("all" in node) node.all.forEach(walk);
    else if ("any" in node) node.any.forEach(walk);
    else walk(node.not);
  };
  walk(condition);
  return [...found];
}
