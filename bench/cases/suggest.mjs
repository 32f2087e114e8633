// "Did you mean" at scale: 9,000 unknown 1-KB control ids (the probe's D14 file), near misses, and the whole validation.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { didYouMean } from "../../dist/diagnostics/suggest.js";
import { loadAnswers, loadCatalog } from "../../dist/index.js";
import { time } from "../stats.mjs";

const COUNT = 9000;

/** 9,000 distinct ids of 1,024 characters each: about 9 MB of keys, under the 10 MiB default input limit. */
const longIds = Array.from({ length: COUNT }, (_, i) => `K${String(i).padStart(4, "0")}${"y".repeat(1019)}`);

export async function run() {
  const { catalog } = await loadCatalog("controls");
  const known = catalog.controls.map((c) => c.id);
  // Typos of real ids (one letter changed), the case suggestions exist for.
  const nearMisses = Array.from({ length: COUNT }, (_, i) => {
    const id = known[i % known.length];
    return `${id.slice(0, 4)}${(Number(id.slice(4)) + 1) % 1000}`.padEnd(id.length, "0");
  });
  const suggestAll = (ids) => () => {
    for (const id of ids) didYouMean(id, known);
  };
  const rows = [];
  const long = await time(suggestAll(longIds), { warmup: 1, samples: 5 });
  rows.push({ name: `didYouMean: ${COUNT} unknown 1-KB ids × ${known.length} control ids`, ...long });
  const near = await time(suggestAll(nearMisses), { warmup: 1, samples: 5 });
  rows.push({ name: `didYouMean: ${COUNT} near misses × ${known.length} control ids`, ...near });

  const dir = mkdtempSync(join(tmpdir(), "vaspcheck-bench-"));
  try {
    const strong = readFileSync("examples/strong-exchange.yaml", "utf8");
    const file = join(dir, "many-unknown.yaml");
    writeFileSync(
      file,
      strong.replace("answers:\n", `answers:\n${longIds.map((id) => `  ${id}: {}\n`).join("")}`),
    );
    const whole = await time(() => loadAnswers(file, catalog), { warmup: 1, samples: 3 });
    rows.push({
      name: `validate: answers file with ${COUNT} unknown 1-KB ids (9 MB)`,
      ...whole,
      note: "was 57.8 s before suggestions were bounded (probe D14)",
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
