// `npm run demo`: renders every shipped example into out/ in every format the build supports.
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { createReport, formatDiagnostics, RENDERERS } from "../dist/index.js";

const examples = (await readdir("examples")).filter((f) => /\.ya?ml$/.test(f)).sort();
await mkdir("out", { recursive: true });
let failed = false;
for (const file of examples) {
  const stem = file.replace(/\.ya?ml$/, "");
  for (const format of Object.keys(RENDERERS)) {
    const result = await createReport({ answersPath: `examples/${file}`, format });
    if (!result.ok) {
      process.stderr.write(formatDiagnostics(result.diagnostics));
      failed = true;
      break;
    }
    const out = `out/${stem}.${format}`;
    await writeFile(out, result.output);
    if (format === "md") {
      const { overall, replay, organization } = result.evaluation;
      const dmm = replay.find((r) => r.incident_id === "dmm-bitcoin-2024");
      console.log(
        `${organization.name}: score ${overall.score}%, tier ${overall.tier_name}; DMM Bitcoin attack ${dmm?.verdict ?? "n/a"}${dmm?.stopped_at ? ` at ${dmm.stopped_at}` : ""}`,
      );
    }
    console.log(`  wrote ${out}`);
  }
}
process.exitCode = failed ? 1 : 0;
