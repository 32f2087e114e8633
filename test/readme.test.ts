import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { validateAnswers } from "../src/answers/load-answers.js";
import { loadCatalog } from "../src/catalog/load-catalog.js";
import { DEFAULT_CATALOG_DIR } from "../src/report/create-report.js";
import { parseYaml } from "../src/source/parse-yaml.js";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

describe("README", () => {
  it("shows an answers example that validates against the shipped catalog", async () => {
    const section = readme.slice(readme.indexOf("## The answers file"));
    const example = section.slice(
      section.indexOf("```yaml\n") + 8,
      section.indexOf("```", section.indexOf("```yaml\n") + 8),
    );
    const catalog = (await loadCatalog(DEFAULT_CATALOG_DIR, { cache: null })).catalog!;
    const result = validateAnswers(
      parseYaml("README.md", example.replace(/version: \d+\.\d+\.\d+/, `version: ${catalog.meta.version}`)),
      catalog,
    );
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("gives the two set-up commands", () => {
    expect(readme).toContain("npm ci && npx vaspcheck report examples/dmm-like-exchange.yaml");
    expect(readme).toMatch(/^npm test\b/m);
  });
});
