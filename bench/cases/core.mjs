// Core benchmarks: start-up and report run vs `node -e 0`, evaluate() vs json-rules-engine, Markdown render, YAML floor.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Engine } from "json-rules-engine";
import { LineCounter, parseDocument, stringify } from "yaml";
import { compileCatalog } from "../../dist/engine/compile.js";
import { evaluateCompiled } from "../../dist/engine/evaluate-control.js";
import { buildReportModel, evaluate, loadTemplates, renderMarkdown } from "../../dist/index.js";
import { time, timeProcess } from "../stats.mjs";
import { syntheticAnswers, syntheticCatalog } from "../synthetic.mjs";

const BATCH = 20;

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

async function runRulesEngine(engine, answers) {
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

export async function run() {
  const rows = [];
  const node = timeProcess(process.execPath, ["-e", "0"]);
  const help = timeProcess(process.execPath, ["dist/cli/bin.js", "--help"]);
  const report = timeProcess(process.execPath, [
    "dist/cli/bin.js",
    "report",
    "examples/dmm-like-exchange.yaml",
  ]);
  rows.push({ name: "process: node -e 0", ...node });
  rows.push({
    name: "process: vaspcheck --help",
    ...help,
    note: `${(help.median_ms / node.median_ms).toFixed(2)}× node -e 0 (target ≤ 3×)`,
  });
  rows.push({
    name: "process: report dmm-like (md)",
    ...report,
    note: `${(report.median_ms / node.median_ms).toFixed(2)}× node -e 0 (target ≤ 8×)`,
  });

  const catalog = syntheticCatalog(1000);
  const batch = Array.from({ length: BATCH }, (_, i) => syntheticAnswers(catalog, i + 1));
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const c of catalog.controls) {
    engine.addRule({ conditions: rootOf(c.rule.met, c.id), event: { type: "met", params: { id: c.id } } });
    engine.addRule({
      conditions: rootOf(c.rule.partially_met, c.id),
      event: { type: "partial", params: { id: c.id } },
    });
  }
  // Both engines must agree before their speed means anything.
  for (const answers of batch) {
    const ours = evaluate(catalog, answers);
    const theirs = await runRulesEngine(engine, answers);
    for (const r of ours.controls) {
      const expected = theirs.met.has(r.control_id)
        ? "met"
        : theirs.partial.has(r.control_id)
          ? "partially_met"
          : "not_met";
      if (r.status !== expected)
        throw new Error(`engines disagree on ${r.control_id}: ${r.status} vs ${expected}`);
    }
  }
  const ours = await time(
    () => {
      for (const a of batch) evaluate(catalog, a);
    },
    { samples: 10 },
  );
  const theirs = await time(
    async () => {
      for (const a of batch) await runRulesEngine(engine, a);
    },
    { warmup: 1, samples: 5 },
  );
  const compiled = compileCatalog(catalog);
  const decisions = await time(
    () => {
      for (const a of batch) {
        for (const c of compiled.controls)
          evaluateCompiled(c, a.answers[c.control.id], a.profile, "2026-06-30");
      }
    },
    { samples: 10 },
  );
  const per = (t) => ({ median_ms: t.median_ms / BATCH, min_ms: t.min_ms / BATCH, max_ms: t.max_ms / BATCH });
  rows.push({
    name: "evaluate(): 1,000 controls, per answers file",
    ...per(ours),
    note: "full evaluation: statuses, roll-ups, replay, frameworks",
  });
  rows.push({
    name: "rule decisions only (status + explanation), per file",
    ...per(decisions),
    note: `${(theirs.median_ms / decisions.median_ms).toFixed(0)}× faster than json-rules-engine`,
  });
  rows.push({
    name: "json-rules-engine: same rules, per answers file",
    ...per(theirs),
    note: `full evaluate() is ${(theirs.median_ms / ours.median_ms).toFixed(0)}× faster (target ≥ 50×)`,
  });

  const evaluation = evaluate(catalog, batch[0]);
  const model = buildReportModel(evaluation, catalog, {
    answersFile: "bench.yaml",
    answersSha256: "0".repeat(64),
    vaspcheckVersion: "bench",
  });
  const templates = await loadTemplates();
  const md = renderMarkdown(model, templates);
  rows.push({
    name: "Markdown render: 1,000 controls",
    ...(await time(() => renderMarkdown(model, templates), { samples: 10 })),
    note: `${(md.length / 1024).toFixed(0)} KiB output`,
  });

  const dir = mkdtempSync(join(tmpdir(), "vaspcheck-bench-"));
  const path = join(dir, "answers.yaml");
  const text = stringify(batch[0], { lineWidth: 0 });
  writeFileSync(path, text);
  const parse = await time(() => parseDocument(text, { lineCounter: new LineCounter() }).toJS(), {
    samples: 10,
  });
  rows.push({
    name: "floor: yaml parse of the same answers",
    ...parse,
    note: `${(text.length / 1024).toFixed(0)} KiB; evaluation is ${(parse.median_ms / (ours.median_ms / BATCH)).toFixed(1)}× faster than parsing`,
  });
  rmSync(dir, { recursive: true, force: true });
  return rows;
}
