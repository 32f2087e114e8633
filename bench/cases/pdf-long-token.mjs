// PDF benchmark: an organization name that is one unbroken token (10,000 / 30,000 / 100,000 letters, 1 MiB,
// or 100,000 zero-width spaces, each shown as a six-letter escape), `report --format pdf` through dist/:
// line breaking and ellipsis take time linear in the token's length (D9), once per text and width (N5).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { timeProcess } from "../stats.mjs";

const NAMES = [
  ...[10_000, 30_000, 100_000, 1_048_576].map((n) => [`name of ${n} letters, no space`, "B".repeat(n)]),
  ["name of 100000 zero-width spaces", `"${"\\u200B".repeat(100_000)}"`],
];
const RUNS = 3;
const BIN = join(process.cwd(), "dist/cli/bin.js");
const EXAMPLE = new URL("../../examples/midsize-exchange.yaml", import.meta.url).pathname;

/** One row per name: wall time of the whole CLI run for the midsize example with that name. */
export async function run() {
  const dir = mkdtempSync(join(tmpdir(), "vaspcheck-bench-"));
  const source = readFileSync(EXAMPLE, "utf8");
  const rows = [];
  try {
    for (const [label, name] of NAMES) {
      const answers = join(dir, "answers.yaml");
      writeFileSync(
        answers,
        source.replace(/^ {2}name: .*$/m, () => `  name: ${name}`),
      );
      const args = [BIN, "report", answers, "-f", "pdf", "-o", join(dir, "out.pdf"), "--as-of", "2026-06-01"];
      const times = timeProcess(process.execPath, args, { runs: RUNS });
      const bytes = readFileSync(join(dir, "out.pdf")).length;
      rows.push({ name: label, ...times, note: `${bytes} bytes` });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
