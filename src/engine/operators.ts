// The closed operator table: each operator is a pure test of the answer, plus the words for what it expects.
import type { Leaf, Operator } from "../model/condition.js";
import { daysBetween } from "../model/dates.js";

/** An operator: a test of one answer against a leaf's literal, and a description of what passes. */
interface OperatorDef<L extends Leaf> {
  test(answer: unknown, leaf: L, asOf: string): boolean;
  expect(leaf: L, asOf: string): string;
  /** True when `expect` depends on the as-of date (so it cannot be prepared once per catalog). */
  readonly datedExpectation?: boolean;
}
type Table = { [K in Operator]: OperatorDef<Extract<Leaf, { op: K }>> };

const list = (values: readonly string[]) => values.join(", ");
const selected = (answer: unknown): readonly unknown[] => (Array.isArray(answer) ? answer : []);

/** Every operator vaspcheck knows. Adding one means adding it here, to the schema and to the type table. */
export const OPERATORS: Table = {
  equals: { test: (a, l) => a === l.value, expect: (l) => `= ${String(l.value)}` },
  not_equals: { test: (a, l) => a !== undefined && a !== l.value, expect: (l) => `≠ ${String(l.value)}` },
  one_of: {
    test: (a, l) => typeof a === "string" && l.value.includes(a),
    expect: (l) => `one of ${list(l.value)}`,
  },
  includes: { test: (a, l) => selected(a).includes(l.value), expect: (l) => `includes ${l.value}` },
  includes_all: {
    test: (a, l) => {
      // A plain loop: this operator is on the evaluator's hot path, and a callback per call cost a tenth of it.
      const chosen = selected(a);
      for (const v of l.value) if (!chosen.includes(v)) return false;
      return true;
    },
    expect: (l) => `includes all of ${list(l.value)}`,
  },
  includes_any: {
    test: (a, l) => {
      const chosen = selected(a);
      for (const v of l.value) if (chosen.includes(v)) return true;
      return false;
    },
    expect: (l) => `includes any of ${list(l.value)}`,
  },
  selected_at_least: {
    test: (a, l) => selected(a).length >= l.value,
    expect: (l) => `at least ${l.value} selected`,
  },
  at_least: { test: (a, l) => typeof a === "number" && a >= l.value, expect: (l) => `≥ ${l.value}` },
  at_most: { test: (a, l) => typeof a === "number" && a <= l.value, expect: (l) => `≤ ${l.value}` },
  within_days: {
    test: (a, l, asOf) => {
      const age = typeof a === "string" ? daysBetween(a, asOf) : Number.NaN;
      return age >= 0 && age <= l.value;
    },
    expect: (l, asOf) => `within ${l.value} days before ${asOf}`,
    datedExpectation: true,
  },
  answered: {
    test: (a) => a !== undefined && a !== null && a !== "" && !(Array.isArray(a) && a.length === 0),
    expect: () => "answered",
  },
};

/** The definition of a leaf's operator, typed for that leaf. */
export function operatorOf(leaf: Leaf): OperatorDef<Leaf> {
  return OPERATORS[leaf.op] as OperatorDef<Leaf>;
}

/** Applies a leaf's operator to an answer: whether it passes and what was expected. */
export function applyOperator(
  leaf: Leaf,
  answer: unknown,
  asOf: string,
): { passed: boolean; expected: string } {
  const op = operatorOf(leaf);
  return { passed: op.test(answer, leaf, asOf), expected: op.expect(leaf, asOf) };
}
