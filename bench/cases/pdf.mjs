// PDF benchmark: the 1,000-control synthetic report rendered from dist/ — ms per page cold and warm,
// Japanese vs Latin text, Helvetica baseline, whole CLI run, and peak RSS vs RSS after imports.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { buildReportModel, evaluate } from "../../dist/index.js";
import { summarize, timeProcess } from "../stats.mjs";
import { syntheticAnswers, syntheticCatalog } from "../synthetic.mjs";

const PROCESSES = 5;
const WARM = 4;
const DIST = pathToFileURL(join(process.cwd(), "dist/")).href;

// Runs in a fresh process: what one `vaspcheck report --format pdf` pays, then warm renders.
const CHILD = `
import { readFileSync } from "node:fs";
await import(${JSON.stringify(`${DIST}index.js`)});
const { renderPdf } = await import(${JSON.stringify(`${DIST}report/pdf/render-pdf.js`)});
const [modelFile, fontMode, warmRuns] = process.argv.slice(2);
const rssAfterImport = process.memoryUsage().rss;
const model = JSON.parse(readFileSync(modelFile, "utf8"));
const rssWithModel = process.memoryUsage().rss;
const fonts = fontMode === "standard" ? { regular: "Helvetica", bold: "Helvetica-Bold", mono: "Courier" } : undefined;
let start = performance.now();
const pdf = await renderPdf(model, { fonts });
const cold = performance.now() - start;
const peak = process.resourceUsage().maxRSS * 1024;
const pages = (Buffer.from(pdf).toString("latin1").match(/\\/Type \\/Page\\n/g) ?? []).length;
const warm = [];
for (let i = 0; i < Number(warmRuns); i++) {
  start = performance.now();
  await renderPdf(model, { fonts });
  warm.push(performance.now() - start);
}
console.log(JSON.stringify({ cold, warm, pages, bytes: pdf.length, rssAfterImport, rssWithModel, peak }));
`;

function japanese(answers) {
  const copy = structuredClone(answers);
  copy.organization.name = "株式会社ベンチマーク暗号資産取引所 (Benchmark Crypto-Asset Exchange K.K.)";
  for (const answer of Object.values(copy.answers)) {
    if (answer.notes)
      answer.notes =
        "委託先の暗号資産ウォレットは年次で独立したセキュリティ評価を受けており、指摘事項は期限内に是正されている。";
    for (const e of answer.evidence) e.title = "暗号資産の出金手順書（第3版）";
  }
  return copy;
}

const MiB = (bytes) => (bytes / 2 ** 20).toFixed(0);
const pageCount = (bytes) =>
  (
    Buffer.from(bytes)
      .toString("latin1")
      .match(/\/Type \/Page\n/g) ?? []
  ).length;

export async function run() {
  const dir = mkdtempSync(join(tmpdir(), "vaspcheck-bench-pdf-"));
  try {
    const catalog = syntheticCatalog(1000);
    const latin = syntheticAnswers(catalog, 1);
    const inputs = {
      answersFile: "synthetic.yaml",
      answersSha256: "0".repeat(64),
      vaspcheckVersion: "bench",
    };
    const models = {
      latin: buildReportModel(evaluate(catalog, latin), catalog, inputs),
      japanese: buildReportModel(evaluate(catalog, japanese(latin)), catalog, inputs),
    };
    const child = join(dir, "child.mjs");
    writeFileSync(child, CHILD);
    for (const [name, model] of Object.entries(models))
      writeFileSync(join(dir, `${name}.json`), JSON.stringify(model));

    // Variants run interleaved, so that drift in a noisy VM does not favour whichever runs first.
    const variants = { lat: ["latin", "noto"], jp: ["japanese", "noto"], std: ["latin", "standard"] };
    const runs = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
    for (let i = 0; i < PROCESSES; i++) {
      for (const [key, [model, fonts]] of Object.entries(variants)) {
        const args = [child, join(dir, `${model}.json`), fonts, i === 0 ? String(WARM) : "0"];
        runs[key].push(JSON.parse(execFileSync(process.execPath, args, { encoding: "utf8" })));
      }
    }
    const measure = (key) => {
      const all = runs[key];
      const pages = all[0].pages;
      return {
        pages,
        bytes: all[0].bytes,
        cold: summarize(all.map((r) => r.cold / pages)),
        warm: summarize(all[0].warm.map((ms) => ms / pages)),
        coldTotal: summarize(all.map((r) => r.cold)).median_ms,
        rss: all.map((r) => ({ import: r.rssAfterImport, model: r.rssWithModel, peak: r.peak })),
      };
    };
    const lat = measure("lat");
    const jp = measure("jp");
    const std = measure("std");

    const rows = [];
    rows.push({
      name: "pdf cold, Latin text, Noto Sans JP (ms/page)",
      ...lat.cold,
      note: `${lat.pages} pages in ${(lat.coldTotal / 1000).toFixed(2)} s, ${(lat.bytes / 2 ** 20).toFixed(1)} MiB; target ≤ 10 ms/page`,
    });
    rows.push({
      name: "pdf cold, Japanese org name/notes (ms/page)",
      ...jp.cold,
      note:
        `${jp.pages} pages; ${(jp.cold.median_ms / lat.cold.median_ms).toFixed(2)}× Latin (target ≤ 1.2×); ` +
        `${(jp.cold.median_ms / std.cold.median_ms).toFixed(2)}× Helvetica per page, ` +
        `${(jp.coldTotal / std.coldTotal).toFixed(2)}× per document`,
    });
    rows.push({
      name: "pdf cold, Latin text, Helvetica (ms/page)",
      ...std.cold,
      note: `${std.pages} pages; baseline with the 14 standard fonts (no embedding, non-ASCII shown as ?)`,
    });
    rows.push({
      name: "pdf warm, Latin text (ms/page)",
      ...lat.warm,
      note: `${WARM} renders in one process`,
    });
    rows.push({
      name: "pdf warm, Japanese org name/notes (ms/page)",
      ...jp.warm,
      note: `${(jp.warm.median_ms / lat.warm.median_ms).toFixed(2)}× Latin warm`,
    });
    for (const [name, m] of [
      ["Latin", lat],
      ["Japanese", jp],
    ]) {
      const peak = summarize(m.rss.map((r) => r.peak)).median_ms;
      const imported = summarize(m.rss.map((r) => r.import)).median_ms;
      const withModel = summarize(m.rss.map((r) => r.model)).median_ms;
      rows.push({
        name: `pdf peak RSS, ${name} (${m.pages} pages)`,
        note:
          `peak ${MiB(peak)} MiB = ${(peak / imported).toFixed(2)}× RSS after imports (${MiB(imported)} MiB; target ≤ 2×), ` +
          `${(peak / withModel).toFixed(2)}× after imports + model (${MiB(withModel)} MiB)`,
      });
    }

    const out = join(dir, "dmm.pdf");
    const cli = timeProcess(
      process.execPath,
      [
        "dist/bundle/vaspcheck.js",
        "report",
        "examples/dmm-like-exchange.yaml",
        "--format",
        "pdf",
        "--out",
        out,
      ],
      { runs: 5 },
    );
    const md = timeProcess(
      process.execPath,
      ["dist/bundle/vaspcheck.js", "report", "examples/dmm-like-exchange.yaml"],
      {
        runs: 5,
      },
    );
    const examplePages = pageCount(readFileSync(out));
    rows.push({
      name: "process: report dmm-like --format pdf",
      ...cli,
      note: `${examplePages} pages; ${((cli.median_ms - md.median_ms) / examplePages).toFixed(2)} ms/page over the Markdown run (${md.median_ms.toFixed(0)} ms)`,
    });
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
