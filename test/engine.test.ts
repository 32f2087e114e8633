import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate } from "../src/engine/evaluate.js";
import { evaluateControl } from "../src/engine/evaluate-control.js";
import { applyOperator } from "../src/engine/operators.js";
import { score, tier } from "../src/engine/scoring.js";
import type { Answers } from "../src/model/answers.js";
import type { Leaf } from "../src/model/condition.js";
import type { ControlResult } from "../src/model/result.js";
import { fixtureAnswers, fixtureCatalog } from "./helpers/fixtures.js";

const catalog = await fixtureCatalog();
const weak = fixtureAnswers("weak");
const strong = fixtureAnswers("strong");
const status = (answers: Answers, id: string, asOf?: string) =>
  evaluate(catalog, answers, { asOf }).controls.find((c) => c.control_id === id)!;
const withAnswer = (base: Answers, id: string, answer: Answers["answers"][string]): Answers => ({
  ...base,
  answers: { ...base.answers, [id]: answer },
});

describe("operators", () => {
  const cases: [Leaf, unknown, boolean][] = [
    [{ question: "q", op: "equals", value: true }, true, true],
    [{ question: "q", op: "equals", value: true }, false, false],
    [{ question: "q", op: "not_equals", value: "none" }, "policy", true],
    [{ question: "q", op: "not_equals", value: "none" }, undefined, false],
    [{ question: "q", op: "one_of", value: ["a", "b"] }, "b", true],
    [{ question: "q", op: "one_of", value: ["a", "b"] }, "c", false],
    [{ question: "q", op: "includes", value: "a" }, ["a", "b"], true],
    [{ question: "q", op: "includes_all", value: ["a", "b"] }, ["a"], false],
    [{ question: "q", op: "includes_any", value: ["a", "z"] }, ["a"], true],
    [{ question: "q", op: "selected_at_least", value: 2 }, ["a"], false],
    [{ question: "q", op: "at_least", value: 95 }, 95, true],
    [{ question: "q", op: "at_least", value: 95 }, 94.9, false],
    [{ question: "q", op: "at_most", value: 8 }, 8, true],
    [{ question: "q", op: "at_most", value: 8 }, "8", false],
    [{ question: "q", op: "within_days", value: 365 }, "2025-06-30", true],
    [{ question: "q", op: "within_days", value: 365 }, "2025-06-29", false],
    [{ question: "q", op: "within_days", value: 365 }, "2026-07-01", false],
    [{ question: "q", op: "answered" }, "", false],
    [{ question: "q", op: "answered" }, "Jane", true],
  ];
  it.each(cases)("%j on %j gives %s", (leaf, answer, expected) => {
    expect(applyOperator(leaf, answer, "2026-06-30").passed).toBe(expected);
  });
});

describe("statuses", () => {
  it("decides met, partially met, not met and not answered from the answers", () => {
    expect(status(strong, "TXN-001").status).toBe("met");
    expect(status(weak, "TXN-001").status).toBe("not_met");
    expect(status(weak, "GOV-001").status).toBe("not_answered");
    const partial = withAnswer(weak, "KEY-001", {
      responses: { signers: 2, threshold_percent: 100 },
      evidence: [],
    });
    expect(status(partial, "KEY-001").status).toBe("partially_met");
  });

  it("is not applicable when the profile scopes the control out, and applicable when the profile is silent", () => {
    expect(
      status({ ...weak, profile: { ...weak.profile, uses_wallet_vendor: false } }, "VND-001"),
    ).toMatchObject({
      status: "not_applicable",
      not_applicable_by: "profile",
    });
    const { uses_wallet_vendor: _, ...silent } = weak.profile;
    expect(status({ ...weak, profile: silent }, "VND-001").status).toBe("not_met");
  });

  it("is not applicable when answered N/A with a justification", () => {
    const na = withAnswer(weak, "DET-001", {
      responses: {},
      evidence: [],
      not_applicable: { justification: "No logs exist yet: pre-launch" },
    });
    expect(status(na, "DET-001")).toMatchObject({
      status: "not_applicable",
      not_applicable_justification: "No logs exist yet: pre-launch",
    });
  });

  it("accepts risk under a valid exception and reverts when it has expired", () => {
    const exception = { justification: "Migration to MPC in Q3", approver: "CRO", expires: "2026-09-30" };
    const answers = withAnswer(weak, "KEY-001", {
      responses: { signers: 1, threshold_percent: 100 },
      evidence: [],
      exception,
    });
    expect(status(answers, "KEY-001")).toMatchObject({ status: "risk_accepted", assessed_status: "not_met" });
    const later = status(answers, "KEY-001", "2026-10-01");
    expect(later).toMatchObject({ status: "not_met", exception: { expired: true, expires: "2026-09-30" } });
  });

  it("explains every check with the answer given and what was expected", () => {
    const checks = status(weak, "KEY-001").checks.filter((c) => c.kind === "leaf" && c.rule === "met");
    expect(checks).toContainEqual(
      expect.objectContaining({ question: "signers", answer: 1, expected: "≥ 3", passed: false }),
    );
    expect(checks).toContainEqual(
      expect.objectContaining({
        question: "threshold_percent",
        answer: 100,
        expected: "≤ 99",
        passed: false,
      }),
    );
  });

  it("never mistakes an inherited object member for an answer", () => {
    const base = catalog.controls.find((c) => c.id === "GOV-001")!;
    const control = {
      ...base,
      questions: [{ id: "constructor", type: "text" as const, text: "Who builds it?" }],
      rule: { met: { question: "constructor", op: "answered" as const } },
    };
    expect(evaluateControl(control, { responses: {}, evidence: [] }, {}, [], "2026-06-30").status).toBe(
      "not_answered",
    );
  });

  it("defaults the as-of date to the assessment date, never the wall clock", () => {
    expect(evaluate(catalog, strong).as_of).toBe("2026-06-30");
    expect(status(strong, "VND-001").status).toBe("met");
    expect(status(strong, "VND-001", "2027-06-30").status).toBe("partially_met");
  });
});

describe("roll-ups", () => {
  const result = (severity: ControlResult["severity"], s: ControlResult["status"], level = 1) =>
    ({ severity, status: s, assessed_status: s, level }) as ControlResult;

  it("weights by severity and leaves N/A out of the denominator", () => {
    expect(score([result("critical", "met"), result("low", "not_met")])).toBeCloseTo((100 * 8) / 9, 1);
    expect(score([result("critical", "met"), result("low", "not_applicable")])).toBe(100);
    expect(score([result("high", "partially_met")])).toBe(50);
    expect(score([result("high", "not_applicable")])).toBeNull();
  });

  it("reaches the highest level whose controls are all met", () => {
    expect(tier([result("high", "met", 1), result("high", "not_met", 2)])).toBe(1);
    expect(tier([result("high", "partially_met", 1), result("high", "met", 2)])).toBe(0);
    expect(tier([result("high", "met", 1), result("high", "met", 3)])).toBe(3);
  });

  it("sets the overall tier to the minimum across lessons", () => {
    const evaluation = evaluate(catalog, strong);
    const lessonTiers = evaluation.lessons.map((l) => l.tier).filter((t) => t !== null);
    expect(evaluation.overall.tier).toBe(Math.min(...(lessonTiers as number[])));
  });

  it("ranks gaps by the attacks they would stop, then exposure, then risk; accepted risk excluded", () => {
    const evaluation = evaluate(catalog, weak);
    const first = evaluation.controls.find((c) => c.control_id === evaluation.gaps[0]);
    expect(first?.exposure?.stops).toContain("dmm-bitcoin-2024");
    const byId = new Map(evaluation.controls.map((c) => [c.control_id, c]));
    const keys = evaluation.gaps.map((id) => byId.get(id)!.exposure!);
    for (let i = 1; i < keys.length; i++) {
      const [a, b] = [keys[i - 1]!, keys[i]!];
      expect(a.stop_weight >= b.stop_weight).toBe(true);
      if (a.stop_weight === b.stop_weight) expect(a.value >= b.value).toBe(true);
    }
    expect(evaluation.gaps).not.toContain("HOT-001");
  });
});

describe("evaluations stay independent", () => {
  it("a later evaluation never changes an earlier one's results", () => {
    const first = evaluate(catalog, weak);
    const before = JSON.stringify(first);
    evaluate(catalog, strong);
    evaluate(
      catalog,
      withAnswer(weak, "HOT-001", {
        responses: {},
        evidence: [],
        not_applicable: { justification: "No hot wallet." },
      }),
    );
    expect(JSON.stringify(first)).toBe(before);
    expect(JSON.stringify(evaluate(catalog, weak))).toBe(before);
  });

  it("shares roll-up member lists between evaluations only read-only", () => {
    const a = evaluate(catalog, weak);
    const b = evaluate(catalog, strong);
    expect(a.lessons[0]?.controls).toBe(b.lessons[0]?.controls);
    expect(Object.isFrozen(a.overall.controls)).toBe(true);
    expect(() => a.lessons[0]?.controls.push("X")).toThrow(TypeError);
  });

  it("breaks ties between equal-risk gaps by severity, then control id", () => {
    const evaluation = evaluate(catalog, weak);
    const byId = new Map(evaluation.controls.map((c) => [c.control_id, c]));
    let ties = 0;
    for (let i = 1; i < evaluation.gaps.length; i++) {
      const a = byId.get(evaluation.gaps[i - 1]!)!;
      const b = byId.get(evaluation.gaps[i]!)!;
      expect(a.gap_rank).toBe(i);
      if (
        a.exposure?.stop_weight === b.exposure?.stop_weight &&
        a.exposure?.value === b.exposure?.value &&
        a.risk === b.risk &&
        a.severity === b.severity
      ) {
        ties++;
        expect(a.control_id < b.control_id).toBe(true);
      }
    }
    expect(ties).toBeGreaterThan(0);
  });
});

describe("incident replay", () => {
  it("separates a capped loss from a stopped attack", () => {
    const bybit = evaluate(catalog, weak).replay.find((r) => r.incident_id === "bybit-2025")!;
    expect(bybit).toMatchObject({ verdict: "limited", decided_at: "outflow", blocked_steps: 0, depth: 0 });
    const outflow = bybit.steps.find((s) => s.step_id === "outflow")!;
    expect(outflow.verdict).toBe("limited");
    expect(outflow.countermeasures).toMatchObject([
      { effect: "limits", state: "in_place", controls: [{ id: "HOT-001", status: "met" }] },
    ]);
    expect(evaluate(catalog, strong).replay.find((r) => r.incident_id === "bybit-2025")?.verdict).toBe(
      "stopped",
    );
  });

  it("walks the DMM chain: training only hinders, the first preventive control decides", () => {
    const dmm = evaluate(catalog, strong).replay.find((r) => r.incident_id === "dmm-bitcoin-2024")!;
    expect(dmm.verdict).toBe("stopped");
    expect(dmm.steps[0]?.verdict).toBe("hindered");
    expect(dmm.decided_at).toBe("malicious-coding-test");
    const tampering = dmm.steps.find((s) => s.step_id === "transaction-tampering")!;
    expect(
      tampering.countermeasures.filter((c) => c.effect === "prevents").map((c) => c.controls[0]?.id),
    ).toEqual(["TXN-001"]);
    expect(dmm.depth).toBeGreaterThanOrEqual(2);
  });

  it("names a single point of failure when one control holds the chain", () => {
    const onlyTxn = withAnswer(weak, "TXN-001", strong.answers["TXN-001"]!);
    const dmm = evaluate(catalog, onlyTxn).replay.find((r) => r.incident_id === "dmm-bitcoin-2024")!;
    expect(dmm).toMatchObject({ verdict: "stopped", depth: 1, single_points: ["TXN-001"] });
  });

  it("says the chain passes when every step is open, and hindered when a preventive control is only partly met", () => {
    const noCap = withAnswer(weak, "HOT-001", {
      responses: { cold_share: 60, measured_daily: true },
      evidence: [],
    });
    const bybit = evaluate(catalog, noCap).replay.find((r) => r.incident_id === "bybit-2025")!;
    expect(bybit.verdict).toBe("not_stopped");
    expect(bybit.steps.every((s) => s.verdict === "open")).toBe(true);
    const partial = withAnswer(noCap, "WKS-001", { responses: { enforcement: "policy_only" }, evidence: [] });
    const hindered = evaluate(catalog, partial).replay.find((r) => r.incident_id === "bybit-2025")!;
    expect(hindered.verdict).toBe("hindered");
    expect(hindered.steps[0]?.verdict).toBe("hindered");
    expect(hindered.steps[0]?.countermeasures.find((c) => c.controls[0]?.id === "WKS-001")?.state).toBe(
      "partial",
    );
  });

  it("gives an accepted risk no credit in the replay", () => {
    const accepted = withAnswer(weak, "TXN-001", {
      ...strong.answers["TXN-001"]!,
      responses: { request_authentication: "none", independent_checks: [] },
      exception: { justification: "Accepted until the release.", approver: "CRO", expires: "2027-12-31" },
    });
    const evaluation = evaluate(catalog, accepted);
    expect(evaluation.controls.find((c) => c.control_id === "TXN-001")?.status).toBe("risk_accepted");
    const dmm = evaluation.replay.find((r) => r.incident_id === "dmm-bitcoin-2024")!;
    expect(dmm.verdict).not.toBe("stopped");
    const txn = dmm.steps.flatMap((s) => s.countermeasures).find((c) => c.controls[0]?.id === "TXN-001");
    expect(txn?.state).toBe("absent");
  });

  it("builds a fix plan that stops every stoppable attack, and lists the fixes per incident", () => {
    const evaluation = evaluate(catalog, weak);
    const fixed = evaluation.fix_plan.steps.flatMap((s) => s.controls);
    const after: Answers = {
      ...weak,
      answers: { ...weak.answers, ...Object.fromEntries(fixed.map((id) => [id, strong.answers[id]!])) },
    };
    const replay = evaluate(catalog, after).replay;
    for (const r of replay)
      if (!evaluation.fix_plan.unstoppable.includes(r.incident_id))
        expect(r.verdict, r.incident_id).toBe("stopped");
    const dmm = evaluation.replay.find((r) => r.incident_id === "dmm-bitcoin-2024")!;
    expect(dmm.fixes.length).toBeGreaterThan(0);
    expect(dmm.fixes.flat()).toContain("TXN-001");
  });
});

describe("properties", () => {
  const enforcement = fc.constantFrom("allowlisting", "policy_only", "none");
  const share = fc.integer({ min: 0, max: 100 });
  const answersArb = fc.record({
    enforcement,
    trained: share,
    pr: share,
    hours: fc.integer({ min: 0, max: 100 }),
    signers: fc.integer({ min: 0, max: 7 }),
  });
  const build = (a: {
    enforcement: string;
    trained: number;
    pr: number;
    hours: number;
    signers: number;
  }): Answers => ({
    ...weak,
    answers: {
      ...weak.answers,
      "WKS-001": { responses: { enforcement: a.enforcement }, evidence: [] },
      "SOC-001": {
        responses: { trained_share: a.trained, topics: ["fake_recruiters", "coding_tests"] },
        evidence: [],
      },
      "IAM-001": { responses: { phishing_resistant_share: a.pr, max_session: a.hours }, evidence: [] },
      "KEY-001": { responses: { signers: a.signers, threshold_percent: 60 }, evidence: [] },
    },
  });

  it("is deterministic", () => {
    fc.assert(
      fc.property(answersArb, (a) => {
        const first = JSON.stringify(evaluate(catalog, build(a)));
        const second = JSON.stringify(evaluate(catalog, build(a)));
        return first === second;
      }),
    );
  });

  it("never lowers the score when one answer improves", () => {
    fc.assert(
      fc.property(answersArb, fc.integer({ min: 0, max: 100 }), (a, extra) => {
        const before = evaluate(catalog, build(a)).overall.score ?? 0;
        const better = { ...a, trained: Math.min(100, a.trained + extra), signers: a.signers + 1 };
        return (evaluate(catalog, build(better)).overall.score ?? 0) >= before;
      }),
    );
  });

  it("an N/A control changes no other control's result", () => {
    fc.assert(
      fc.property(answersArb, fc.constantFrom(...catalog.controls.map((c) => c.id)), (a, id) => {
        const base = build(a);
        const na = withAnswer(base, id, {
          responses: {},
          evidence: [],
          not_applicable: { justification: "Out of scope" },
        });
        // gap_rank is a position in a list, and exposure depends on which other barriers stand, so both move by
        // definition when a control leaves the list.
        const strip = (answers: Answers) =>
          evaluate(catalog, answers)
            .controls.filter((c) => c.control_id !== id)
            .map(({ gap_rank: _, exposure: __, ...rest }) => rest);
        return JSON.stringify(strip(base)) === JSON.stringify(strip(na));
      }),
    );
  });
});
