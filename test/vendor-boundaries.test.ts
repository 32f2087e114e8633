// What a wallet vendor's own answers may decide for an exchange, and what stays the exchange's: its oversight of the
// vendor, its acceptance of a risk, and a review that cannot stand in for the vendor's missing answers.
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_CATALOG_DIR } from "../src/catalog/default-catalog.js";
import { loadCatalog } from "../src/catalog/load-catalog.js";
import { evaluate } from "../src/engine/evaluate.js";
import type { Catalog } from "../src/model/catalog.js";
import { loadAnswers } from "../src/pipeline/validate-answers.js";
import { buildReportModel } from "../src/report/report-model.js";
import { tempDir } from "./helpers/fixtures.js";

const catalog = (await loadCatalog(DEFAULT_CATALOG_DIR)).catalog as Catalog;
const original = readFileSync("examples/vendor-run-exchange.yaml", "utf8");

/** The vendor-run example, edited by `change`, in a folder of its own with its vendor's file beside it. */
function example(change: (text: string) => string): string {
  const dir = tempDir();
  cpSync("examples/vendors", join(dir, "vendors"), { recursive: true });
  const path = join(dir, "exchange.yaml");
  writeFileSync(path, change(original));
  return path;
}

async function run(path: string) {
  const result = await loadAnswers(path, catalog);
  const evaluation = result.answers
    ? evaluate(catalog, result.answers, { thirdParties: result.thirdParties })
    : undefined;
  return { result, evaluation, codes: result.diagnostics.map((d) => `${d.severity} ${d.code}`) };
}

describe("what a wallet vendor's answers may decide", () => {
  it("refuses a vendor operating the exchange's own oversight of it, its governance or its duties", async () => {
    const path = example((t) =>
      t.replace(
        "operates: [KEY-003, KEY-004, KEY-005]",
        "operates: [KEY-003, KEY-004, KEY-005, VND-001, VND-004, GOV-001]",
      ),
    );
    const { result } = await run(path);
    const refused = result.diagnostics.filter((d) => d.code === "answers/retained-control");
    expect(refused.map((d) => [d.severity, d.message.slice(0, 7)])).toEqual([
      ["error", "VND-001"],
      ["error", "VND-004"],
      ["error", "GOV-001"],
    ]);
    expect(refused[0]?.hint).toMatch(/oversight of its vendors/);
    expect(result.answers).toBeUndefined();
  });

  it("keeps the controls the vendor may operate, the key controls, decided by its answers", async () => {
    const { result, evaluation } = await run(example((t) => t));
    expect(result.diagnostics.filter((d) => d.code === "answers/retained-control")).toEqual([]);
    expect(evaluation?.controls.find((c) => c.control_id === "KEY-003")?.operated_by?.answers).toBe(
      "current",
    );
  });

  it("does not let a review turn a control into met when its operator gave no answers", async () => {
    const path = example((t) =>
      t
        .replace("    answers: vendors/polaris-custody-technologies.yaml\n", "")
        .replace(
          "  controls:\n    TXN-001:",
          "  controls:\n    KEY-004:\n      procedure: stated\n      conclusion: met\n    TXN-001:",
        ),
    );
    const { result, evaluation, codes } = await run(path);
    const key = evaluation?.controls.find((c) => c.control_id === "KEY-004");
    expect(key?.status).toBe("not_answered");
    expect(key?.review).toMatchObject({
      conclusion: "met",
      decided: false,
      undecided_because: "operator_unanswered",
    });
    expect(codes).toContain("warning answers/review-without-operator");
    const coinex = evaluation?.replay.find((r) => r.incident_id === "coinex-2023");
    expect(coinex).toBeDefined();
    expect(coinex?.single_points).not.toContain("KEY-004");
    // The control tables say the operator gave no current answers, not that its answers decided the status.
    const model = buildReportModel(evaluation!, catalog, {
      answersFile: "exchange.yaml",
      answersSha256: "0".repeat(64),
      vaspcheckVersion: "test",
    });
    const row = [...model.gaps, ...model.other_controls].find((c) => c.id === "KEY-004");
    expect(row?.operator_source).toBe(
      "operated by Polaris Custody Technologies Ltd., which gave no current answers",
    );
    expect(result.answers).toBeDefined();
  });

  it("does not count a vendor's own exception as the exchange's acceptance of the risk", async () => {
    const { evaluation, result } = await run(example((t) => t));
    const key = evaluation?.controls.find((c) => c.control_id === "KEY-005");
    expect(key?.operated_by?.name).toBe("Polaris Custody Technologies Ltd.");
    expect(key?.status).toBe(key?.assessed_status);
    expect(key?.status).not.toBe("risk_accepted");
    expect(key?.exception).toBeUndefined();
    const warning = result.diagnostics.find((d) => d.code === "answers/third-party-exception");
    expect(warning?.message).toMatch(/KEY-005 .*Polaris Custody Technologies Ltd\.'s acceptance, not yours/);
  });
});
