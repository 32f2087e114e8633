// One validation path: `validate`/`report` and `compare`/`diff` say the same about the same file.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { lintCatalog } from "../src/catalog/lint-catalog.js";
import type { Catalog } from "../src/model/catalog.js";
import { createAssessor } from "../src/pipeline/assess-submission.js";
import { loadAnswers } from "../src/pipeline/validate-answers.js";

const catalog = (await lintCatalog(fileURLToPath(new URL("../controls", import.meta.url))))
  .catalog as Catalog;
const example = (name: string) => fileURLToPath(new URL(`../examples/${name}.yaml`, import.meta.url));

describe("one validation path", () => {
  it("an empty file is one plain error in validate and in compare alike", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "vaspcheck-empty-")), "empty.yaml");
    writeFileSync(file, "# nothing yet\n");
    const validated = await loadAnswers(file, catalog);
    const compared = createAssessor(catalog).read(file);
    expect(compared.valid).toBe(false);
    const codes = (ds: readonly { code: string }[]) => ds.map((d) => d.code);
    expect(codes(validated.diagnostics)).toEqual(["input/empty"]);
    expect(compared.valid ? [] : codes(compared.diagnostics)).toEqual(["input/empty"]);
  });

  it.each(["midsize-exchange", "dmm-like-exchange"])(
    "%s: compare counts exactly the warnings validate reports",
    async (name) => {
      const validated = await loadAnswers(example(name), catalog);
      const counts: Record<string, number> = {};
      for (const d of validated.diagnostics)
        if (d.severity === "warning") counts[d.code] = (counts[d.code] ?? 0) + 1;
      const compared = createAssessor(catalog).read(example(name));
      expect(compared.valid).toBe(true);
      expect(compared.valid ? compared.warnings : {}).toEqual(counts);
      expect(Object.keys(counts).length).toBeGreaterThan(0);
    },
  );
});
