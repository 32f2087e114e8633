// Compiles a catalog once into closures and indexes, so evaluating many answers files repeats no catalog work.
import type { Catalog } from "../model/catalog.js";
import type { Condition, Leaf } from "../model/condition.js";
import type { Control } from "../model/control.js";
import type { Question } from "../model/question.js";
import type { Check, ControlResult } from "../model/result.js";
import { type Implication, implicationsOf } from "./implied.js";
import { operatorOf } from "./operators.js";
import { type CatalogPlan, planCatalog } from "./plan.js";
import { riskBase } from "./scoring.js";

/** Answers of one control (or the profile) by question id; null and absent both mean unanswered. */
export type Values = Readonly<Record<string, unknown>>;

/** Answers of the questions a condition reads, by position in its question list; undefined means unanswered. */
export type Slots = readonly unknown[];

/** A condition compiled to a closure that returns whether it holds and writes its explanation. */
export interface CompiledCondition {
  /** How many explanation nodes `run` writes. */
  readonly size: number;
  /** Evaluates the condition, writing its explanation in pre-order to `out[at]` … `out[at + size - 1]`. */
  readonly run: (slots: Slots, asOf: string, out: Check[], at: number) => boolean;
}

/** Everything evaluation needs about one control that does not depend on the answers. */
export interface CompiledControl {
  readonly control: Control;
  /** The questions `met` and `partiallyMet` read, in slot order. */
  readonly ruleQuestions: readonly string[];
  /** The profile questions `appliesIf` reads, in slot order. */
  readonly appliesQuestions: readonly string[];
  /** Choices of the rule questions that the profile's answers imply. */
  readonly implied: readonly Implication[];
  readonly met: CompiledCondition;
  readonly partiallyMet?: CompiledCondition;
  readonly appliesIf?: CompiledCondition;
}

/** What a control does in the catalog's attack chains: answer-independent facts that evaluation copies into results. */
export interface ControlFacts {
  /** Incidents with a step this control counters, sorted. */
  readonly incidents: string[];
  readonly counters: ControlResult["counters"];
  /** Severity weight × (1 + ½ per incident): the answer-independent part of the control's risk. */
  readonly riskBase: number;
}

/** Facts of a control judged outside any catalog (a worked example): it counters nothing. */
export function factsAlone(control: Control): ControlFacts {
  return { incidents: [], counters: [], riskBase: riskBase(control.severity, 0) };
}

/** A compiled catalog: its controls in catalog order, with the indexes and id lists every evaluation shares. */
export interface CompiledCatalog {
  readonly controls: readonly CompiledControl[];
  /** Per control position. */
  readonly facts: readonly ControlFacts[];
  readonly plan: CatalogPlan;
  /** Each control's rank among the sorted control ids, by position: the last tie-break of the gap list. */
  readonly idRank: readonly number[];
  /** Control ids of every roll-up's members (read-only, shared by all results of this catalog). */
  readonly ids: {
    readonly all: readonly string[];
    readonly lessons: readonly (readonly string[])[];
    readonly incidents: readonly (readonly string[])[];
    readonly frameworks: readonly (readonly string[])[];
  };
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

/**
 * Reads the answers to `questions` into `slots` and returns how many are answered. Own keys only: a question id
 * such as `constructor` must not find Object.prototype's member. Null and absent both mean unanswered.
 */
export function readSlots(values: Values, questions: readonly string[], slots: unknown[]): number {
  let answered = 0;
  for (let i = 0; i < questions.length; i++) {
    const id = questions[i] as string;
    const value = Object.hasOwn(values, id) ? values[id] : undefined;
    if (value === null || value === undefined) slots[i] = undefined;
    else {
      slots[i] = value;
      answered++;
    }
  }
  return answered;
}

/** Writes a node's explanation at `out[at + index]`, where `index` is its fixed pre-order position in the tree. */
type CompiledNode = (slots: Slots, asOf: string, out: Check[], at: number) => boolean;

function compileLeaf(
  leaf: Leaf,
  rule: Check["rule"],
  questions: readonly Question[],
  slotOf: readonly string[],
  depth: number,
  index: number,
): CompiledNode {
  const op = operatorOf(leaf);
  const text = questions.find((q) => q.id === leaf.question)?.text;
  const fixedExpectation = op.datedExpectation ? undefined : op.expect(leaf, "");
  const slot = slotOf.indexOf(leaf.question);
  const literal = "value" in leaf ? leaf.value : undefined;
  return (slots, asOf, out, at) => {
    const answer = slots[slot];
    const passed = op.test(answer, leaf, asOf);
    out[at + index] = {
      rule,
      depth,
      kind: "leaf",
      passed,
      question: leaf.question,
      question_text: text,
      op: leaf.op,
      expected: fixedExpectation ?? op.expect(leaf, asOf),
      value: literal,
      ...(leaf.because === undefined ? {} : { because: leaf.because }),
      answer,
      answered: answer !== undefined,
    };
    return passed;
  };
}

function compileNode(
  condition: Condition,
  rule: Check["rule"],
  questions: readonly Question[],
  slotOf: readonly string[],
  depth: number,
  counter: { next: number },
): CompiledNode {
  const index = counter.next++;
  if ("op" in condition) return compileLeaf(condition, rule, questions, slotOf, depth, index);
  const kind = "all" in condition ? "all" : "any" in condition ? "any" : "not";
  const children = (
    "all" in condition ? condition.all : "any" in condition ? condition.any : [condition.not]
  ).map((c) => compileNode(c, rule, questions, slotOf, depth + 1, counter));
  return (slots, asOf, out, at) => {
    let some = false;
    let every = true;
    for (let i = 0; i < children.length; i++) {
      if ((children[i] as CompiledNode)(slots, asOf, out, at)) some = true;
      else every = false;
    }
    const passed = kind === "all" ? every : kind === "any" ? some : !some;
    // Indexed writes keep pre-order even though the group node is written after its children.
    out[at + index] = { rule, depth, kind, passed };
    return passed;
  };
}

/** Compiles a condition tree. Every leaf runs (no short-circuit) so the explanation is complete. */
export function compileCondition(
  condition: Condition,
  rule: Check["rule"],
  questions: readonly Question[],
  slotOf: readonly string[],
): CompiledCondition {
  const counter = { next: 0 };
  const run = compileNode(condition, rule, questions, slotOf, 0, counter);
  return { run, size: counter.next };
}

function compileControl(control: Control, profile: readonly Question[]): CompiledControl {
  const ruleQuestions = [
    ...new Set([...questionsOf(control.rule.met), ...questionsOf(control.rule.partially_met)]),
  ];
  const appliesQuestions = questionsOf(control.applies_if);
  return {
    control,
    ruleQuestions,
    appliesQuestions,
    implied: implicationsOf(control, ruleQuestions),
    met: compileCondition(control.rule.met, "met", control.questions, ruleQuestions),
    partiallyMet:
      control.rule.partially_met &&
      compileCondition(control.rule.partially_met, "partially_met", control.questions, ruleQuestions),
    appliesIf:
      control.applies_if && compileCondition(control.applies_if, "applies_if", profile, appliesQuestions),
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
    const plan = planCatalog(catalog);
    const id = (position: number) => catalog.controls[position]?.id as string;
    const sorted = catalog.controls
      .map((c, position) => ({ id: c.id, position }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    const idRank: number[] = [];
    sorted.forEach((entry, rank) => {
      idRank[entry.position] = rank;
    });
    compiled = {
      controls: catalog.controls.map((c) => compileControlCached(c, catalog.profile)),
      facts: factsOf(catalog),
      plan,
      idRank,
      // Frozen: every result of this catalog shares these lists, so one consumer's edit must not reach the others.
      ids: {
        all: Object.freeze(plan.all.map(id)),
        lessons: plan.lessons.map((members) => Object.freeze(members.map(id))),
        incidents: plan.incidents.map((members) => Object.freeze(members.map(id))),
        frameworks: plan.frameworks.map((f) => Object.freeze(f.members.map(id))),
      },
    };
    catalogCache.set(catalog, compiled);
  }
  return compiled;
}

/** Every control's part in the catalog's attack chains, by position. */
function factsOf(catalog: Catalog): ControlFacts[] {
  const counters = new Map<string, ControlResult["counters"]>(catalog.controls.map((c) => [c.id, []]));
  for (const incident of catalog.incidents)
    for (const step of incident.attack_chain)
      for (const cm of step.countermeasures)
        for (const id of cm.controls)
          counters.get(id)?.push({
            incident: incident.id,
            step: step.id,
            effect: cm.effect,
            with: cm.controls.filter((other) => other !== id),
          });
  return catalog.controls.map((control) => {
    const list = counters.get(control.id) ?? [];
    const incidents = [...new Set(list.map((c) => c.incident))].sort();
    return { incidents, counters: list, riskBase: riskBase(control.severity, incidents.length) };
  });
}
