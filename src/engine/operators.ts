// The closed operator table: each operator is a pure function of the answer, the literal and the as-of date.
import type { Leaf, Operator } from "../model/condition.js";
import { daysBetween } from "./dates.js";

/** What one operator says about one answer. */
export interface OperatorOutcome {
  readonly passed: boolean;
  /** What the rule wanted, in words. */
  readonly expected: string;
}

type Apply<L extends Leaf> = (answer: unknown, leaf: L, asOf: string) => OperatorOutcome;
type Table = { [K in Operator]: Apply<Extract<Leaf, { op: K }>> };

const list = (values: readonly string[]) => values.join(", ");
const selected = (answer: unknown): string[] => (Array.isArray(answer) ? answer.map(String) : []);

/** Every operator vaspcheck knows. Adding one means adding it here, to the schema and to the type table. */
export const OPERATORS: Table = {
  equals: (answer, leaf) => ({ passed: answer === leaf.value, expected: `= ${String(leaf.value)}` }),
  not_equals: (answer, leaf) => ({
    passed: answer !== undefined && answer !== leaf.value,
    expected: `≠ ${String(leaf.value)}`,
  }),
  one_of: (answer, leaf) => ({
    passed: typeof answer === "string" && leaf.value.includes(answer),
    expected: `one of ${list(leaf.value)}`,
  }),
  includes: (answer, leaf) => ({
    passed: selected(answer).includes(leaf.value),
    expected: `includes ${leaf.value}`,
  }),
  includes_all: (answer, leaf) => ({
    passed: leaf.value.every((v) => selected(answer).includes(v)),
    expected: `includes all of ${list(leaf.value)}`,
  }),
  includes_any: (answer, leaf) => ({
    passed: leaf.value.some((v) => selected(answer).includes(v)),
    expected: `includes any of ${list(leaf.value)}`,
  }),
  selected_at_least: (answer, leaf) => ({
    passed: selected(answer).length >= leaf.value,
    expected: `at least ${leaf.value} selected`,
  }),
  at_least: (answer, leaf) => ({
    passed: typeof answer === "number" && answer >= leaf.value,
    expected: `≥ ${leaf.value}`,
  }),
  at_most: (answer, leaf) => ({
    passed: typeof answer === "number" && answer <= leaf.value,
    expected: `≤ ${leaf.value}`,
  }),
  within_days: (answer, leaf, asOf) => {
    const age = typeof answer === "string" ? daysBetween(answer, asOf) : Number.NaN;
    return { passed: age >= 0 && age <= leaf.value, expected: `within ${leaf.value} days before ${asOf}` };
  },
  answered: (answer) => ({
    passed:
      answer !== undefined &&
      answer !== null &&
      answer !== "" &&
      !(Array.isArray(answer) && answer.length === 0),
    expected: "answered",
  }),
};

/** Applies a leaf's operator to an answer. */
export function applyOperator(leaf: Leaf, answer: unknown, asOf: string): OperatorOutcome {
  const apply = OPERATORS[leaf.op] as Apply<Leaf>;
  return apply(answer, leaf, asOf);
}
