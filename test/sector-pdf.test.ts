// The sector report as a regulator files it: the same sentences as the Markdown, a register that ties every row to
// its file, a digest on every page, legends for every colour, and cell text that reads on its fill.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compareFiles } from "../src/pipeline/compare-files.js";
import { buildComparisonModel } from "../src/report/comparison/compare-model.js";
import { heat } from "../src/report/comparison/pdf-maps.js";
import { renderComparisonMarkdown } from "../src/report/comparison/render-markdown.js";
import { renderComparisonPdf } from "../src/report/comparison/render-pdf.js";
import { contrastRatio, readableInk } from "../src/report/pdf/contrast.js";
import { STATUS_COLOR } from "../src/report/pdf/styles.js";
import { placedText } from "./helpers/placed-text.js";

const outcome = await compareFiles({ inputs: ["examples"], jobs: 0 });
if (!outcome.ok) throw new Error("the examples do not compare");
const comparison = outcome.comparison;
const flat = (text: string) => text.replace(/\s+/g, " ").trim();
const md = flat(
  (await renderComparisonMarkdown(comparison, { vaspcheckVersion: "test" })).replaceAll("\\", ""),
);
const runs = await placedText(renderComparisonPdf(comparison, { vaspcheckVersion: "test" }));
const pdf = flat(runs.map((r) => r.text).join(" "));

describe("the sector report", () => {
  it("prints every explanatory sentence of the comparison in the Markdown and in the PDF", () => {
    const prose = buildComparisonModel(comparison, { vaspcheckVersion: "test" }).prose;
    const sentences = Object.entries(prose).flatMap(([key, value]) =>
      (Array.isArray(value) ? value : [value]).map((text) => [key, text] as const),
    );
    for (const [key, sentence] of sentences) {
      // The declared-N/A, older-version and third-party parts appear only when there is something to list.
      if (key === "declared" || key === "older") continue;
      expect(md, key).toContain(flat(sentence));
      expect(pdf, key).toContain(flat(sentence));
    }
  });

  it("lists every compared submission with the SHA-256 of its file, in both", () => {
    for (const o of comparison.organizations) {
      const digest = createHash("sha256")
        .update(readFileSync(o.file ?? ""))
        .digest("hex");
      expect(o.sha256).toBe(digest);
      expect(md).toContain(digest);
      expect(pdf).toContain(digest);
    }
  });

  it("prints the digest of inputs and 'Page X of Y' on every page, and the digest changes with any input", () => {
    const digest = buildComparisonModel(comparison, { vaspcheckVersion: "test" }).provenance.digest;
    const pages = runs[0]!.pages;
    expect(pages).toBeGreaterThan(5);
    for (let n = 1; n <= pages; n++) {
      const texts = runs.filter((r) => r.page === n).map((r) => r.text);
      expect(texts, `page ${n}`).toContain(digest);
      expect(texts, `page ${n}`).toContain(`Page ${n} of ${pages}`);
    }
    const changed = structuredClone(comparison);
    changed.organizations[0]!.sha256 = "0".repeat(64);
    expect(buildComparisonModel(changed, { vaspcheckVersion: "test" }).provenance.digest).not.toBe(digest);
  });

  it("names every colour of the exposure bars and of the control heat map in a legend", () => {
    for (const label of [
      "Stopped",
      "Loss limited",
      "Only detected",
      "Only hindered",
      "Not stopped",
      "Does not apply",
    ])
      expect(pdf).toContain(label);
    for (const label of [
      "Met",
      "Partially met",
      "Not met",
      "Not answered",
      "Risk accepted",
      "Not applicable",
    ])
      expect(pdf).toContain(label);
  });

  it("orders the exposure most exposed first, as the Markdown does", () => {
    const order = buildComparisonModel(comparison, { vaspcheckVersion: "test" }).exposure.map((e) => e.name);
    const at = (name: string) => pdf.indexOf(`${name} (`, pdf.indexOf("Exposure to past attacks"));
    const positions = order.map(at);
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it("prints no Markdown backticks in the PDF", () => {
    expect(pdf).not.toContain("`");
  });

  it("draws heat-map numbers and status symbols in an ink that reads on their fill", () => {
    for (let score = 0; score <= 100; score++)
      expect(contrastRatio(heat(score), readableInk(heat(score))), `score ${score}`).toBeGreaterThanOrEqual(
        4.5,
      );
    // Symbols are graphics beside a colour already named in the legend: WCAG asks 3:1 of them.
    for (const color of Object.values(STATUS_COLOR))
      expect(contrastRatio(color, readableInk(color)), color).toBeGreaterThanOrEqual(3);
  });
});
