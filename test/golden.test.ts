// Golden files: the Markdown report of each shipped example and the text diagnostics of invalid answers files. A
// wording or layout change shows up as a diff of these files, to be read and approved with `vitest -u`.
import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { lintCatalog } from "../src/catalog/lint-catalog.js";
import { formatDiagnostics } from "../src/diagnostics/format.js";
import type { Catalog } from "../src/model/catalog.js";
import { createReport } from "../src/pipeline/create-report.js";
import { loadAnswers } from "../src/pipeline/validate-answers.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const catalog = (await lintCatalog(`${root}controls`)).catalog as Catalog;
const INVALID = `${root}test/fixtures/invalid/`;
// vitest writes a missing file snapshot and passes; a new golden file is created on purpose only, with
// GOLDEN_CREATE=1 (changing an existing one is `vitest -u`, reviewed as a diff).
const updating = process.env.GOLDEN_CREATE === "1";

async function matchGolden(text: string, file: string): Promise<void> {
  if (!updating)
    expect(
      existsSync(`${root}test/${file}`),
      `${file} is missing; create it with GOLDEN_CREATE=1 npx vitest run test/golden.test.ts`,
    ).toBe(true);
  await expect(text).toMatchFileSnapshot(file);
}

describe("golden Markdown reports", () => {
  it.each(["dmm-like-exchange", "midsize-exchange", "strong-exchange", "vendor-run-exchange"])(
    "%s",
    async (name) => {
      const report = await createReport({ answersPath: `examples/${name}.yaml` });
      if (!report.ok) throw new Error(JSON.stringify(report.diagnostics));
      await matchGolden(String(report.output), `golden/${name}.md`);
    },
  );
});

describe("golden diagnostics of invalid answers files", () => {
  const files = readdirSync(INVALID).sort();
  it("covers a dozen kinds of mistake", () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
  });
  it.each(files)("%s", async (name) => {
    const loaded = await loadAnswers(`test/fixtures/invalid/${name}`, catalog);
    expect(
      loaded.diagnostics.some((d) => d.severity === "error"),
      name,
    ).toBe(true);
    const text = formatDiagnostics(loaded.diagnostics);
    await matchGolden(text, `golden/invalid/${name}.txt`);
  });
});
