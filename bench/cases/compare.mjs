// Bench: `vaspcheck compare` over 1,000 synthetic submissions against the shipped catalog, against the rate of
// merely parsing the same files (read + yaml parseDocument with a LineCounter, one thread).
// Target (issue 5): compare rate with workers ≥ 0.9 × parse-only rate × cores.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import jsyaml from "js-yaml";
import { LineCounter, parseDocument } from "yaml";
import { DEFAULT_CATALOG_DIR } from "../../dist/catalog/default-catalog.js";
import { loadCatalog } from "../../dist/catalog/load-catalog.js";
import { compareFiles } from "../../dist/pipeline/compare-files.js";
import { summarize } from "../stats.mjs";
import { writeSubmissions } from "../submissions.mjs";

const FILES = 1000;
const RUNS = 5;

// The parser compare reads valid submissions with (positions come from `yaml` only when a file is invalid).
function parseOnlyFast(files) {
  for (const f of files) jsyaml.load(readFileSync(f, "utf8"), { schema: jsyaml.CORE_SCHEMA });
}

function parseOnly(files) {
  for (const f of files) parseDocument(readFileSync(f, "utf8"), { lineCounter: new LineCounter() });
}

async function timed(fn) {
  const ms = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    await fn();
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return summarize(ms);
}

/**
 * Parses all files on `threads` bare worker threads (no vaspcheck code), each taking an equal share: what this
 * machine's cores deliver right now. On a shared or throttled VM this is below `threads ×` the one-thread rate.
 */
async function parseOnThreads(dir, files, threads) {
  const script = join(dir, "parse-thread.mjs");
  writeFileSync(
    script,
    `import { readFileSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { LineCounter, parseDocument } from ${JSON.stringify(import.meta.resolve("yaml"))};
for (const f of workerData) parseDocument(readFileSync(f, "utf8"), { lineCounter: new LineCounter() });
parentPort.postMessage("done");\n`,
  );
  const share = Math.ceil(files.length / threads);
  await Promise.all(
    Array.from({ length: threads }, (_, i) => {
      const worker = new Worker(script, { workerData: files.slice(i * share, (i + 1) * share) });
      return new Promise((resolve, reject) => {
        worker.once("message", resolve);
        worker.once("error", reject);
      }).finally(() => worker.terminate());
    }),
  );
}

/**
 * Memory of a fresh process comparing `files`: the main thread's live heap (after a forced GC) when a quarter
 * and when all of the submissions are in, which shows what each processed submission leaves behind, and the
 * peak RSS of the whole process (worker threads included).
 */
function memory(dir, files, jobs) {
  const script = join(dir, "memory.mjs");
  writeFileSync(
    script,
    `import { compareFiles } from ${JSON.stringify(new URL("../../dist/pipeline/compare-files.js", import.meta.url).href)};
const files = JSON.parse(process.argv[2]);
const heap = {};
const r = await compareFiles({
  inputs: files,
  jobs: ${jobs},
  onProgress(done, total) {
    if (done === Math.round(total / 4) || done === total) { globalThis.gc(); heap[done] = process.memoryUsage().heapUsed; }
  },
});
if (!r.ok) process.exit(1);
process.stdout.write(JSON.stringify({ heap, rss: process.resourceUsage().maxRSS }));\n`,
  );
  const out = execFileSync(process.execPath, ["--expose-gc", script, JSON.stringify(files)]);
  return JSON.parse(String(out));
}

/** The comparison benchmark rows. */
export async function run() {
  const loaded = await loadCatalog(DEFAULT_CATALOG_DIR);
  if (!loaded.catalog) throw new Error("the shipped catalog does not load");
  const dir = mkdtempSync(join(tmpdir(), "vaspcheck-bench-compare-"));
  mkdirSync(dir, { recursive: true });
  try {
    const { files, bytes } = writeSubmissions(loaded.catalog, dir, FILES);
    const cores = availableParallelism();
    const rate = (ms) => FILES / (ms / 1000);
    parseOnly(files.slice(0, 100));
    const parse = await timed(() => parseOnly(files));
    const fastParse = await timed(() => parseOnlyFast(files));
    const threads = await timed(() => parseOnThreads(dir, files, cores));
    const single = await timed(() => compareFiles({ inputs: [dir], jobs: 0 }));
    const pooled = await timed(() => compareFiles({ inputs: [dir], jobs: cores }));
    const parseRate = rate(parse.median_ms);
    const singleRate = rate(single.median_ms);
    const pooledRate = rate(pooled.median_ms);
    const threadsRate = rate(threads.median_ms);
    const target = 0.9 * parseRate * cores;
    const mem = memory(dir, files, cores);
    const quarter = mem.heap[String(FILES / 4)];
    const full = mem.heap[String(FILES)];
    const kb = Math.round(bytes / FILES / 102.4) / 10;
    return [
      {
        name: `parse only: read + yaml parseDocument, ${FILES} files (${kb} KB avg), 1 thread`,
        ...parse,
        note: `${parseRate.toFixed(0)} files/s (${(bytes / 1e6 / (parse.median_ms / 1000)).toFixed(2)} MB/s)`,
      },
      {
        name: `parse only: read + js-yaml load (core schema), 1 thread`,
        ...fastParse,
        note: `${rate(fastParse.median_ms).toFixed(0)} files/s; compare in one thread runs at ${(singleRate / rate(fastParse.median_ms)).toFixed(2)}× this rate`,
      },
      {
        name: `parse only on ${cores} bare worker threads (what the cores deliver now)`,
        ...threads,
        note: `${threadsRate.toFixed(0)} files/s = ${(threadsRate / parseRate).toFixed(2)}× one thread (ideal ${cores}×)`,
      },
      {
        name: `compare --jobs 0 (this thread), ${loaded.catalog.controls.length} controls`,
        ...single,
        note: `${singleRate.toFixed(0)} files/s = ${(singleRate / parseRate).toFixed(2)}× parse-only`,
      },
      {
        name: `compare --jobs ${cores} (worker threads)`,
        ...pooled,
        note: `${pooledRate.toFixed(0)} files/s = ${(pooledRate / parseRate).toFixed(2)}× parse-only; target ≥ 0.9 × ${cores} = ${(0.9 * cores).toFixed(1)}× (${target.toFixed(0)} files/s): ${pooledRate >= target ? "met" : `${((100 * pooledRate) / target).toFixed(0)}% of target`}; ${(pooledRate / threadsRate).toFixed(2)}× bare ${cores}-thread parsing`,
      },
      {
        name: `memory, compare ${FILES} files, ${cores} workers`,
        note: `main-thread live heap ${(quarter / 2 ** 20).toFixed(1)} MiB after ${FILES / 4} files, ${(full / 2 ** 20).toFixed(1)} MiB after ${FILES} (${((full - quarter) / 1024 / (FILES - FILES / 4)).toFixed(2)} KiB kept per submission); peak RSS ${(mem.rss / 1024).toFixed(0)} MiB`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
