// The shipped catalog: it lints, keeps its promised size and coverage, and its example answers files read as intended.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { loadAnswers } from "../src/answers/load-answers.js";
import { lintCatalog } from "../src/catalog/lint-catalog.js";
import { questionsOf } from "../src/engine/compile.js";
import { evaluate } from "../src/engine/evaluate.js";
import type { Catalog } from "../src/model/catalog.js";

const CONTROLS = fileURLToPath(new URL("../controls", import.meta.url));
const EXAMPLES = fileURLToPath(new URL("../examples", import.meta.url));

const linted = await lintCatalog(CONTROLS);
const catalog = linted.catalog as Catalog;
const example = (name: string) => join(EXAMPLES, `${name}.yaml`);

/** Frameworks the catalog promises to map to (issue 3). */
const FRAMEWORKS = [
  "nist-csf-2.0",
  "iso-27001-2022",
  "ccss-v8",
  "ccss-v9",
  "nydfs-part-500",
  "nydfs-part-200",
  "eu-dora",
  "eu-mica",
  "jp-psa",
  "jp-cabinet-office-order",
  "jp-fsa-2024-09-self-inspection",
  "seal-multisig-ops",
  "fbi-psa-i-090324",
];

const blockers = (incident: string, step: string) =>
  catalog.controls.filter((c) => c.blocks[incident]?.includes(step)).map((c) => c.id);

describe("shipped catalog", () => {
  it("lints without errors or warnings", () => {
    expect(linted.diagnostics).toEqual([]);
    expect(linted.catalog).toBeDefined();
  });

  it("keeps its promised size", () => {
    expect(catalog.controls.length).toBeGreaterThanOrEqual(60);
    expect(catalog.incidents.length).toBeGreaterThanOrEqual(13);
    expect(catalog.lessons.length).toBeGreaterThanOrEqual(10);
  });

  it("ships every framework the issue lists, each with unique requirement ids", () => {
    const ids = catalog.frameworks.map((f) => f.id);
    expect(ids).toEqual(expect.arrayContaining(FRAMEWORKS));
    for (const framework of catalog.frameworks) {
      const reqs = framework.requirements.map((r) => r.id);
      expect(new Set(reqs).size, framework.id).toBe(reqs.length);
    }
  });

  it("maps controls to every listed framework", () => {
    const used = new Set(catalog.controls.flatMap((c) => Object.keys(c.frameworks)));
    for (const id of FRAMEWORKS) expect(used.has(id), id).toBe(true);
  });

  it("covers the full DMM Bitcoin chain, each step blockable by at least two controls", () => {
    const dmm = catalog.incidents.find((i) => i.id === "dmm-bitcoin-2024");
    expect(dmm?.attack_chain.map((s) => s.id)).toEqual([
      "recruiter-approach",
      "malicious-coding-test",
      "session-hijack",
      "vendor-comms-access",
      "transaction-tampering",
      "outflow",
    ]);
    for (const step of dmm?.attack_chain ?? []) {
      expect(blockers("dmm-bitcoin-2024", step.id).length, step.id).toBeGreaterThanOrEqual(2);
    }
  });

  it("gives every incident sources and at least one blockable step", () => {
    for (const incident of catalog.incidents) {
      expect(incident.sources.length, incident.id).toBeGreaterThan(0);
      const blocked = incident.attack_chain.filter((s) => blockers(incident.id, s.id).length > 0);
      expect(blocked.length, incident.id).toBeGreaterThan(0);
    }
  });

  it("gives every control a met example, a failing example, and a not-applicable one where it is scoped", () => {
    for (const control of catalog.controls) {
      const expects = new Set(control.examples.map((e) => e.expect));
      expect(expects.has("met"), control.id).toBe(true);
      expect(expects.has("not_met") || expects.has("partially_met"), control.id).toBe(true);
      if (control.applies_if) expect(expects.has("not_applicable"), control.id).toBe(true);
    }
  });

  it("uses every question type", () => {
    const types = new Set(catalog.controls.flatMap((c) => c.questions.map((q) => q.type)));
    expect([...types].sort()).toEqual(
      [
        "boolean",
        "count",
        "date",
        "duration",
        "multiple_choice",
        "number",
        "percentage",
        "single_choice",
        "text",
      ].sort(),
    );
  });

  it("says where every threshold comes from: each question a rule tests has a basis", () => {
    for (const control of catalog.controls) {
      const tested = new Set([...questionsOf(control.rule.met), ...questionsOf(control.rule.partially_met)]);
      for (const question of control.questions) {
        if (tested.has(question.id)) expect(question.basis, `${control.id}.${question.id}`).toBeTruthy();
      }
    }
  });

  it("lists every added control in the changelog of the current version", () => {
    const current = catalog.meta.changelog.find((c) => c.version === catalog.meta.version);
    expect(current).toBeDefined();
    const ids = new Set(catalog.controls.map((c) => c.id));
    for (const id of current?.added ?? []) expect(ids.has(id), id).toBe(true);
  });
});

describe("framework requirement ids are data", () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("rejects a mapping to a requirement id that does not exist", async () => {
    const dir = mkdtempSync(join(tmpdir(), "vaspcheck-catalog-"));
    dirs.push(dir);
    cpSync(CONTROLS, dir, { recursive: true });
    const file = join(dir, "controls", "KEY-001.yaml");
    const text = readFileSync(file, "utf8");
    const changed = text.replace(
      "seal-multisig-ops: [SEAL-MS-01, SEAL-MS-02]",
      "seal-multisig-ops: [SEAL-MS-01, SEAL-MS-99]",
    );
    expect(changed).not.toBe(text);
    writeFileSync(file, changed);
    const result = await lintCatalog(dir);
    expect(result.catalog).toBeUndefined();
    const codes = result.diagnostics.filter((d) => d.severity === "error").map((d) => d.code);
    expect(codes).toEqual(["catalog/unknown-requirement"]);
  });
});

describe("example answers files", () => {
  const files = ["dmm-like-exchange", "strong-exchange", "midsize-exchange"];

  it.each(files)("%s validates against the shipped catalog", async (name) => {
    const result = await loadAnswers(example(name), catalog);
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(result.answers?.catalog).toEqual({ id: catalog.meta.id, version: catalog.meta.version });
  });

  it("the DMM-like exchange would not have stopped the DMM Bitcoin attack", async () => {
    const { answers } = await loadAnswers(example("dmm-like-exchange"), catalog);
    if (!answers) throw new Error("answers did not load");
    const evaluation = evaluate(catalog, answers);
    const replay = evaluation.replay.find((r) => r.incident_id === "dmm-bitcoin-2024");
    expect(["not_stopped", "hindered"]).toContain(replay?.verdict);
    // Like DMM Bitcoin, it keeps 95% cold and that does not help against this chain.
    expect(evaluation.controls.find((c) => c.control_id === "HOT-001")?.status).toBe("met");
  });

  it("the DMM-like exchange fails where DMM Bitcoin and Ginco failed", async () => {
    const { answers } = await loadAnswers(example("dmm-like-exchange"), catalog);
    if (!answers) throw new Error("answers did not load");
    const status = new Map(evaluate(catalog, answers).controls.map((c) => [c.control_id, c.status]));
    // Vendor risk, recruiter lures, untrusted code, reusable cookies, unauthenticated requests, single signer,
    // one wallet, short log retention, no systems executive, internal audit not independent.
    for (const id of [
      "VND-001",
      "SOC-001",
      "WKS-001",
      "IAM-004",
      "TXN-001",
      "KEY-001",
      "HOT-003",
      "DET-001",
      "GOV-001",
      "GOV-002",
    ]) {
      expect(status.get(id), id).toBe("not_met");
    }
  });

  it("the strong exchange stops the DMM Bitcoin attack and answers every control", async () => {
    const { answers } = await loadAnswers(example("strong-exchange"), catalog);
    if (!answers) throw new Error("answers did not load");
    const evaluation = evaluate(catalog, answers);
    expect(evaluation.replay.find((r) => r.incident_id === "dmm-bitcoin-2024")?.verdict).toBe("stopped");
    expect(evaluation.controls.filter((c) => c.status === "not_answered").map((c) => c.control_id)).toEqual(
      [],
    );
  });
});
