// What a control rests on is linted: official texts, two mappings unless a declared single-jurisdiction duty, no
// mapping to a supervisor's powers, a baseline control per lesson; and a tier is never reached with nothing met.
import { describe, expect, it } from "vitest";
import { lintCatalog } from "../src/catalog/lint-catalog.js";
import { tally } from "../src/engine/scoring.js";
import { brokenCatalog } from "./helpers/fixtures.js";

const codes = async (edits: Record<string, (t: string) => string>) =>
  (await lintCatalog(brokenCatalog(edits))).diagnostics.map((d) => `${d.code} ${d.message}`);

describe("catalog lint: sources and mappings", () => {
  it("accepts the fixture catalog as it is", async () => {
    expect(await codes({})).toEqual([]);
  });

  it("refuses a framework cited from a blog or a mirror", async () => {
    const found = await codes({
      "frameworks/nist-csf-2.0.yaml": (t) => t.replace(/^url: .*$/m, "url: https://blog.example.com/csf-2"),
    });
    expect(found).toEqual([
      "catalog/unofficial-source The text of NIST Cybersecurity Framework is cited from blog.example.com, which is not the publisher's own site",
    ]);
  });

  it("refuses a control with one mapping, unless it is a declared duty of one jurisdiction scoped to it", async () => {
    const single = (t: string) => t.replace(/^ {2}iso-27001-2022: .*\n/m, "");
    expect(await codes({ "controls/HOT-001.yaml": single })).toEqual([
      "catalog/single-mapping Control HOT-001 maps to one framework only",
    ]);
    const declared = (t: string) => single(t).replace(/^level: 1$/m, "level: 1\njurisdiction_only: japan");
    expect(await codes({ "controls/HOT-001.yaml": declared })).toEqual([
      "catalog/jurisdiction-scope Control HOT-001 is a duty of japan only, but its `applies_if` does not require that jurisdiction",
    ]);
    const scoped = (t: string) =>
      declared(t).replace(
        /^applies_if: .*$/m,
        "applies_if:\n  all:\n    - { question: operates_hot_wallets, op: equals, value: true }\n    - { question: jurisdictions, op: includes, value: japan }",
      );
    const profile = (t: string) =>
      t.includes("jurisdictions")
        ? t
        : `${t}  - id: jurisdictions\n    type: multiple_choice\n    text: Where are you registered?\n    choices: [{ value: japan, label: Japan }, { value: eu, label: EU }]\n`;
    expect(await codes({ "controls/HOT-001.yaml": scoped, "profile.yaml": profile })).toEqual([]);
  });

  it("accepts one mapping when the control says why only one framework sets it, and refuses the reason beside two", async () => {
    const single = (t: string) => t.replace(/^ {2}iso-27001-2022: .*\n/m, "");
    const why = (t: string) =>
      t.replace(/^level: 1$/m, "level: 1\nsingle_framework: Only this framework sets the practice.");
    expect(await codes({ "controls/HOT-001.yaml": (t) => why(single(t)) })).toEqual([]);
    expect(await codes({ "controls/HOT-001.yaml": why })).toEqual([
      "catalog/single-mapping Control HOT-001 says one framework is all it maps to, but it maps to 2",
    ]);
  });

  it("refuses a mapping to a provision that empowers the supervisor", async () => {
    const found = await codes({
      "frameworks/iso-27001-2022.yaml": (t) =>
        t.replace(
          '{ id: "5.3", title: "Segregation of duties" }',
          '{ id: "5.3", title: "Segregation of duties", addressee: regulator }',
        ),
    });
    expect(found.filter((c) => c.startsWith("catalog/regulator-power"))[0]).toMatch(
      /^catalog\/regulator-power `5\.3` of iso-27001-2022 is a power of the supervisor, not a duty of the exchange$/,
    );
  });

  it("refuses a lesson without a level-1 control", async () => {
    const found = await codes({ "controls/DET-001.yaml": (t) => t.replace(/^level: 1$/m, "level: 2") });
    expect(found).toEqual([
      "catalog/vacuous-tier Lesson `detection-response` has no level-1 control, so its first tier would say nothing",
    ]);
  });
});

describe("tiers are never vacuous", () => {
  const input = (status: number[], levels: number[]) => ({
    status,
    assessed: status,
    weights: status.map(() => 1),
    levels,
  });
  it("gives tier 0, not tier 1, to a group of unmet level-2 controls", () => {
    // 2 = not met: every level-1 control of none is met, which is no baseline.
    expect(tally([0, 1], input([2, 2], [2, 3])).tier).toBe(0);
    expect(tally([0, 1], input([2, 2], [2, 3])).score).toBe(0);
  });
  it("still reaches a tier through the controls that are there", () => {
    expect(tally([0, 1], input([0, 2], [2, 3])).tier).toBe(2);
    expect(tally([0, 1], input([0, 2], [1, 3])).tier).toBe(2);
    expect(tally([0, 1], input([0, 0], [2, 3])).tier).toBe(3);
  });
});
