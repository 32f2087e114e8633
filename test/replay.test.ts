import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lintCatalog } from "../src/catalog/lint-catalog.js";
import { compileCatalog } from "../src/engine/compile.js";
import { evaluate } from "../src/engine/evaluate.js";
import { chainVerdicts, countermeasureState, defenceDepth } from "../src/engine/replay.js";
import { STATUS_CODE } from "../src/engine/scoring.js";
import type { Answers } from "../src/model/answers.js";
import type { Catalog } from "../src/model/catalog.js";
import { loadAnswers } from "../src/pipeline/validate-answers.js";
import { brokenCatalog } from "./helpers/fixtures.js";

const CONTROLS = fileURLToPath(new URL("../controls", import.meta.url));
const RECONSTRUCTION = fileURLToPath(
  new URL("./fixtures/reconstructions/dmm-bitcoin-2024-before.yaml", import.meta.url),
);
const catalog = (await lintCatalog(CONTROLS)).catalog as Catalog;
const { plan } = compileCatalog(catalog);
const n = catalog.controls.length;
const RANK = { stopped: 5, limited: 4, detected: 3, hindered: 2, not_stopped: 1, not_applicable: 0 } as const;
const codes = [
  STATUS_CODE.met,
  STATUS_CODE.partially_met,
  STATUS_CODE.not_met,
  STATUS_CODE.not_answered,
  STATUS_CODE.not_applicable,
];
const statusArb = fc.array(fc.constantFrom(...codes), { minLength: n, maxLength: n });
const flagsArb = fc.array(fc.constantFrom("0", "1", "?"), {
  minLength: plan.conditions.length,
  maxLength: plan.conditions.length,
});
const position = new Map(catalog.controls.map((c, p) => [c.id, p]));
const verdicts = (status: readonly number[], flags: string) =>
  catalog.incidents.map((_, i) => chainVerdicts(plan, i, { status, flags }).verdict);

/** Controls whose every relation in the catalog is `hinders` or `detects`. */
const weakOnly = catalog.controls
  .map((c) => c.id)
  .filter((id) => {
    const effects = catalog.incidents.flatMap((i) =>
      i.attack_chain.flatMap((s) =>
        s.countermeasures.filter((cm) => cm.controls.includes(id)).map((cm) => cm.effect),
      ),
    );
    return effects.length > 0 && effects.every((e) => e === "hinders" || e === "detects");
  });

describe("replay semantics (properties over the shipped catalog)", () => {
  it("has controls that only hinder or detect, among them training, simulations and vendor assessments", () => {
    expect(weakOnly).toEqual(expect.arrayContaining(["SOC-001", "SOC-003", "SOC-004", "VND-001", "IAM-005"]));
  });

  it("no control that only hinders or detects makes an attack stopped on its own", () => {
    fc.assert(
      fc.property(statusArb, flagsArb, fc.constantFrom(...weakOnly), (status, flagList, id) => {
        const flags = flagList.join("");
        const before = verdicts(status, flags);
        const after = [...status];
        after[position.get(id) as number] = STATUS_CODE.met;
        return verdicts(after, flags).every((v, i) => v !== "stopped" || before[i] === "stopped");
      }),
    );
  });

  it("improving one answer never worsens a verdict", () => {
    fc.assert(
      fc.property(statusArb, flagsArb, fc.nat({ max: n - 1 }), (status, flagList, p) => {
        const flags = flagList.join("");
        const before = verdicts(status, flags);
        const after = [...status];
        const s = after[p] as number;
        after[p] = s === STATUS_CODE.partially_met ? STATUS_CODE.met : STATUS_CODE.partially_met;
        if (s === STATUS_CODE.met) return true;
        return verdicts(after, flags).every((v, i) => RANK[v] >= RANK[before[i] as keyof typeof RANK]);
      }),
    );
  });

  it("a conjunction is in place only when every one of its parts is met", () => {
    const conjunctions = plan.chains.flat(2).filter((cm) => cm.positions.length > 1);
    expect(conjunctions.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(statusArb, fc.constantFrom(...conjunctions), (status, cm) => {
        const flags = "1".repeat(plan.conditions.length);
        const all = cm.positions.every((p) => status[p] === STATUS_CODE.met);
        return (countermeasureState(cm, { status, flags }) === "in_place") === all;
      }),
    );
  });

  it("depth is the smallest number of controls whose failure unblocks every step", () => {
    const family = fc.array(fc.uniqueArray(fc.nat({ max: 6 }), { minLength: 1, maxLength: 3 }), {
      maxLength: 6,
    });
    fc.assert(
      fc.property(family, (barriers) => {
        let brute = 0;
        const universe = [...new Set(barriers.flat())];
        for (let size = 0; size <= universe.length; size++) {
          const hits = (chosen: number[]) => barriers.every((b) => b.some((p) => chosen.includes(p)));
          const subsets = (from: number, left: number, acc: number[]): boolean =>
            left === 0
              ? hits(acc)
              : universe.slice(from).some((p, k) => subsets(from + k + 1, left - 1, [...acc, p]));
          if (subsets(0, size, [])) {
            brute = size;
            break;
          }
        }
        return defenceDepth(barriers) === brute;
      }),
    );
  });

  it("ranks gaps so that none sits above a gap that would stop more attacks, before and after an improvement", async () => {
    const { answers } = await loadAnswers(RECONSTRUCTION, catalog);
    if (!answers) throw new Error("fixture did not load");
    const choice = fc.record(
      Object.fromEntries(catalog.controls.map((c) => [c.id, fc.nat({ max: c.examples.length })])),
    );
    const build = (picks: Record<string, number>): Answers => ({
      ...answers,
      answers: Object.fromEntries(
        catalog.controls.flatMap((c) => {
          const example = c.examples[picks[c.id] as number];
          return example && !example.profile ? [[c.id, { responses: example.responses, evidence: [] }]] : [];
        }),
      ),
    });
    const sorted = (a: Answers) => {
      const e = evaluate(catalog, a);
      const weight = e.gaps.map(
        (id) => e.controls.find((c) => c.control_id === id)?.exposure?.stop_weight ?? 0,
      );
      return weight.every((w, i) => i === 0 || (weight[i - 1] as number) >= w);
    };
    fc.assert(
      fc.property(choice, fc.constantFrom(...catalog.controls.map((c) => c.id)), (picks, id) => {
        const base = build(picks);
        const met = catalog.controls
          .find((c) => c.id === id)
          ?.examples.find((x) => x.expect === "met" && !x.profile);
        const improved: Answers = met
          ? { ...base, answers: { ...base.answers, [id]: { responses: met.responses, evidence: [] } } }
          : base;
        const before = evaluate(catalog, base).replay;
        const after = evaluate(catalog, improved).replay;
        const noWorse = after.every((r, i) => RANK[r.verdict] >= RANK[(before[i] as typeof r).verdict]);
        return sorted(base) && sorted(improved) && noWorse;
      }),
      { numRuns: 40 },
    );
  });
});

describe("Fix first says what fixing a gap would stop, and it does", () => {
  it.each(["dmm-like-exchange", "midsize-exchange"])(
    "%s: every gap's `stops` are the attacks that flip to stopped",
    async (name) => {
      const { answers } = await loadAnswers(
        fileURLToPath(new URL(`../examples/${name}.yaml`, import.meta.url)),
        catalog,
      );
      if (!answers) throw new Error("example did not load");
      const evaluation = evaluate(catalog, answers);
      const stoppedBefore = new Set(
        evaluation.replay.filter((r) => r.verdict === "stopped").map((r) => r.incident_id),
      );
      let checked = 0;
      for (const id of evaluation.gaps) {
        const met = catalog.controls
          .find((c) => c.id === id)
          ?.examples.find((e) => e.expect === "met" && !e.profile);
        if (!met) continue;
        const fixed = evaluate(catalog, {
          ...answers,
          answers: { ...answers.answers, [id]: { responses: met.responses, evidence: [] } },
        });
        // A dated example is met only as of the catalog's example date; skip it when the report's date differs.
        if (fixed.controls.find((c) => c.control_id === id)?.status !== "met") continue;
        const flipped = fixed.replay
          .filter((r) => r.verdict === "stopped" && !stoppedBefore.has(r.incident_id))
          .map((r) => r.incident_id)
          .sort();
        const claimed = [
          ...(evaluation.controls.find((c) => c.control_id === id)?.exposure?.stops ?? []),
        ].sort();
        expect(claimed, id).toEqual(flipped);
        checked++;
      }
      expect(checked).toBeGreaterThan(20);
    },
  );
});

describe("counter-evidence from the record", () => {
  it("lint rejects a prevents claim that a victim's known controls contradict, at its place, with a hint", async () => {
    // Claim that a signer quorum alone prevents the altered request: Bybit's 3-of-6 quorum signed a tampered one.
    let changed = "";
    const dir = brokenCatalog(
      {
        "incidents/dmm-bitcoin-2024.yaml": (text) => {
          changed = text.replace(
            "      - controls: [KEY-001]\n        effect: hinders",
            "      - controls: [KEY-001]\n        effect: prevents",
          );
          expect(changed).not.toBe(text);
          return changed;
        },
      },
      CONTROLS,
    );
    const result = await lintCatalog(dir);
    expect(result.catalog).toBeUndefined();
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    expect(errors.map((d) => d.code)).toEqual(["catalog/contradicted-claim"]);
    const [error] = errors;
    const line = changed
      .split("\n")
      .findIndex((l, i, all) => l.includes("effect: prevents") && all[i - 1]?.includes("KEY-001"));
    expect(error?.file.endsWith(join("incidents", "dmm-bitcoin-2024.yaml"))).toBe(true);
    expect(error?.start).toEqual({ line: line + 1, column: 17 });
    expect(error?.message).toMatch(
      /Bybit had KEY-001 and it did not stop `blind-signing` \(signer-deception\)/,
    );
    expect(error?.hint).toMatch(/hinders/);
  });

  it("accepts the same control in a conjunction with one the victim lacked", async () => {
    const dir = brokenCatalog(
      {
        "incidents/dmm-bitcoin-2024.yaml": (text) =>
          text.replace(
            "      - controls: [KEY-001]\n        effect: hinders",
            "      - controls: [KEY-001, TXN-002]\n        effect: prevents",
          ),
      },
      CONTROLS,
    );
    const result = await lintCatalog(dir);
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("the report says which victim had a control that did not stop a step of this kind", async () => {
    const { answers } = await loadAnswers(RECONSTRUCTION, catalog);
    if (!answers) throw new Error("fixture did not load");
    const dmm = evaluate(catalog, answers).replay.find((r) => r.incident_id === "dmm-bitcoin-2024");
    const tampering = dmm?.steps.find((s) => s.step_id === "transaction-tampering");
    const who = tampering?.counter_evidence.map((e) => `${e.incident_id}:${e.control}`);
    expect(who).toEqual(
      expect.arrayContaining(["bybit-2025:KEY-001", "wazirx-2024:KEY-001", "dmm-bitcoin-2024:TXN-006"]),
    );
  });
});

describe("DMM Bitcoin's posture before the theft, from the FSA order and the FBI/DC3/NPA statement", () => {
  it("replays its own incident as not stopped, with the root-cause controls in its top ten gaps", async () => {
    const loaded = await loadAnswers(RECONSTRUCTION, catalog);
    expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const evaluation = evaluate(catalog, loaded.answers as Answers);
    const status = (id: string) => evaluation.controls.find((c) => c.control_id === id)?.status;
    // What DMM Bitcoin said it had (95% cold, multi-department approval) is taken at its word, and does not stop it.
    expect([status("HOT-001"), status("TXN-006")]).toEqual(["met", "met"]);
    const dmm = evaluation.replay.find((r) => r.incident_id === "dmm-bitcoin-2024");
    // Not stopped: the claimed approvals only hinder an altered request.
    expect(dmm?.verdict).toBe("hindered");
    expect(dmm?.blocked_steps).toBe(0);
    const top = evaluation.gaps.slice(0, 10);
    // The statement's altered request over the vendor's unencrypted system, and the order's concentrated keys, in
    // the top ten; the order's single signer and single wallet (which only hinder or cap this chain) right after.
    for (const id of ["TXN-001", "VND-005", "KEY-002"]) expect(top, id).toContain(id);
    for (const id of ["KEY-001", "HOT-003"]) expect(evaluation.gaps.slice(0, 15), id).toContain(id);
    expect(evaluation.fix_plan.steps[0]?.stops).toContain("dmm-bitcoin-2024");
  });
});
