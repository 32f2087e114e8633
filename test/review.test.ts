// The assessor's layer: a conclusion decides the status, the score and the replay, the self-assessment stays beside
// it in the report, and the management action plan flags a critical gap without a plan.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { evaluate } from "../src/engine/evaluate.js";
import { loadAnswers } from "../src/pipeline/validate-answers.js";
import { RENDERERS } from "../src/report/renderers.js";
import { buildReportModel } from "../src/report/report-model.js";
import { FIXTURE_ANSWERS, fixtureCatalog, writeTemp } from "./helpers/fixtures.js";

const catalog = await fixtureCatalog();
const strong = readFileSync(join(FIXTURE_ANSWERS, "strong.yaml"), "utf8");
const weak = readFileSync(join(FIXTURE_ANSWERS, "weak.yaml"), "utf8");

const REVIEW = `review:
  reviewer: Example Audit LLC
  date: "2026-07-10"
  level: tested
  controls:
    KEY-001:
      procedure: tested
      sample: all 4 custody wallets, read on chain
      conclusion: not_met
    HOT-001:
      procedure: inspected
      sample: the daily reconciliation of June
`;

async function load(text: string) {
  const result = await loadAnswers(writeTemp("reviewed.yaml", text), catalog);
  const evaluation = result.answers ? evaluate(catalog, result.answers) : undefined;
  return { result, evaluation, key: evaluation?.controls.find((c) => c.control_id === "KEY-001") };
}

describe("the assessor's review", () => {
  it("decides the status, the score and the replay where it concludes, and keeps the self-assessment", async () => {
    const self = await load(strong);
    const reviewed = await load(`${strong}${REVIEW}`);
    expect(reviewed.result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(self.key?.status).toBe("met");
    expect(reviewed.key?.status).toBe("not_met");
    expect(reviewed.key?.review).toMatchObject({ procedure: "tested", self_assessed: "met", decided: true });
    expect(reviewed.evaluation!.overall.score!).toBeLessThan(self.evaluation!.overall.score!);
    expect(reviewed.evaluation!.gaps).toContain("KEY-001");
    const replayed = (e: typeof self.evaluation) =>
      JSON.stringify(e?.replay.map((r) => r.steps.map((s) => s.countermeasures.map((c) => c.controls))));
    expect(replayed(reviewed.evaluation)).not.toBe(replayed(self.evaluation));
    expect(reviewed.evaluation?.review).toEqual({
      reviewer: "Example Audit LLC",
      date: "2026-07-10",
      level: "tested",
    });
    // Inspected without a conclusion: the self-assessment stands.
    const hot = reviewed.evaluation?.controls.find((c) => c.control_id === "HOT-001");
    expect(hot?.status).toBe("met");
    expect(hot?.review?.decided).toBe(false);
  });

  it("names unknown reviewed controls, a test without its sample and a conclusion the profile makes moot", async () => {
    const text = `${strong}${REVIEW}`
      .replace("      sample: all 4 custody wallets, read on chain\n", "")
      .replace(
        "    HOT-001:\n      procedure: inspected",
        "    HOT-001:\n      procedure: inspected\n      conclusion: not_met",
      )
      .replace("operates_hot_wallets: true", "operates_hot_wallets: false")
      .concat("    KEY-999:\n      procedure: stated\n");
    const { result } = await load(text);
    const codes = result.diagnostics.map((d) => [d.code, d.severity, d.path?.join(".")]);
    expect(codes).toContainEqual(["answers/unknown-control", "error", "review.controls.KEY-999"]);
    const rerun = await load(text.replace("    KEY-999:\n      procedure: stated\n", ""));
    const warnings = rerun.result.diagnostics.filter((d) => d.code === "answers/review-incomplete");
    expect(warnings.map((d) => d.path?.join("."))).toEqual([
      "review.controls.KEY-001.procedure",
      "review.controls.HOT-001.conclusion",
    ]);
  });

  it("shows both conclusions side by side and says what the report rests on, in Markdown and PDF model alike", async () => {
    const { evaluation } = await load(`${strong}${REVIEW}`);
    const model = buildReportModel(evaluation!, catalog, {
      answersFile: "reviewed.yaml",
      answersSha256: "0".repeat(64),
      vaspcheckVersion: "test",
    });
    expect(model.assurance.label).toMatch(
      /^Independent review with tests of controls, by Example Audit LLC \(2026-07-10\), of \d+ of \d+ controls; the others as stated by the organization$/,
    );
    expect(model.appendix.review).toContainEqual(
      expect.objectContaining({
        control_id: "KEY-001",
        self_assessed: "Met",
        conclusion: "Not met",
        differs: true,
      }),
    );
    const md = await RENDERERS.md.render(
      { evaluation: evaluation!, model, catalog },
      { vaspcheckVersion: "test" },
    );
    expect(md).toMatch(
      /\| \[KEY-001\]\(#key-001\) [^|]+\| Met \| \*\*Not met\*\* \| tested \| all 4 custody wallets/,
    );
    expect(md).toContain("1 conclusion differs from the self-assessment");
    expect(md).toContain("the reviewer concluded not met where the self-assessment said met");
    // The gap's reason is the assessor's conclusion: the answers themselves pass every check.
    const gap = model.gaps.find((g) => g.id === "KEY-001");
    expect(gap?.why).toMatch(/^The assessor concluded not met where the answers give met\./);
    // A self-assessment says it was not tested.
    const plain = await load(strong);
    const plainModel = buildReportModel(plain.evaluation!, catalog, {
      answersFile: "a.yaml",
      answersSha256: "0".repeat(64),
      vaspcheckVersion: "test",
    });
    expect(plainModel.assurance.statement).toMatch(/did not test them/);
  });
});

describe("the management action plan", () => {
  it("lists every gap with its plan, flags a critical gap without one, and is a CSV too", async () => {
    const { evaluation } = await load(weak);
    const model = buildReportModel(evaluation!, catalog, {
      answersFile: "weak.yaml",
      answersSha256: "0".repeat(64),
      vaspcheckVersion: "test",
    });
    const plan = model.appendix.action_plan;
    expect(plan.map((r) => r.control_id)).toEqual(expect.arrayContaining(evaluation!.gaps.map((id) => id)));
    const critical = plan.filter((r) => r.severity === "critical" && r.owner === "—");
    expect(critical.length).toBeGreaterThan(0);
    expect(critical.every((r) => r.state === "NO PLAN for a critical gap")).toBe(true);
    expect(model.appendix.critical_unplanned_note).toBe(
      `${critical.length} critical gaps have no remediation plan.`,
    );
    const csv = parse(await RENDERERS.csv.render({ evaluation: evaluation!, model, catalog })) as string[][];
    expect(csv[0]).toEqual([
      "organization",
      "as_of",
      "control_id",
      "title",
      "severity",
      "status",
      "owner",
      "due",
      "management_response",
      "state",
    ]);
    expect(csv.length).toBe(plan.length + 1);
    expect(csv.find((r) => r[2] === critical[0]!.control_id)?.slice(6)).toEqual([
      "",
      "",
      "",
      "NO PLAN for a critical gap",
    ]);
  });
});
