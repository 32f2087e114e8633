// Core benchmarks: start-up and report run vs `node -e 0`, evaluate() vs json-rules-engine, Markdown render, YAML floor.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { LineCounter, parseDocument, stringify } from "yaml";
import { buildReportModel, evaluate, loadTemplates, renderMarkdown } from "../../dist/index.js";
import { BATCH, rulesEngineFor, runRulesEngine, workload } from "../engine-timing.mjs";
import { time, timeProcess } from "../stats.mjs";

/** Times one engine in a fresh process (see bench/engine-timing.mjs). */
function timeEngine(which) {
  const out = execFileSync(process.execPath, [
    fileURLToPath(new URL("../engine-timing.mjs", import.meta.url)),
    which,
  ]);
  return JSON.parse(String(out));
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
  const ours = timeEngine("ours");
  const decisions = timeEngine("decisions");
  const theirs = timeEngine("jre");
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
