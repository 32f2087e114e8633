// Times one rules engine over the synthetic 1,000-control catalog in a process of its own, so the garbage one
// engine leaves behind never lands in the other's numbers. Usage: node bench/engine-timing.mjs ours|decisions|jre
import { Engine } from "json-rules-engine";
import { compileCatalog } from "../dist/engine/compile.js";
import { evaluateCompiled } from "../dist/engine/evaluate-control.js";
import { evaluate } from "../dist/index.js";
import { time } from "./stats.mjs";
import { syntheticAnswers, syntheticCatalog } from "./synthetic.mjs";

export const BATCH = 20;

function toRulesEngine(condition, controlId) {
  if (condition.all) return { all: condition.all.map((c) => toRulesEngine(c, controlId)) };
  if (condition.any) return { any: condition.any.map((c) => toRulesEngine(c, controlId)) };
  const fact = `${controlId}.${condition.question}`;
  switch (condition.op) {
    case "at_least":
      return { fact, operator: "greaterThanInclusive", value: condition.value };
    case "at_most":
      return { fact, operator: "lessThanInclusive", value: condition.value };
    case "one_of":
      return { fact, operator: "in", value: condition.value };
    case "includes_all":
      return { all: condition.value.map((v) => ({ fact, operator: "contains", value: v })) };
    default:
      throw new Error(`untranslated operator ${condition.op}`);
  }
}

// json-rules-engine wants all/any at the root of a rule.
const rootOf = (condition, id) => {
  const translated = toRulesEngine(condition, id);
  return translated.all || translated.any ? translated : { all: [translated] };
};

/** The same catalog's met and partially-met rules, translated for json-rules-engine. */
export function rulesEngineFor(catalog) {
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const c of catalog.controls) {
    engine.addRule({ conditions: rootOf(c.rule.met, c.id), event: { type: "met", params: { id: c.id } } });
    engine.addRule({
      conditions: rootOf(c.rule.partially_met, c.id),
      event: { type: "partial", params: { id: c.id } },
    });
  }
  return engine;
}

/** Runs json-rules-engine over one answers object; returns the ids it found met and partially met. */
export async function runRulesEngine(engine, answers) {
  const facts = {};
  for (const [id, answer] of Object.entries(answers.answers)) {
    for (const [q, v] of Object.entries(answer.responses)) facts[`${id}.${q}`] = v;
  }
  const { events } = await engine.run(facts);
  const met = new Set();
  const partial = new Set();
  for (const e of events) (e.type === "met" ? met : partial).add(e.params.id);
  return { met, partial };
}

/** The catalog and the batch of answers every engine is timed on. */
export function workload() {
  const catalog = syntheticCatalog(1000);
  return { catalog, batch: Array.from({ length: BATCH }, (_, i) => syntheticAnswers(catalog, i + 1)) };
}

async function measure(which) {
  const { catalog, batch } = workload();
  if (which === "jre") {
    const engine = rulesEngineFor(catalog);
    return time(
      async () => {
        for (const a of batch) await runRulesEngine(engine, a);
      },
      { warmup: 2, samples: 9 },
    );
  }
  if (which === "ours") {
    return time(
      () => {
        for (const a of batch) evaluate(catalog, a);
      },
      { warmup: 20, samples: 41 },
    );
  }
  const compiled = compileCatalog(catalog);
  return time(
    () => {
      for (const a of batch) {
        for (let p = 0; p < compiled.controls.length; p++) {
          const c = compiled.controls[p];
          evaluateCompiled(c, a.answers[c.control.id], a.profile, "2026-06-30", compiled.facts[p]);
        }
      }
    },
    { warmup: 20, samples: 41 },
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const t = await measure(process.argv[2]);
  process.stdout.write(JSON.stringify(t));
}
