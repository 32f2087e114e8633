// Core benchmarks: start-up and report run vs `node -e 0`, evaluate() vs json-rules-engine, Markdown render, YAML floor.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { LineCounter, parseDocument, stringify } from "yaml";
import { buildReportModel, evaluate, loadTemplates, renderMarkdown } from "../../dist/index.js";
import { BATCH, rulesEngineFor, runRulesEngine, workload } from "../engine-timing.mjs";
import { summarize, time, timeProcess } from "../stats.mjs";

/** Times one engine in a fresh process (see bench/engine-timing.mjs); returns the median ms per answers file. */
function timeEngine(which) {
  const out = execFileSync(process.execPath, [
    fileURLToPath(new URL("../engine-timing.mjs", import.meta.url)),
    which,
  ]);
  return JSON.parse(String(out)).median_ms / BATCH;
}

// Each engine runs in this many fresh processes, interleaved: V8 settles into a fast or a slow garbage-collection
// mode per process, so one process per engine made the ratio a coin toss.
const ROUNDS = 5;

/** Median, min and max over rounds of process medians; and the same of the per-round ratio `theirs / ours`. */
function acrossRounds(ours, theirs) {
  const ratios = ours.map((o, i) => theirs[i] / o);
  return { time: summarize(ours), ratio: summarize(ratios) };
}

const range = (s, digits = 0) =>
  `${s.median_ms.toFixed(digits)}× (${s.min_ms.toFixed(digits)}–${s.max_ms.toFixed(digits)})`;

export async function run() {
  const rows = [];
  const node = timeProcess(process.execPath, ["-e", "0"]);
  const help = timeProcess(process.execPath, ["dist/bundle/vaspcheck.js", "--help"]);
  const report = timeProcess(process.execPath, [
    "dist/bundle/vaspcheck.js",
    "report",
    "examples/dmm-like-exchange.yaml",
  ]);
  rows.push({ name: "process: node -e 0", ...node });
  rows.push({
    name: "process: vaspcheck --help",
    ...help,
    note: `${(help.median_ms / node.median_ms).toFixed(2)}× node -e 0 (target ≤ 2×)`,
  });
  rows.push({
    name: "process: report dmm-like (md)",
    ...report,
    note: `${(report.median_ms / node.median_ms).toFixed(2)}× node -e 0 (target ≤ 4×)`,
  });

  const { catalog, batch } = workload();
  const engine = rulesEngineFor(catalog);
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
  const times = { ours: [], decisions: [], jre: [] };
  for (let round = 0; round < ROUNDS; round++)
    for (const which of Object.keys(times)) times[which].push(timeEngine(which));
  const full = acrossRounds(times.ours, times.jre);
  const decisions = acrossRounds(times.decisions, times.jre);
  rows.push({
    name: "evaluate(): 1,000 controls, per answers file",
    ...full.time,
    note: `full evaluation (statuses, roll-ups, replay, frameworks): ${range(full.ratio)} faster than json-rules-engine`,
  });
  rows.push({
    name: "rule decisions only (status + explanation), per file",
    ...decisions.time,
    note: `${range(decisions.ratio)} faster than json-rules-engine (target ≥ 50×)`,
  });
  rows.push({
    name: "json-rules-engine: same rules, per answers file",
    ...summarize(times.jre),
    note: `median (min–max) of ${ROUNDS} interleaved processes per engine`,
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
    note: `${(text.length / 1024).toFixed(0)} KiB; evaluation is ${(parse.median_ms / full.time.median_ms).toFixed(1)}× faster than parsing`,
  });
  rmSync(dir, { recursive: true, force: true });
  return rows;
}
