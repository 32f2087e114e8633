// The shipped catalog: it lints, keeps its promised size and coverage, and its example answers files read as intended.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { lintCatalog } from "../src/catalog/lint-catalog.js";
import { questionsOf } from "../src/engine/compile.js";
import { evaluate } from "../src/engine/evaluate.js";
import type { Catalog } from "../src/model/catalog.js";
import { loadAnswers } from "../src/pipeline/validate-answers.js";

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

const stepOf = (incident: string, step: string) =>
  catalog.incidents.find((i) => i.id === incident)?.attack_chain.find((s) => s.id === step);
const preventers = (incident: string, step: string) =>
  (stepOf(incident, step)?.countermeasures ?? []).filter((cm) => cm.effect === "prevents");
/** The exchange's own preventers of a step, leaving out those a third party's answers decide. */
const ownPreventers = (incident: string, step: string) =>
  preventers(incident, step).filter((cm) => cm.party === undefined);
const VENDOR_IN_USE = { question: "uses_wallet_vendor", op: "equals", value: true };

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

  it("covers the full DMM Bitcoin chain: every step countered, the tampering step prevented two independent ways, the cold-wallet allowlist only hindering it", () => {
    const dmm = catalog.incidents.find((i) => i.id === "dmm-bitcoin-2024");
    expect(dmm?.attack_chain.map((s) => s.id)).toEqual([
      "recruiter-approach",
      "malicious-coding-test",
      "session-hijack",
      "vendor-comms-access",
      "transaction-tampering",
      "outflow",
    ]);
    for (const step of dmm?.attack_chain ?? [])
      expect(step.countermeasures.length, step.id).toBeGreaterThan(0);
    const tampering = ownPreventers("dmm-bitcoin-2024", "transaction-tampering").map((cm) =>
      cm.controls.join("+"),
    );
    expect(tampering.sort()).toEqual(["TXN-001", "VND-005"]);
    // The record does not say which wallet paid out, and the allowlist guards cold wallets only.
    const step = dmm?.attack_chain.find((s) => s.id === "transaction-tampering");
    expect(step?.countermeasures.find((cm) => cm.controls.join("+") === "HOT-004")?.effect).toBe("hinders");
    // Inside the vendor, the vendor's own end-to-end check of the request, kept as likely as the record says.
    const inside = preventers("dmm-bitcoin-2024", "transaction-tampering").filter((cm) => cm.party);
    expect(inside.map((cm) => [cm.controls.join("+"), cm.party, cm.hedge])).toEqual([
      ["TXN-001", "wallet_vendor", "likely"],
    ]);
  });

  it("credits no signer quorum, segregation, training or single assessment with preventing anything in the DMM chain", () => {
    const dmm = catalog.incidents.find((i) => i.id === "dmm-bitcoin-2024");
    const hindersAtMost = [
      "KEY-001",
      "KEY-002",
      "ACC-004",
      "SOC-001",
      "SOC-003",
      "SOC-004",
      "VND-001",
      "VND-006",
    ];
    for (const step of dmm?.attack_chain ?? [])
      for (const cm of step.countermeasures)
        if (cm.controls.some((id) => hindersAtMost.includes(id)))
          expect(cm.effect, `${step.id} ${cm.controls}`).not.toBe("prevents");
  });

  it("credits no signer quorum or signer independence with preventing signer deception or a quorum capture anywhere", () => {
    for (const incident of catalog.incidents)
      for (const step of incident.attack_chain)
        if (step.techniques.some((t) => t === "signer-deception" || t === "quorum-capture"))
          for (const cm of preventers(incident.id, step.id))
            expect(
              cm.controls.every((id) => id === "KEY-001" || id === "KEY-002"),
              `${incident.id}/${step.id}: ${cm.controls}`,
            ).toBe(cm.controls.includes("KEY-002") && step.techniques.includes("delegation-abuse"));
  });

  it("credits your own workstation and session controls with the vendor's steps only when you have no vendor", () => {
    for (const id of ["malicious-coding-test", "session-hijack"]) {
      for (const cm of ownPreventers("dmm-bitcoin-2024", id))
        expect(cm.applies_if, `${id} ${cm.controls}`).toEqual({
          question: "uses_wallet_vendor",
          op: "equals",
          value: false,
        });
      // With a vendor, the same kind of control counts only as the vendor's own, from its answers.
      const vendors = (stepOf("dmm-bitcoin-2024", id)?.countermeasures ?? []).filter((cm) => cm.party);
      expect(vendors.length, id).toBeGreaterThan(0);
      for (const cm of vendors)
        expect([cm.party, cm.applies_if], id).toEqual(["wallet_vendor", VENDOR_IN_USE]);
    }
    // The record does not say which device ran the hiring test, so no vendor control is said to prevent it.
    expect(preventers("dmm-bitcoin-2024", "malicious-coding-test").filter((cm) => cm.party)).toEqual([]);
  });

  it("credits only vendor-assurance controls with the steps that happened inside Safe{Wallet}", () => {
    for (const id of ["developer-compromise", "cloud-session-hijack"]) {
      const all = stepOf("bybit-2025", id)?.countermeasures ?? [];
      const controls = all.filter((cm) => cm.party === undefined).flatMap((cm) => cm.controls);
      expect(new Set(controls), id).toEqual(
        new Set(controls.filter((c) => ["SUP-002", "VND-006"].includes(c))),
      );
      expect(ownPreventers("bybit-2025", id), id).toEqual([]);
      // Safe{Wallet}'s own controls are credited only from Safe's (the vendor's) answers.
      for (const cm of all.filter((c) => c.party))
        expect([cm.party, cm.applies_if], id).toEqual(["wallet_vendor", VENDOR_IN_USE]);
    }
  });

  it("credits no specific control with preventing a compromise whose method was never disclosed", () => {
    for (const incident of catalog.incidents)
      for (const step of incident.attack_chain)
        if (step.techniques.includes("undisclosed-method"))
          expect(preventers(incident.id, step.id), `${incident.id}/${step.id}`).toEqual([]);
  });

  it("tells the Stake theft as Stake said it: no key compromise, a breached authorisation service, Lazarus/APT38", () => {
    const stake = catalog.incidents.find((i) => i.id === "stake-2023");
    expect(stake?.attack_chain.map((s) => s.id)).toEqual(["authorisation-service-breach", "outflow"]);
    expect(stake?.attribution.actor).toMatch(/APT38/);
    expect(stake?.attribution.actor).not.toMatch(/TraderTraitor/);
    const keyControls = stake?.attack_chain.flatMap((s) => s.countermeasures.flatMap((cm) => cm.controls));
    expect(keyControls).not.toContain("KEY-004");
  });

  it("records the quorums that signed tampered transactions as counter-evidence", () => {
    const had = (incident: string) =>
      catalog.incidents.find((i) => i.id === incident)?.known_controls.map((k) => k.control) ?? [];
    expect(had("bybit-2025")).toContain("KEY-001");
    expect(had("wazirx-2024")).toEqual(expect.arrayContaining(["KEY-001", "HOT-004"]));
  });

  it("gives every incident sources and a countermeasure, and every relation a reason and a source", () => {
    for (const incident of catalog.incidents) {
      expect(incident.sources.length, incident.id).toBeGreaterThan(0);
      const cms = incident.attack_chain.flatMap((s) => s.countermeasures);
      expect(cms.length, incident.id).toBeGreaterThan(0);
      const keys = new Set([...incident.sources.map((s) => s.key), "catalog-judgement"]);
      for (const cm of cms) {
        expect(cm.why.length, incident.id).toBeGreaterThan(10);
        expect(keys.has(cm.source), `${incident.id} ${cm.source}`).toBe(true);
      }
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
  it("the vendor-run exchange takes its key controls and the steps inside its vendor from the vendor's own answers", async () => {
    const loaded = await loadAnswers(example("vendor-run-exchange"), catalog);
    expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    if (!loaded.answers) throw new Error("answers did not load");
    const evaluation = evaluate(catalog, loaded.answers, { thirdParties: loaded.thirdParties });
    const byId = (id: string) => evaluation.controls.find((c) => c.control_id === id);
    for (const id of ["KEY-003", "KEY-004", "KEY-005"])
      expect(byId(id)?.operated_by, id).toMatchObject({
        name: "Polaris Custody Technologies Ltd.",
        answers: "current",
      });
    expect(byId("IAM-004")?.operated_by).toBeUndefined();
    // Polaris binds only its signing consoles' sessions: inside Safe-like vendors the session step is not prevented.
    const bybit = evaluation.replay.find((r) => r.incident_id === "bybit-2025");
    const hijack = bybit?.steps.find((s) => s.step_id === "cloud-session-hijack");
    const vendorOwn = hijack?.countermeasures.find(
      (c) => c.party === "wallet_vendor" && c.effect === "prevents",
    );
    expect(vendorOwn).toMatchObject({
      state: "partial",
      controls: [{ id: "IAM-004", status: "partially_met" }],
    });
    expect(hijack?.verdict).not.toBe("blocked");
  });

  it("in the DMM-like exchange, only the two controls that check the request itself would stop DMM on their own", async () => {
    const { answers } = await loadAnswers(example("dmm-like-exchange"), catalog);
    if (!answers) throw new Error("answers did not load");
    const stoppers = catalog.controls.filter((control) => {
      const met = control.examples.find((e) => e.expect === "met");
      if (!met) return false;
      const changed = structuredClone(answers);
      changed.answers[control.id] = { responses: met.responses, evidence: [] };
      const replay = evaluate(catalog, changed).replay.find((r) => r.incident_id === "dmm-bitcoin-2024");
      return replay?.verdict === "stopped";
    });
    expect(stoppers.map((c) => c.id)).toEqual(["TXN-001", "VND-005"]);
  });

  it("the midsize exchange stops some attacks and not DMM Bitcoin's, as its 61.4% and tier 0 suggest", async () => {
    const { answers } = await loadAnswers(example("midsize-exchange"), catalog);
    if (!answers) throw new Error("answers did not load");
    const evaluation = evaluate(catalog, answers);
    const verdict = (id: string) => evaluation.replay.find((r) => r.incident_id === id)?.verdict;
    expect(verdict("dmm-bitcoin-2024")).not.toBe("stopped");
    const stopped = evaluation.replay.filter((r) => r.verdict === "stopped").length;
    expect(stopped).toBeGreaterThan(0);
    expect(stopped).toBeLessThan(evaluation.replay.length / 2);
  });

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
    expect(replay?.verdict).toBe("not_stopped");
    expect(replay?.fixes.map((f) => f.join("+")).sort()).toEqual(["TXN-001", "VND-005"]);
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
    const dmm = evaluation.replay.find((r) => r.incident_id === "dmm-bitcoin-2024");
    expect(dmm?.verdict).toBe("stopped");
    expect(dmm?.depth).toBeGreaterThanOrEqual(2);
    const stopped = evaluation.replay.filter((r) => r.verdict === "stopped");
    // Where one control (or one conjunction) holds a chain alone, the replay names it as a single point of failure.
    const single = stopped.filter((r) => r.depth === 1);
    expect(single.map((r) => `${r.incident_id}:${r.single_points.join("+")}`)).toEqual([
      "coinex-2023:KEY-004",
      "harmony-horizon-2022:KEY-004",
      "ledger-connect-kit-2023:SUP-006",
    ]);
    // Attacks whose method was never disclosed are at best limited, never stopped.
    for (const id of ["zaif-2018", "liquid-2021", "poloniex-2023", "upbit-2019", "upbit-2025"])
      expect(evaluation.replay.find((r) => r.incident_id === id)?.verdict, id).toBe("limited");
    expect(evaluation.controls.filter((c) => c.status === "not_answered").map((c) => c.control_id)).toEqual(
      [],
    );
  });
});
