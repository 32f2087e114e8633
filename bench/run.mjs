// Benchmark runner: runs every bench/cases/*.mjs (or those named on the command line) and prints one table.
// Each case exports `async function run()` returning rows { name, median_ms, min_ms, max_ms, note }.
import { readdir } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";

const dir = fileURLToPath(new URL("./cases/", import.meta.url));
const only = process.argv.slice(2);
const files = (await readdir(dir))
  .filter((f) => f.endsWith(".mjs") && (only.length === 0 || only.some((o) => f.includes(o))))
  .sort();
const rows = [];
for (const file of files) {
  process.stderr.write(`bench: ${file}…\n`);
  const { run } = await import(pathToFileURL(`${dir}${file}`).href);
  for (const row of await run()) rows.push({ case: file.replace(/\.mjs$/, ""), ...row });
}
const fmt = (n) =>
  typeof n === "number" ? (n >= 100 ? n.toFixed(0) : n >= 1 ? n.toFixed(2) : n.toFixed(4)) : "";
const table = [
  ["case", "measurement", "median ms", "min ms", "max ms", "note"],
  ...rows.map((r) => [r.case, r.name, fmt(r.median_ms), fmt(r.min_ms), fmt(r.max_ms), r.note ?? ""]),
];
const widths = table[0].map((_, i) => Math.max(...table.map((r) => String(r[i]).length)));
for (const r of table)
  console.log(
    r
      .map((c, i) => String(c).padEnd(widths[i]))
      .join("  ")
      .trimEnd(),
  );
