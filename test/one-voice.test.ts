// The Markdown and the PDF report say the method in the same words: every explanatory sentence of the view model
// is printed by both, so neither can drift from the other.
import { describe, expect, it } from "vitest";
import { createReport } from "../src/pipeline/create-report.js";
import { METHOD_RULES, noGapsProse, SECTION_INTRO } from "../src/report/prose.js";
import { placedText } from "./helpers/placed-text.js";

const flat = (text: string) => text.replace(/\s+/g, " ").trim();

async function both(answersPath: string) {
  const [md, pdf] = await Promise.all(
    (["md", "pdf"] as const).map((format) => createReport({ answersPath, format, asOf: "2026-06-30" })),
  );
  if (!md?.ok || !pdf?.ok) throw new Error("report failed");
  const runs = await placedText(pdf.output as Uint8Array);
  return { md: flat(String(md.output).replaceAll("\\", "")), pdf: flat(runs.map((r) => r.text).join(" ")) };
}

describe("one voice for every renderer", () => {
  it("prints each section's introduction and the method's rules in the Markdown and in the PDF", async () => {
    const { md, pdf } = await both("examples/dmm-like-exchange.yaml");
    const sentences = [...Object.values(SECTION_INTRO), ...Object.values(METHOD_RULES)].filter(
      (s): s is NonNullable<typeof s> => s !== null,
    );
    expect(sentences.length).toBeGreaterThan(5);
    for (const sentence of sentences) {
      expect(md, sentence).toContain(flat(sentence));
      expect(pdf, sentence).toContain(flat(sentence));
    }
  });

  it("says in both which lessons and controls hold the tier down", async () => {
    const { md, pdf } = await both("examples/vendor-run-exchange.yaml");
    const note = /Tier 0 because level-1 controls are not met in 2 lessons: [^.]*\(TXN-001\)/;
    expect(md).toMatch(note);
    expect(pdf).toMatch(note);
  });

  it("words the empty findings the same way in both, and never calls an accepted risk no gap", async () => {
    const { md, pdf } = await both("examples/strong-exchange.yaml");
    // The strong example has no open gap and two accepted risks.
    const sentence = noGapsProse(2);
    expect(sentence).toMatch(/2 gaps are covered by an approved exception/);
    expect(md).toContain(flat(sentence));
    expect(pdf).toContain(flat(sentence));
    expect(md).not.toMatch(/There are no gaps/);
    expect(pdf).toMatch(/Open gaps \(\+ 2 accepted\)/);
  });
});
