import { describe, expect, it } from "vitest";
import { lintCatalog } from "../src/catalog/lint-catalog.js";
import { loadCatalog } from "../src/catalog/load-catalog.js";
import { evaluateControl } from "../src/engine/evaluate-control.js";
import { brokenCatalog, FIXTURE_CATALOG, fixtureCatalog } from "./helpers/fixtures.js";

const catalog = await fixtureCatalog();

describe("control examples", () => {
  const cases = catalog.controls.flatMap((c) => c.examples.map((e) => [c.id, e.name, c, e] as const));
  it.each(cases)("%s: %s", (_id, _name, control, example) => {
    const result = evaluateControl(
      control,
      { responses: example.responses, evidence: [] },
      example.profile ?? {},
      catalog.profile,
      catalog.meta.examples_as_of,
    );
    expect(result.status).toBe(example.expect);
  });
});

describe("catalog lint", () => {
  it("passes on the fixture catalog", async () => {
    const result = await lintCatalog(FIXTURE_CATALOG);
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(result.catalog?.controls.length).toBe(9);
  });

  const broken: [string, string, (t: string) => string, string][] = [
    [
      "controls/KEY-001.yaml",
      "a rule naming a question the control does not ask",
      (t) =>
        t.replace(
          "{ question: signers, op: at_least, value: 3 }",
          "{ question: signer, op: at_least, value: 3 }",
        ),
      "catalog/unknown-question",
    ],
    [
      "controls/KEY-001.yaml",
      "an operator the question type does not accept",
      (t) =>
        t.replace(
          "{ question: signers, op: at_least, value: 3 }",
          "{ question: signers, op: includes, value: x }",
        ),
      "catalog/operator-type",
    ],
    [
      "controls/KEY-001.yaml",
      "a percentage limit outside 0 to 100",
      (t) =>
        t.replace(
          "{ question: threshold_percent, op: at_least, value: 50 }",
          "{ question: threshold_percent, op: at_least, value: 150 }",
        ),
      "catalog/operator-type",
    ],
    [
      "controls/WKS-001.yaml",
      "a choice the question does not offer",
      (t) =>
        t.replace(
          "met: { question: enforcement, op: equals, value: allowlisting }",
          "met: { question: enforcement, op: equals, value: allowlist }",
        ),
      "catalog/unknown-choice",
    ],
    [
      "controls/WKS-001.yaml",
      "a boolean literal for a choice question",
      (t) => t.replace("op: equals, value: policy_only", "op: equals, value: true"),
      "catalog/operator-type",
    ],
    [
      "incidents/dmm-bitcoin-2024.yaml",
      "a countermeasure naming a control that does not exist",
      (t) => t.replace("controls: [VND-001]", "controls: [VND-010]"),
      "catalog/unknown-reference",
    ],
    [
      "incidents/dmm-bitcoin-2024.yaml",
      "a relation citing a source the incident does not list",
      (t) => t.replace("source: S1", "source: S9"),
      "catalog/unknown-source",
    ],
    [
      "controls/VND-001.yaml",
      "a lesson that does not exist",
      (t) => t.replace("lessons: [third-party-wallet-vendor]", "lessons: [vendor-risk]"),
      "catalog/unknown-reference",
    ],
    [
      "controls/VND-001.yaml",
      "a framework requirement that does not exist",
      (t) => t.replace("[GV.SC-04, GV.SC-07, ID.AM-04]", "[GV.SC-99]"),
      "catalog/unknown-requirement",
    ],
    [
      "controls/VND-001.yaml",
      "a profile question that does not exist",
      (t) => t.replace("question: uses_wallet_vendor", "question: has_vendor"),
      "catalog/unknown-question",
    ],
    [
      "controls/HOT-001.yaml",
      "an example that evaluates differently than declared",
      (t) =>
        t.replace(
          "responses: { cold_share: 80, measured_daily: true }\n    expect: not_met",
          "responses: { cold_share: 80, measured_daily: true }\n    expect: met",
        ),
      "catalog/example-mismatch",
    ],
    [
      "controls/HOT-001.yaml",
      "an id that does not match the file name",
      (t) => t.replace("id: HOT-001", "id: HOT-002"),
      "catalog/file-name",
    ],
    [
      "controls/TXN-001.yaml",
      "a choice implied by a profile question that does not exist",
      (t) =>
        t.replace(
          "{ value: amount, label: Amount and asset }",
          "{ value: amount, label: Amount and asset, implied_by: { question: custody_tech, value: mpc } }",
        ),
      "catalog/unknown-reference",
    ],
    [
      "controls/TXN-001.yaml",
      "a choice implied by a profile value that does not exist",
      (t) =>
        t.replace(
          "{ value: amount, label: Amount and asset }",
          "{ value: amount, label: Amount and asset, implied_by: { question: custody_technology, value: mcp } }",
        ),
      "catalog/unknown-choice",
    ],
    [
      "controls/TXN-001.yaml",
      "a profile-implied choice on a single-choice question",
      (t) =>
        t.replace(
          "{ value: none, label: Not protected beyond the transport }",
          "{ value: none, label: Not protected, implied_by: { question: custody_technology, value: mpc } }",
        ),
      "catalog/operator-type",
    ],
    [
      "controls/GOV-001.yaml",
      "a control no step names that does not say why",
      (t) => t.replace("counters_no_step: Fixture control that no fixture step names.\n", ""),
      "catalog/no-step",
    ],
    [
      "controls/KEY-001.yaml",
      "a control a step names that says it counters none",
      (t) => t.replace(/^(lessons:.*\n)/m, "$1counters_no_step: Says it counters nothing.\n"),
      "catalog/no-step",
    ],
    [
      "lessons.yaml",
      "a lesson citing an unknown incident",
      (t) =>
        t.replace(
          "incidents: [dmm-bitcoin-2024]\n  - id: workstation-hygiene",
          "incidents: [dmm-2024]\n  - id: workstation-hygiene",
        ),
      "catalog/unknown-reference",
    ],
  ];
  it.each(broken)("%s: rejects %s", async (file, _what, edit, code) => {
    const result = await lintCatalog(brokenCatalog({ [file]: edit }));
    const hit = result.diagnostics.find((d) => d.code === code);
    expect(hit, JSON.stringify(result.diagnostics, null, 1)).toBeDefined();
    expect(hit?.file).toContain(file);
    expect(hit?.start.line).toBeGreaterThan(
      file.startsWith("controls/") && code === "catalog/file-name" ? 0 : 1,
    );
    expect(result.catalog).toBeUndefined();
  });

  it("still replays the examples of sound controls when another file has errors", async () => {
    const result = await lintCatalog(
      brokenCatalog({
        "lessons.yaml": (t) =>
          t.replace(
            "incidents: [dmm-bitcoin-2024]\n  - id: workstation-hygiene",
            "incidents: [dmm-2024]\n  - id: workstation-hygiene",
          ),
        "controls/HOT-001.yaml": (t) =>
          t.replace(
            "responses: { cold_share: 80, measured_daily: true }\n    expect: not_met",
            "responses: { cold_share: 80, measured_daily: true }\n    expect: met",
          ),
      }),
    );
    const codes = result.diagnostics
      .filter((d) => d.severity === "error")
      .map((d) => [d.code, d.file.split("/").pop()]);
    expect(codes).toContainEqual(["catalog/unknown-reference", "lessons.yaml"]);
    expect(codes).toContainEqual(["catalog/example-mismatch", "HOT-001.yaml"]);
    expect(result.catalog).toBeUndefined();
    expect(result.unchecked?.controls.length).toBeGreaterThan(0);
  });

  it("reports schema problems in catalog files with positions and never throws", async () => {
    const dir = brokenCatalog({
      "controls/GOV-001.yaml": (t) => t.replace("severity: high", "severity: severe"),
    });
    const result = await loadCatalog(dir);
    expect(result.catalog).toBeUndefined();
    expect(result.diagnostics[0]).toMatchObject({
      code: "schema/invalid-value",
      start: { line: 4, column: 11 },
    });
  });

  it("changes the catalog digest when any file changes", async () => {
    const dir = brokenCatalog({
      "controls/GOV-001.yaml": (t) => t.replace("board hears", "board hears directly"),
    });
    expect((await loadCatalog(dir)).catalog?.digest).not.toBe(catalog.digest);
  });
});

describe("catalog cache", () => {
  it("is used only when the files hash to its digest", async () => {
    const real = (await loadCatalog(FIXTURE_CATALOG, { cache: null })).catalog!;
    const marked = { ...real, meta: { ...real.meta, title: "from cache" } };
    const hit = await loadCatalog(FIXTURE_CATALOG, { cache: { digest: real.digest, catalog: marked } });
    expect(hit.catalog?.meta.title).toBe("from cache");
    const dir = brokenCatalog({ "controls/GOV-001.yaml": (t) => `${t}\n` });
    const miss = await loadCatalog(dir, { cache: { digest: real.digest, catalog: marked } });
    expect(miss.catalog?.meta.title).not.toBe("from cache");
  });
});

describe("question-type registry", () => {
  it("gives each operator the question types it tested before the registry existed", async () => {
    const { OPERATOR_TYPES } = await import("../src/catalog/check-condition.js");
    const numeric = ["count", "duration", "number", "percentage"];
    const sorted = (list: readonly string[]) => [...list].sort();
    expect(Object.fromEntries(Object.entries(OPERATOR_TYPES).map(([op, t]) => [op, sorted(t)]))).toEqual({
      equals: sorted(["boolean", "single_choice", "text", ...numeric]),
      not_equals: sorted(["boolean", "single_choice", "text", ...numeric]),
      one_of: ["single_choice"],
      includes: ["multiple_choice"],
      includes_all: ["multiple_choice"],
      includes_any: ["multiple_choice"],
      selected_at_least: ["multiple_choice"],
      at_least: numeric,
      at_most: numeric,
      within_days: ["date"],
      answered: sorted(["boolean", "single_choice", "multiple_choice", "text", "date", ...numeric]),
    });
  });
});
