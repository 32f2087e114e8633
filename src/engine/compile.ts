// Compiles a catalog once into closures and indexes, so evaluating many answers files repeats no catalog work.
import type { Catalog } from "../model/catalog.js";
import type { Condition, Leaf } from "../model/condition.js";
import type { Control } from "../model/control.js";
import type { Question } from "../model/question.js";
import type { Check } from "../model/result.js";
import { operatorOf } from "./operators.js";
import { riskBase } from "./scoring.js";

/** Answers of one control (or the profile) by question id; null and absent both mean unanswered. */
export type Values = Readonly<Record<string, unknown>>;

/** A condition compiled to a closure that appends its explanation to `out` and returns whether it holds. */
export type CompiledCondition = (values: Values, asOf: string, out: Check[], depth: number) => boolean;

/** Everything evaluation needs about one control that does not depend on the answers. */
export interface CompiledControl {
  readonly control: Control;
  readonly incidents: string[];
  readonly blocks: { incident: string; step: string }[];
  readonly limits: { incident: string; step: string }[];
  /** Severity weight × breadth: the answer-independent part of the control's risk. */
  readonly riskBase: number;
  readonly ruleQuestions: readonly string[];
  readonly appliesQuestions: readonly string[];
  readonly met: CompiledCondition;
  readonly partiallyMet?: CompiledCondition;
  readonly appliesIf?: CompiledCondition;
}

/** A compiled catalog. */
export interface CompiledCatalog {
  readonly controls: readonly CompiledControl[];
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

function answerOf(values: Values, id: string): unknown {
  const value = Object.hasOwn(values, id) ? values[id] : undefined;
  return value === null ? undefined : value;
}

function compileLeaf(leaf: Leaf, rule: Check["rule"], questions: readonly Question[]): CompiledCondition {
  const op = operatorOf(leaf);
  const text = questions.find((q) => q.id === leaf.question)?.text;
  const fixedExpectation = op.datedExpectation ? undefined : op.expect(leaf, "");
  return (values, asOf, out, depth) => {
    const answer = answerOf(values, leaf.question);
    const passed = op.test(answer, leaf, asOf);
    const expected = fixedExpectation ?? op.expect(leaf, asOf);
    out.push({
      rule,
      depth,
      kind: "leaf",
      passed,
      question: leaf.question,
      question_text: text,
      op: leaf.op,
      expected,
      answer,
      answered: answer !== undefined,
    });
    return passed;
  };
}

/** Compiles a condition tree. Every leaf runs (no short-circuit) so the explanation is complete. */
export function compileCondition(
  condition: Condition,
  rule: Check["rule"],
  questions: readonly Question[],
): CompiledCondition {
  if ("op" in condition) return compileLeaf(condition, rule, questions);
  const kind = "all" in condition ? "all" : "any" in condition ? "any" : "not";
  const children = (
    "all" in condition ? condition.all : "any" in condition ? condition.any : [condition.not]
  ).map((c) => compileCondition(c, rule, questions));
  return (values, asOf, out, depth) => {
    // The group node goes first (pre-order); it is created here, so setting its outcome afterwards is safe.
    const node: Check = { rule, depth, kind, passed: false };
    out.push(node);
    let some = false;
    let every = true;
    for (const child of children) {
      if (child(values, asOf, out, depth + 1)) some = true;
      else every = false;
    }
    node.passed = kind === "all" ? every : kind === "any" ? some : !some;
    return node.passed;
  };
}

function compileControl(control: Control, profile: readonly Question[]): CompiledControl {
  const incidents = [...new Set([...Object.keys(control.blocks), ...Object.keys(control.limits)])].sort();
  const steps = (relation: Record<string, string[]>) =>
    incidents.flatMap((incident) => (relation[incident] ?? []).map((step) => ({ incident, step })));
  const blocks = steps(control.blocks);
  const limits = steps(control.limits);
  return {
    control,
    incidents,
    blocks,
    limits,
    riskBase: riskBase({ severity: control.severity, incidents, blocks, limits }),
    ruleQuestions: [
      ...new Set([...questionsOf(control.rule.met), ...questionsOf(control.rule.partially_met)]),
    ],
    appliesQuestions: questionsOf(control.applies_if),
    met: compileCondition(control.rule.met, "met", control.questions),
    partiallyMet:
      control.rule.partially_met &&
      compileCondition(control.rule.partially_met, "partially_met", control.questions),
    appliesIf: control.applies_if && compileCondition(control.applies_if, "applies_if", profile),
  };
}

// Catalog data is immutable, so a compiled form can be reused for as long as its source object lives.
const catalogCache = new WeakMap<Catalog, CompiledCatalog>();
const controlCache = new WeakMap<Control, CompiledControl>();

/** Compiles one control, reusing the compiled form for the same control object. */
export function compileControlCached(control: Control, profile: readonly Question[]): CompiledControl {
  let compiled = controlCache.get(control);
  if (!compiled) {
    compiled = compileControl(control, profile);
    controlCache.set(control, compiled);
  }
  return compiled;
}

/** Compiles a catalog, reusing the compiled form for the same catalog object. */
export function compileCatalog(catalog: Catalog): CompiledCatalog {
  let compiled = catalogCache.get(catalog);
  if (!compiled) {
    compiled = { controls: catalog.controls.map((c) => compileControlCached(c, catalog.profile)) };
    catalogCache.set(catalog, compiled);
  }
  return compiled;
}
