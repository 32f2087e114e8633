// PDF benchmark: an organization name that is one unbroken token (10,000 / 30,000 / 100,000 letters, 1 MiB),
// `report --format pdf` through dist/ — line breaking and ellipsis take time linear in the token's length (D9).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { timeProcess } from "../stats.mjs";

const LENGTHS = [10_000, 30_000, 100_000, 1_048_576];
const RUNS = 3;
const BIN = join(process.cwd(), "dist/cli/bin.js");
const EXAMPLE = new URL("../../examples/midsize-exchange.yaml", import.meta.url).pathname;

/** One row per length: wall time of the whole CLI run for the midsize example with that name. */
export async function run() {
  const dir = mkdtempSync(join(tmpdir(), "vaspcheck-bench-"));
  const source = readFileSync(EXAMPLE, "utf8");
  const rows = [];
  try {
    for (const length of LENGTHS) {
      const answers = join(dir, `name-${length}.yaml`);
      writeFileSync(answers, source.replace(/^ {2}name: .*$/m, `  name: ${"B".repeat(length)}`));
      const args = [BIN, "report", answers, "-f", "pdf", "-o", join(dir, "out.pdf"), "--as-of", "2026-06-01"];
      const times = timeProcess(process.execPath, args, { runs: RUNS });
      const bytes = readFileSync(join(dir, "out.pdf")).length;
      rows.push({ name: `name of ${length} letters, no space`, ...times, note: `${bytes} bytes` });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
