// Catalog 2.0 against the record: each correction of the independent audit (DF1–DF24) is held here, so a later edit
// that brings an error back fails. Lint rules hold the general properties; these hold the particular facts.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { lintCatalog } from "../src/catalog/lint-catalog.js";
import { evaluateControl } from "../src/engine/evaluate-control.js";
import type { Catalog } from "../src/model/catalog.js";

const catalog = (await lintCatalog(fileURLToPath(new URL("../controls", import.meta.url))))
  .catalog as Catalog;
const lesson = (id: string) => catalog.lessons.find((l) => l.id === id)?.narrative ?? "";
const control = (id: string) => catalog.controls.find((c) => c.id === id);
const incident = (id: string) => catalog.incidents.find((i) => i.id === id);
const step = (i: string, s: string) => incident(i)?.attack_chain.find((x) => x.id === s);
const mapped = (id: string, framework: string) => control(id)?.frameworks[framework] ?? [];
const basis = (id: string, question: string) =>
  control(id)?.questions.find((q) => q.id === question)?.basis ?? "";
const status = (id: string, responses: Record<string, unknown>, profile: Record<string, unknown> = {}) =>
  evaluateControl(control(id)!, { responses, evidence: [] }, profile, catalog.profile, "2026-06-30").status;

describe("narratives say what the sources say, with their hedges", () => {
  it("DF2: Bybit's JavaScript was swapped two days before the theft", () => {
    expect(lesson("supply-chain-integrity")).toMatch(/two days before/);
    expect(lesson("supply-chain-integrity")).not.toMatch(/the day before/);
  });
  it("DF19: no source says Ginco had MFA", () => {
    expect(lesson("identity-and-sessions")).not.toMatch(/MFA the victims had/);
  });
  it("DF20: the account of Liminal's interface is WazirX's, and disputed", () => {
    expect(lesson("third-party-wallet-vendor")).toMatch(/WazirX[^.]*(own account|says|according)/);
    expect(lesson("third-party-wallet-vendor")).toMatch(/disput/);
  });
  it("DF24: Ronin's stale delegation gave the fifth signature, not a key", () => {
    expect(step("ronin-2022", "stale-delegation")?.description).toMatch(/fifth signature/);
    expect(step("ronin-2022", "stale-delegation")?.description).not.toMatch(/fifth key/);
    expect(lesson("access-lifecycle")).not.toMatch(/fifth key/);
  });
  it("DF18: DMM's request was likely manipulated, per the FBI/DC3/NPA statement", () => {
    const dmm = JSON.stringify(incident("dmm-bitcoin-2024"));
    expect(step("dmm-bitcoin-2024", "transaction-tampering")?.description).toMatch(/likely/);
    expect(dmm).not.toMatch(/through which transaction requests passed/);
  });
  it("adds the Ledger Connect Kit incident of 14 December 2023 with Ledger's own report", () => {
    const ledger = incident("ledger-connect-kit-2023");
    expect(ledger?.date).toBe("2023-12-14");
    expect(ledger?.sources.map((s) => new URL(s.url).hostname)).toContain("www.ledger.com");
  });
});

describe("mappings cite duties of the exchange, on official texts", () => {
  it("DF15: no control maps to the PSA's report and improvement orders, which are kept as the supervisor's powers", () => {
    const psa = catalog.frameworks.find((f) => f.id === "jp-psa");
    for (const id of ["Art. 63-15(1)", "Art. 63-16"])
      expect(psa?.requirements.find((r) => r.id === id)?.addressee, id).toBe("regulator");
    expect(mapped("CUS-003", "jp-psa")).toContain("Art. 63-10");
  });
  it("DF14: the statutory segregation audit is 63-11(3), customer money in trust 63-11(1)", () => {
    expect(mapped("CUS-005", "jp-psa")).toContain("Art. 63-11(3)");
    expect(mapped("CUS-004", "jp-psa")).toContain("Art. 63-11(1)");
    expect(mapped("CUS-002", "jp-psa")).not.toContain("Art. 63-11(2)");
    expect(mapped("CUS-002", "nydfs-part-200")).not.toContain("200.7");
  });
  it("DF16, DF17 and the misfits: accountability, partners, data in use, MiCA quotas", () => {
    expect(mapped("GOV-001", "iso-27001-2022")).toEqual(expect.arrayContaining(["5.2", "5.4"]));
    expect(mapped("GOV-001", "iso-27001-2022")).not.toContain("5.35");
    expect(mapped("ACC-002", "iso-27001-2022")).not.toContain("6.5");
    for (const id of ["TXN-002", "TXN-004"]) expect(mapped(id, "nist-csf-2.0"), id).not.toContain("PR.DS-10");
    expect(control("HOT-001")?.frameworks["eu-mica"]).toBeUndefined();
    expect(mapped("TXN-007", "iso-27001-2022")).toContain("8.32");
    expect(mapped("TXN-007", "nist-csf-2.0")).toContain("PR.PS-01");
    expect(control("GOV-004")).toBeUndefined();
    expect(control("HOT-002")?.jurisdiction_only).toBe("japan");
  });
  it("DF22: CCSS v9 ids name one level, and the file says which", () => {
    const v9 = catalog.frameworks.find((f) => f.id === "ccss-v9");
    expect(v9?.id_kind).toBeDefined();
    expect(new Set(v9?.requirements.map((r) => r.id.split(".").length))).toEqual(new Set([3]));
  });
  it("DF21: no framework is cited from a blog or a mirror", () => {
    for (const f of catalog.frameworks)
      expect(new URL(f.url).hostname, f.id).not.toMatch(
        /sota\.io|safeguard\.sh|mica\.wtf|iuris\.jp|orkl\.eu|vercel\.app|westlaw/,
      );
  });
});

describe("what the catalog could not confirm is said as such", () => {
  it("a framework's version names its edition only; how it was checked is said apart", () => {
    for (const f of catalog.frameworks)
      expect(f.version, f.id).not.toMatch(/vaspcheck|checked|confirmed|commit/i);
    const checked = (id: string) => catalog.frameworks.find((f) => f.id === id)?.checked ?? "";
    expect(checked("fatf-recommendations")).toMatch(/reproductions/);
    expect(checked("nydfs-part-200")).toMatch(/not the text of 23 NYCRR Part 200/);
  });
  it("PSA Art. 63-9's number is marked unconfirmed on e-Gov", () => {
    const psa = catalog.frameworks.find((f) => f.id === "jp-psa");
    const art = psa?.requirements.find((r) => r.id === "Art. 63-9");
    expect(art?.unconfirmed).toMatch(/not confirmed on e-Gov/);
    expect(art?.title).not.toMatch(/confirmed/);
  });
});

describe("thresholds and questions an auditor can use", () => {
  it("DF11: under DORA, 72 hours is not enough; 24 from awareness and 4 from classification are", () => {
    const answers = (hours: number, classification: number) => ({
      notice_regimes: ["eu_dora"],
      deadline_hours: hours,
      hours_after_classification: classification,
      owner_named: true,
    });
    expect(status("DET-004", answers(72, 72))).not.toBe("met");
    expect(status("DET-004", answers(24, 4))).toBe("met");
    // The regimes left blank: the deadline cannot be compared, so it is not met.
    expect(
      status("DET-004", { deadline_hours: 72, hours_after_classification: 72, owner_named: true }),
    ).not.toBe("met");
  });
  it("a regime the profile implies is compared even when the answer leaves it out", () => {
    const leftOut = {
      notice_regimes: ["new_york"],
      deadline_hours: 72,
      hours_after_classification: 72,
      owner_named: true,
    };
    // A New York answer alone meets NYDFS's 72 hours ...
    expect(status("DET-004", leftOut, { jurisdictions: ["new_york"] })).toBe("met");
    // ... but a MiCA-authorised firm is under DORA whether or not its answer selects it.
    expect(status("DET-004", leftOut, { jurisdictions: ["eu_mica", "new_york"] })).not.toBe("met");
    expect(
      status(
        "DET-004",
        { ...leftOut, deadline_hours: 24, hours_after_classification: 4 },
        { jurisdictions: ["eu_mica"] },
      ),
    ).toBe("met");
    // Nothing answered stays not answered: the profile cannot answer the control for the organization.
    expect(status("DET-004", {}, { jurisdictions: ["eu_mica"] })).toBe("not_answered");
  });
  it("DF12, DF13, DF23: the bases say what the sources require and what is catalog judgement", () => {
    expect(basis("ACC-003", "review_frequency")).toMatch(/500\.7\(a\)\(4\)/);
    expect(basis("IAM-001", "max_session")).toMatch(/[Cc]atalog judgement/);
    expect(basis("IAM-001", "max_session")).toMatch(/IAM-004/);
    expect(basis("VND-001", "last_assessment")).toMatch(/[Cc]atalog judgement/);
  });
  it("DF9: a named executive is not enough without accountability; DF8: two approvers on one channel are partial", () => {
    const gov = control("GOV-001")!;
    expect(gov.questions.map((q) => q.id)).toContain("executive_accountable");
    expect(gov.examples.some((e) => e.expect !== "met" && e.responses.executive_accountable === false)).toBe(
      true,
    );
    expect(control("TXN-006")?.rule.partially_met).toBeDefined();
    expect(control("DET-002")?.questions.map((q) => q.id)).toEqual(
      expect.arrayContaining(["target_minutes", "time_to_detect"]),
    );
  });
  it("DF10: every lesson has a baseline control", () => {
    for (const l of catalog.lessons)
      expect(
        catalog.controls.some((c) => c.level === 1 && c.lessons.includes(l.id)),
        l.id,
      ).toBe(true);
  });
});

describe("answers made for 1.x", () => {
  it("are told, per control, what the 2.0.0 release asks of them", async () => {
    const { readFileSync } = await import("node:fs");
    const { parseYaml } = await import("../src/source/parse-yaml.js");
    const { validateAnswers } = await import("../src/pipeline/validate-answers.js");
    const text = readFileSync(
      fileURLToPath(new URL("../examples/midsize-exchange.yaml", import.meta.url)),
      "utf8",
    );
    const old = text.replace("  version: 2.0.0", "  version: 1.2.0");
    const found = validateAnswers(parseYaml("old.yaml", old), catalog).diagnostics.find(
      (d) => d.code === "answers/catalog-version",
    );
    expect(found?.severity).toBe("error");
    expect(found?.message).toContain(
      "new controls to answer: CUS-004, CUS-005, DET-007, DET-008, HOT-007, SOC-007, SUP-005, SUP-006",
    );
    expect(found?.message).toContain("controls no longer in the catalog: GOV-004");
    expect(found?.related?.map((r) => r.message.split(":")[0])).toEqual([
      "CUS-002",
      "DET-002",
      "DET-004",
      "GOV-001",
      "GOV-003",
      "GOV-004",
      "TXN-006",
    ]);
    expect(found?.related?.find((r) => r.message.startsWith("GOV-001"))?.message).toMatch(
      /executive_accountable.*\(2\.0\.0\)$/,
    );
  });
});
