import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_CATALOG_DIR } from "../src/catalog/default-catalog.js";
import { loadCatalog } from "../src/catalog/load-catalog.js";
import { evaluate } from "../src/engine/evaluate.js";
import { loadAnswers, validateAnswers } from "../src/pipeline/validate-answers.js";
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

  it("states the worked example of the replay as the engine computes it", async () => {
    const catalog = (await loadCatalog(DEFAULT_CATALOG_DIR, { cache: null })).catalog!;
    const loaded = await loadAnswers(
      new URL("../examples/dmm-like-exchange.yaml", import.meta.url).pathname,
      catalog,
    );
    const base = loaded.answers!;
    const met = (id: string) => ({
      responses: catalog.controls.find((c) => c.id === id)!.examples.find((e) => e.expect === "met")!
        .responses,
      evidence: [],
    });
    const dmm = (...ids: string[]) =>
      evaluate(catalog, {
        ...base,
        answers: { ...base.answers, ...Object.fromEntries(ids.map((id) => [id, met(id)])) },
      }).replay.find((r) => r.incident_id === "dmm-bitcoin-2024")!;
    const section = readme.slice(readme.indexOf("**Worked example**"), readme.indexOf("**Fix first.**"));
    const shipped = dmm();
    expect(shipped.verdict).toBe("not_stopped");
    expect(section).toContain(`What would stop it: ${shipped.fixes.map((f) => f.join(" + ")).join(", or ")}`);
    expect(dmm("VND-006").verdict).toBe("hindered");
    const one = dmm("TXN-001");
    expect(one).toMatchObject({
      verdict: "stopped",
      decided_at: "transaction-tampering",
      depth: 1,
      single_points: ["TXN-001"],
    });
    expect(section).toContain(
      'at step 5 of 6, "A legitimate transaction request is manipulated"; depth 1, stopped by TXN-001 alone',
    );
    expect(dmm("TXN-001", "VND-005")).toMatchObject({ verdict: "stopped", depth: 2 });
    expect(section).toContain("depth 2: both would have to fail");
  });

  it("gives the two set-up commands", () => {
    expect(readme).toContain("npm ci && npx vaspcheck report examples/dmm-like-exchange.yaml");
    expect(readme).toMatch(/^npm test\b/m);
  });
});

describe("commands a reader copies", () => {
  it("README examples and the answers template say a form that runs after npm ci (npx vaspcheck)", async () => {
    // The CLI reference block is a synopsis, headed by a note that every command is `npx vaspcheck …`.
    const reference = readme.slice(
      readme.indexOf("## CLI reference"),
      readme.indexOf("Every command is `npx vaspcheck"),
    );
    const rest = readme.replace(reference, "");
    const bare = rest
      .split("\n")
      .filter((line) => /(^|[`\s])vaspcheck (init|validate|report|catalog|compare|diff|schema)\b/.test(line))
      .filter(
        (line) =>
          !/npx (--prefix \S+ )?vaspcheck (init|validate|report|catalog|compare|diff|schema)\b/.test(line),
      );
    expect(bare).toEqual([]);
    const { renderAnswersTemplate } = await import("../src/template/answers-template.js");
    const catalog = (await loadCatalog(DEFAULT_CATALOG_DIR, { cache: null })).catalog!;
    const template = renderAnswersTemplate(catalog, { date: "2026-06-30" });
    expect(template).toContain("npx vaspcheck validate");
    expect(template).not.toMatch(/[^x] vaspcheck validate/);
  });
});
