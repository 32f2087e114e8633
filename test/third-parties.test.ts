// A control a third party operates is decided by that party's own answers; a missing, stale or misplaced answers
// file is a visible gap; the replay credits a vendor's own controls only for the steps that happen inside the vendor.
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCatalog } from "../src/catalog/load-catalog.js";
import { evaluate } from "../src/engine/evaluate.js";
import type { Catalog } from "../src/model/catalog.js";
import { compareFiles } from "../src/pipeline/compare-files.js";
import { loadAnswers } from "../src/pipeline/validate-answers.js";
import { asOrganization, brokenCatalog, FIXTURE_ANSWERS, tempDir, writeTemp } from "./helpers/fixtures.js";

// The fixture's DMM chain, with the vendor engineer's allowlisting credited as the vendor's own control.
const VENDOR_STEP = `      - controls: [WKS-001]
        effect: prevents
        why: Fixture relation of WKS-001.
        source: S1
  - id: session-hijack`;
const catalogDir = brokenCatalog({
  "incidents/dmm-bitcoin-2024.yaml": (t) =>
    t.replace(
      VENDOR_STEP,
      `${VENDOR_STEP.replace("\n  - id: session-hijack", "")}
      - controls: [WKS-001]
        effect: prevents
        party: wallet_vendor
        why: Application allowlisting on the vendor engineer's own device stops the hiring-test script.
        source: S1
  - id: session-hijack`,
    ),
});
const loaded = await loadCatalog(catalogDir);
const catalog = loaded.catalog as Catalog;
const weak = readFileSync(join(FIXTURE_ANSWERS, "weak.yaml"), "utf8");
const strong = readFileSync(join(FIXTURE_ANSWERS, "strong.yaml"), "utf8");

/** The weak exchange, naming a wallet vendor that operates KEY-001, written with the vendor's file into a folder. */
function exchange(vendor: { file?: string; text?: string; operates?: string }, dir = tempDir()): string {
  const parties = `third_parties:
  - name: Kumo Wallet Systems K.K.
    role: wallet_vendor
    identifier: "1234567890123"
    operates: [${vendor.operates ?? "KEY-001"}]
${vendor.file ? `    answers: ${vendor.file}\n` : ""}answers:`;
  const text = weak.replace(/^answers:/m, parties).replace(/^ {2}KEY-001:\n(?: {4}.*\n)+/m, "");
  if (vendor.text !== undefined && vendor.file) writeFileSync(join(dir, vendor.file), vendor.text);
  const path = join(dir, "exchange.yaml");
  writeFileSync(path, text);
  return path;
}

const vendorAnswers = asOrganization(strong, "Kumo Wallet Systems K.K.");

async function run(path: string) {
  const result = await loadAnswers(path, catalog);
  const evaluation = result.answers
    ? evaluate(catalog, result.answers, { thirdParties: result.thirdParties })
    : undefined;
  const dmm = evaluation?.replay.find((r) => r.incident_id === "dmm-bitcoin-2024");
  const step = dmm?.steps.find((s) => s.step_id === "malicious-coding-test");
  const vendorCm = step?.countermeasures.find((c) => c.party === "wallet_vendor");
  return {
    result,
    evaluation,
    dmm,
    vendorCm,
    key: evaluation?.controls.find((c) => c.control_id === "KEY-001"),
  };
}

describe("controls operated by a third party", () => {
  it("takes the status of an operated control from the vendor's own answers, and says so", async () => {
    const { result, key, evaluation } = await run(exchange({ file: "kumo.yaml", text: vendorAnswers }));
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(key?.status).toBe("met");
    expect(key?.operated_by).toEqual({
      name: "Kumo Wallet Systems K.K.",
      role: "wallet_vendor",
      answers: "current",
      date: "2026-06-30",
    });
    expect(evaluation?.third_parties[0]).toMatchObject({
      answers: "current",
      operates: ["KEY-001"],
      identifier: "1234567890123",
    });
  });

  it("credits the vendor's own controls on the step inside the vendor, and only from the vendor's answers", async () => {
    const withVendor = await run(exchange({ file: "kumo.yaml", text: vendorAnswers }));
    expect(withVendor.vendorCm).toMatchObject({
      state: "in_place",
      controls: [{ id: "WKS-001", status: "met" }],
    });
    expect(withVendor.dmm?.verdict).toBe("stopped");
    // The same exchange without the vendor's file: nothing inside the vendor is credited, and the chain is open.
    const without = await run(exchange({}));
    expect(without.vendorCm).toMatchObject({
      state: "party_unanswered",
      controls: [{ id: "WKS-001", status: "not_answered" }],
    });
    expect(without.dmm?.verdict).not.toBe("stopped");
    // The exchange's own (weak) WKS-001 never stands in for the vendor's.
    expect(without.evaluation?.controls.find((c) => c.control_id === "WKS-001")?.operated_by).toBeUndefined();
  });

  it("with two wallet vendors, replays the weaker one's controls and names it", async () => {
    const dir = tempDir();
    const path = exchange({ file: "kumo.yaml", text: vendorAnswers }, dir);
    writeFileSync(join(dir, "sora.yaml"), asOrganization(weak, "Sora Wallet K.K."));
    const two = readFileSync(path, "utf8").replace(
      /^answers:/m,
      "  - name: Sora Wallet K.K.\n    role: wallet_vendor\n    operates: []\n    answers: sora.yaml\nanswers:",
    );
    writeFileSync(path, two);
    const { vendorCm, result } = await run(path);
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(vendorCm?.state).toBe("absent");
    expect(vendorCm?.controls).toEqual([
      expect.objectContaining({ id: "WKS-001", party_name: "Sora Wallet K.K." }),
    ]);
    const alone = await run(exchange({ file: "kumo.yaml", text: vendorAnswers }));
    expect(alone.vendorCm?.controls[0]?.party_name).toBe("Kumo Wallet Systems K.K.");
  });

  it("evaluates answers built in code without a third-party list, as before there was one", async () => {
    const { result } = await run(exchange({}));
    const { third_parties: _, ...rest } = result.answers!;
    const plain = evaluate(catalog, rest as typeof result.answers & object);
    expect(plain.third_parties).toEqual([]);
  });

  it("warns when the profile declares a wallet vendor and the file names none", async () => {
    const result = await loadAnswers(writeTemp("no-vendor.yaml", weak), catalog);
    const hit = result.diagnostics.find((d) => d.code === "answers/third-party-undeclared");
    expect(hit?.severity).toBe("warning");
    expect(hit?.start.line).toBe(weak.split("\n").findIndex((l) => l.includes("uses_wallet_vendor")) + 1);
    const named = await loadAnswers(exchange({}), catalog);
    expect(named.diagnostics.some((d) => d.code === "answers/third-party-undeclared")).toBe(false);
  });

  it("never scores a vendor's own file as an exchange's, and checks the role it declares", async () => {
    const declared = vendorAnswers.replace(/^(organization:\n(?: {2}.*\n)*)/m, "$1  role: wallet_vendor\n");
    expect(declared).toContain("  role: wallet_vendor\n");
    const alone = writeTemp("kumo-alone.yaml", declared);
    const refused = await loadAnswers(alone, catalog);
    expect(refused.answers).toBeUndefined();
    expect(refused.diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ["answers/third-party-file", "error"],
    ]);
    expect(refused.diagnostics[0]?.start.line).toBe(
      declared.split("\n").indexOf("  role: wallet_vendor") + 1,
    );
    // `validate` checks it as what it says it is: no profile or completeness warnings meant for an exchange.
    const checked = await loadAnswers(alone, catalog, { acceptThirdPartyFile: true });
    expect(checked.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(checked.diagnostics.some((d) => d.code === "answers/missing-profile")).toBe(false);
    // Named as a party, a file declaring another role decides nothing; one declaring none is asked to.
    const custodian = await run(
      exchange({ file: "kumo.yaml", text: declared.replace("role: wallet_vendor", "role: custodian") }),
    );
    expect(custodian.result.answers).toBeUndefined();
    expect(custodian.result.diagnostics.find((d) => d.code === "answers/third-party-file")?.severity).toBe(
      "error",
    );
    const undeclared = await run(exchange({ file: "kumo.yaml", text: vendorAnswers }));
    expect(undeclared.result.diagnostics.find((d) => d.code === "answers/third-party-file")?.severity).toBe(
      "warning",
    );
    const fine = await run(exchange({ file: "kumo.yaml", text: declared }));
    expect(fine.result.diagnostics.some((d) => d.code === "answers/third-party-file")).toBe(false);
    expect(fine.key?.status).toBe("met");
  });

  it("says a vendor gave no current answers instead of crediting its answers, and a misspelt vendor entry is not 'none named'", async () => {
    const { buildReplayView } = await import("../src/report/replay-view.js");
    const { evaluation } = await run(exchange({}));
    const view = JSON.stringify(buildReplayView(evaluation!, catalog, (id) => id));
    expect(view).toContain("WKS-001 Not answered (Kumo Wallet Systems K.K. gave no current answers)");
    expect(view).not.toMatch(/Not answered \([^)]*from its answers\)/);
    const typo = exchange({}).replace(/exchange\.yaml$/, "typo.yaml");
    writeFileSync(
      typo,
      readFileSync(exchange({}), "utf8").replace("operates: [KEY-001]", "operates: [key-1]"),
    );
    const loaded = await loadAnswers(typo, catalog);
    expect(loaded.diagnostics.some((d) => d.severity === "error")).toBe(true);
    expect(loaded.diagnostics.some((d) => d.code === "answers/third-party-undeclared")).toBe(false);
    // An unknown role is a schema error, not a refusal as a third party's file.
    const odd = await loadAnswers(
      writeTemp("odd-role.yaml", weak.replace(/^(organization:\n)/m, "$1  role: exchange\n")),
      catalog,
    );
    expect(odd.diagnostics.some((d) => d.code === "answers/third-party-file")).toBe(false);
    expect(odd.diagnostics.some((d) => d.severity === "error")).toBe(true);
  });

  it("makes a missing vendor file a visible gap, never a pass", async () => {
    const { result, key } = await run(exchange({}));
    expect(key?.status).toBe("not_answered");
    expect(key?.operated_by?.answers).toBe("missing");
    const warning = result.diagnostics.find((d) => d.code === "answers/third-party-unanswered");
    expect(warning?.severity).toBe("warning");
    expect(warning?.message).toContain("Kumo Wallet Systems K.K. operates 1 controls");
  });

  it("treats vendor answers more than a year old as stale: they decide nothing", async () => {
    const old = vendorAnswers.replace(/date: "2026-06-30"/, 'date: "2025-01-15"');
    const { result, key, vendorCm } = await run(exchange({ file: "kumo.yaml", text: old }));
    expect(key?.status).toBe("not_answered");
    expect(key?.operated_by).toMatchObject({ answers: "stale", date: "2025-01-15" });
    expect(vendorCm?.state).toBe("party_unanswered");
    expect(result.diagnostics.find((d) => d.code === "answers/third-party-stale")?.message).toContain(
      "531 days before 2026-06-30",
    );
  });

  it("refuses a vendor file outside the answers folder, unknown operated controls and a control answered twice", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "sub"));
    const outside = await loadAnswers(exchange({ file: "../../etc/passwd" }, join(dir, "sub")), catalog);
    const path = outside.diagnostics.find((d) => d.code === "answers/third-party-path");
    expect(path?.severity).toBe("error");
    expect(path?.start.line).toBeGreaterThan(1);
    const unknown = await loadAnswers(exchange({ operates: "KEY-999" }), catalog);
    expect(unknown.diagnostics.find((d) => d.code === "answers/unknown-control")?.message).toBe(
      "Unknown control `KEY-999`",
    );
    // TXN-001 is answered in the weak file and now also operated by the vendor.
    const twice = await loadAnswers(exchange({ operates: "TXN-001" }), catalog);
    expect(twice.diagnostics.find((d) => d.code === "answers/third-party-conflict")?.message).toContain(
      "TXN-001 is operated by Kumo Wallet Systems K.K., whose own answers decide it, but this file answers it too",
    );
  });

  it("replays a submission with a vendor in a comparison exactly as its report does, and shows who shares a vendor", async () => {
    const dir = tempDir();
    exchange({ file: "kumo.yaml", text: vendorAnswers }, dir);
    const second = tempDir();
    exchange({ file: "kumo.yaml", text: vendorAnswers }, second);
    const other = join(dir, "second.yaml");
    writeFileSync(
      other,
      asOrganization(readFileSync(join(second, "exchange.yaml"), "utf8"), "Second Exchange K.K."),
    );
    writeFileSync(join(dir, "kumo.yaml"), vendorAnswers);
    const report = await run(join(dir, "exchange.yaml"));
    const compared = await compareFiles({ inputs: [join(dir, "exchange.yaml"), other], catalogDir, jobs: 0 });
    expect(compared.ok).toBe(true);
    if (!compared.ok) return;
    const row = compared.comparison.organizations.find((o) => o.name === "Weak Exchange K.K.");
    expect(report.dmm?.verdict).toBe("stopped");
    expect(row?.incidents["dmm-bitcoin-2024"]?.verdict).toBe(report.dmm?.verdict);
    expect(compared.comparison.shared_third_parties).toEqual([
      {
        name: "Kumo Wallet Systems K.K.",
        role: "wallet_vendor",
        identifier: "1234567890123",
        organizations: ["Second Exchange K.K.", "Weak Exchange K.K."],
        controls: ["KEY-001"],
      },
    ]);
  });

  it("reads no file through a link out of the folder, nor the answers file itself, nor another company's answers", async () => {
    const dir = tempDir();
    const outside = join(tempDir(), "secret.yaml");
    writeFileSync(outside, "secret: root:x:0:0\n");
    symlinkSync(outside, join(dir, "link.yaml"));
    const linked = await loadAnswers(exchange({ file: "link.yaml" }, dir), catalog);
    expect(linked.diagnostics.find((d) => d.code === "answers/third-party-path")?.severity).toBe("error");
    expect(JSON.stringify(linked.diagnostics)).not.toContain("root:x");
    const self = await loadAnswers(exchange({ file: "exchange.yaml" }), catalog);
    expect(self.diagnostics.find((d) => d.code === "answers/third-party-path")?.message).toContain(
      "or is this file itself",
    );
    const other = asOrganization(strong, "Totally Different GmbH");
    const mismatch = await run(exchange({ file: "kumo.yaml", text: other }));
    expect(mismatch.result.diagnostics.find((d) => d.code === "answers/third-party-mismatch")?.message).toBe(
      "`kumo.yaml` is the answers of Totally Different GmbH, not of Kumo Wallet Systems K.K.",
    );
  });

  it("places a vendor file that is not there at the line naming it, as an error of the submission", async () => {
    const { result } = await run(exchange({ file: "gone.yaml" }));
    const missing = result.diagnostics.find((d) => d.code === "answers/third-party-path");
    expect(missing?.message).toMatch(
      /^`gone\.yaml` cannot be read \(.*\), so Kumo Wallet Systems K\.K\.'s controls count as not answered$/,
    );
    expect(missing?.file.endsWith("exchange.yaml")).toBe(true);
    expect(result.diagnostics.some((d) => d.code === "input/read-failed")).toBe(false);
  });

  it("uses no vendor answers dated after the as-of date", async () => {
    const future = vendorAnswers.replace(/date: "2026-06-30"/, 'date: "2027-01-15"');
    const { result, key, vendorCm } = await run(exchange({ file: "kumo.yaml", text: future }));
    expect(key?.operated_by).toMatchObject({ answers: "stale", date: "2027-01-15" });
    expect(vendorCm?.state).toBe("party_unanswered");
    expect(result.diagnostics.find((d) => d.code === "answers/third-party-stale")?.message).toContain(
      "after 2026-06-30",
    );
  });

  it("sees one vendor behind two exchanges when only one of them gives its identifier", async () => {
    const dir = tempDir();
    exchange({ file: "kumo.yaml", text: vendorAnswers }, dir);
    const second = readFileSync(join(dir, "exchange.yaml"), "utf8").replace(/^ {4}identifier: .*\n/m, "");
    writeFileSync(join(dir, "second.yaml"), asOrganization(second, "Second Exchange K.K."));
    const compared = await compareFiles({ inputs: [dir], catalogDir, jobs: 0 });
    if (!compared.ok) throw new Error("compare failed");
    expect(
      compared.comparison.shared_third_parties.map((p) => [p.identifier, p.organizations.length]),
    ).toEqual([["1234567890123", 2]]);
    expect(compared.comparison.summary.third_party_files).toBe(1);
    // Two identifiers under one name are two companies: no false single point of failure.
    writeFileSync(
      join(dir, "second.yaml"),
      asOrganization(
        second.replace(/^( {4}role: wallet_vendor\n)/m, '$1    identifier: "9999999999999"\n'),
        "Second Exchange K.K.",
      ),
    );
    const apart = await compareFiles({ inputs: [dir], catalogDir, jobs: 0 });
    if (!apart.ok) throw new Error("compare failed");
    expect(apart.comparison.shared_third_parties.map((p) => [p.identifier, p.organizations.length])).toEqual([
      ["1234567890123", 1],
      ["9999999999999", 1],
    ]);
  });
});
