// Comparison verdicts stay true: an old-version file changes no one else's, small peer groups are refused, own N/As show.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { PDFParse } from "pdf-parse";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalog } from "../src/catalog/load-catalog.js";
import { main } from "../src/cli/main.js";
import { evaluate } from "../src/engine/evaluate.js";
import { AnswersSchema } from "../src/model/answers.js";
import type { Catalog } from "../src/model/catalog.js";
import { type Comparison, ComparisonSchema } from "../src/model/comparison.js";
import { compareFiles } from "../src/pipeline/compare-files.js";
import { renderComparisonCsv } from "../src/report/comparison/csv.js";
import { renderComparisonMarkdown } from "../src/report/comparison/render-markdown.js";
import { renderComparisonPdf } from "../src/report/comparison/render-pdf.js";
import { parseYaml } from "../src/source/parse-yaml.js";
import { memoryIo } from "./helpers/cli.js";
import {
  asOrganization,
  brokenCatalog,
  FIXTURE_ANSWERS,
  FIXTURE_CATALOG,
  tempDir,
} from "./helpers/fixtures.js";

const fixture = (name: "weak" | "strong") => readFileSync(join(FIXTURE_ANSWERS, `${name}.yaml`), "utf8");

const v11 = (text: string) => text.replace("version: 1.0.0", "version: 1.1.0");

function write(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function compare(dir: string, extra: Partial<Parameters<typeof compareFiles>[0]> = {}) {
  return compareFiles({ inputs: [dir], catalogDir: FIXTURE_CATALOG, jobs: 0, ...extra });
}

async function compared(
  dir: string,
  extra: Partial<Parameters<typeof compareFiles>[0]> = {},
): Promise<Comparison> {
  const result = await compare(dir, extra);
  if (!result.ok) throw new Error(`comparison failed: ${JSON.stringify(result)}`);
  return ComparisonSchema.parse(JSON.parse(JSON.stringify(result.comparison)));
}

/** Catalog 1.1.0: DET-001 added, GOV-001 and SOC-001 (a DMM countermeasure, not a Bybit one) changed. */
let versioned: string;
let catalog: Catalog;
/** Five strong exchanges and one weak one on 1.1.0. */
let current: string;
/** The same six, and one exchange on 1.0.0. */
let mixed: string;
let alone: Comparison;
let withOld: Comparison;

beforeAll(async () => {
  versioned = brokenCatalog({
    "catalog.yaml": (t) =>
      `${t.replace("version: 1.0.0", "version: 1.1.0")}  - version: 1.1.0\n    summary: Test release.\n    added: [DET-001]\n    changed: [GOV-001, SOC-001]\n`,
  });
  catalog = (await loadCatalog(versioned)).catalog!;
  current = tempDir();
  mixed = tempDir();
  for (const dir of [current, mixed]) {
    for (let i = 0; i < 5; i++)
      write(dir, `strong-${i}.yaml`, v11(asOrganization(fixture("strong"), `Strong ${i}`, `S-${i}`)));
    write(dir, "weak.yaml", v11(fixture("weak")));
  }
  write(mixed, "old.yaml", asOrganization(fixture("weak"), "Old Exchange", "OLD-1"));
  alone = await compared(current, { catalogDir: versioned });
  withOld = await compared(mixed, { catalogDir: versioned });
});

describe("compare integrity: mixed catalog versions", () => {
  it("leaves every other organization's statuses, scores, tiers and verdicts as they were", () => {
    expect(withOld.controls.map((c) => c.id)).toEqual(catalog.controls.map((c) => c.id));
    for (const row of alone.organizations) {
      const same = withOld.organizations.find((o) => o.label === row.label)!;
      expect(same, row.label).toMatchObject({
        score: row.score,
        tier: row.tier,
        lessons: row.lessons,
        controls: row.controls,
        incidents: row.incidents,
        not_compared: [],
        catalog_standing: "current",
      });
    }
  });

  it("scores the old submission on its own version and marks what is not compared for it alone", () => {
    const old = withOld.organizations.find((o) => o.label === "Old Exchange")!;
    expect(old).toMatchObject({
      answered_catalog_version: "1.0.0",
      catalog_standing: "older",
      not_compared: ["DET-001", "GOV-001", "SOC-001"],
      not_comparable_incidents: ["dmm-bitcoin-2024"],
    });
    expect(old.version_note).toContain(
      "3 controls added or changed since are not compared for this organization",
    );
    expect(old.controls["SOC-001"]).toBe("not_compared");
    expect(old.incidents["dmm-bitcoin-2024"]).toEqual({ verdict: "not_comparable", steps: {} });
    const answers = AnswersSchema.parse(
      parseYaml("old.yaml", readFileSync(join(mixed, "old.yaml"), "utf8")).file?.data,
    );
    const own = { ...catalog, controls: catalog.controls.filter((c) => !old.not_compared.includes(c.id)) };
    const expected = evaluate(own, answers);
    expect(old.score).toBe(expected.overall.score);
    expect(old.tier).toBe(expected.overall.tier);
    const bybit = expected.replay.find((r) => r.incident_id === "bybit-2025")!;
    expect(old.incidents["bybit-2025"]!.verdict).toBe(bybit.verdict);
    const note = withOld.not_compared.find((n) => n.control_id === "SOC-001")!;
    expect(note).toMatchObject({ reason: "changed", submissions: 1, organizations: ["Old Exchange"] });
    expect(note.explanation).toContain(
      "not compared for that submission only; the other 6 are compared on it",
    );
  });

  it("counts in each control's statistics only the submissions that could answer it", () => {
    const soc = withOld.control_stats.find((s) => s.control_id === "SOC-001")!;
    const before = alone.control_stats.find((s) => s.control_id === "SOC-001")!;
    expect(soc).toMatchObject({ compared: 6, not_compared: 1, counts: before.counts, shares: before.shares });
    const txn = withOld.control_stats.find((s) => s.control_id === "TXN-001")!;
    expect(txn).toMatchObject({ compared: 7, not_compared: 0 });
    expect(txn.counts.not_met).toBe(2);
    const social = withOld.lesson_stats.find((l) => l.lesson_id === "social-engineering")!;
    expect(social).toMatchObject({ n: 6, not_comparable: 1 });
    expect(social.median).toBe(alone.lesson_stats.find((l) => l.lesson_id === "social-engineering")!.median);
  });

  it("leaves the old submission out of the exposure to an incident whose countermeasures it cannot answer, and says so", () => {
    const dmm = withOld.exposure.find((e) => e.incident_id === "dmm-bitcoin-2024")!;
    const dmmAlone = alone.exposure.find((e) => e.incident_id === "dmm-bitcoin-2024")!;
    expect(dmm).toMatchObject({
      applicable: 6,
      not_comparable: 1,
      stopped: dmmAlone.stopped,
      steps: dmmAlone.steps,
    });
    expect(dmm.not_stopped).toBe(dmmAlone.not_stopped);
    expect(dmm.summary).toContain("1 exchange is not comparable on this chain and not counted");
    const bybit = withOld.exposure.find((e) => e.incident_id === "bybit-2025")!;
    expect(bybit).toMatchObject({ applicable: 7, not_comparable: 0 });
  });

  it("says in every format which submission is on an older version and what that means", async () => {
    const md = await renderComparisonMarkdown(withOld, { vaspcheckVersion: "test" });
    expect(md).toContain("## Submissions on another catalog version");
    expect(md).toMatch(/\| Old Exchange \| 1\.0\.0 \| 3 \| 1 \| Answered catalog 1\.0\.0, older than/);
    expect(md).toContain("| Old Exchange † |");
    expect(md).toContain("◌ Not compared (older catalog version)");
    expect(md).toMatch(
      /- 1 submission was made against an older catalog version than 1\.1\.0 — 1\.0\.0: Old Exchange/,
    );
    expect(md).not.toMatch(/left out because not every submission/);
    const rows = parseCsv(renderComparisonCsv(withOld), { columns: true }) as Record<string, string>[];
    const cell = (org: string, id: string) =>
      rows.find((r) => r.organization === org && r.control_id === id)!;
    expect(cell("Old Exchange", "SOC-001")).toMatchObject({
      status: "not_compared",
      catalog_standing: "older",
    });
    expect(cell("Old Exchange", "TXN-001").status).toBe("not_met");
    const parser = new PDFParse({
      data: new Uint8Array(renderComparisonPdf(withOld, { vaspcheckVersion: "test" })),
    });
    const text = (await parser.getText()).text;
    await parser.destroy();
    expect(text).toContain("Scored on fewer controls (older catalog version)");
    expect(text).toContain("Not compared");
    expect(text).toContain("Submissions on another catalog version");
  });
});

describe("compare integrity: small peer groups", () => {
  let small: string;
  beforeAll(() => {
    small = tempDir();
    write(small, "weak.yaml", fixture("weak"));
    for (let i = 0; i < 2; i++)
      write(small, `strong-${i}.yaml`, asOrganization(fixture("strong"), `Strong ${i}`, `S-${i}`));
  });

  it("refuses --focus and --anonymize with fewer peers than the minimum, saying why and how to override", async () => {
    for (const options of [{ focus: "Weak Exchange K.K." }, { anonymize: true }]) {
      const result = await compare(small, options);
      expect(result.ok, JSON.stringify(options)).toBe(false);
      if (result.ok) return;
      expect(result.problem).toMatch(/2 peers, fewer than the minimum peer group of 5.*re-identification/);
      expect(result.hint).toContain("--min-peers N");
    }
    expect((await compare(small, { focus: "Weak Exchange K.K.", minPeers: 2 })).ok).toBe(true);
    // Without pseudonyms there is no peer to protect: a named comparison of three is fine.
    expect((await compare(small)).ok).toBe(true);
  });

  it("exits 2 on the command line, and takes --min-peers", async () => {
    const refused = memoryIo();
    const args = [
      "compare",
      small,
      "--catalog",
      FIXTURE_CATALOG,
      "--jobs",
      "0",
      "--focus",
      "Weak Exchange K.K.",
    ];
    expect(await main(args, refused)).toBe(2);
    expect(refused.out).toBe("");
    expect(refused.err).toContain("Too few peers to show under pseudonyms");
    expect(refused.err).toContain(
      "hint: Compare at least 6 organizations, or lower the minimum with --min-peers N",
    );
    const allowed = memoryIo();
    expect(await main([...args, "--min-peers", "2"], allowed)).toBe(0);
    expect(allowed.out).toContain("# Supervisory feedback: Weak Exchange K.K.");
    expect(allowed.out).toContain("compared with 2 peers");
    const bad = memoryIo();
    expect(await main([...args, "--min-peers", "1.5"], bad)).toBe(2);
    expect(bad.err).toContain("--min-peers expects a whole number");
  });

  it("withholds a peer share whose own peers in scope are fewer than the minimum", async () => {
    // Six peers, one of them on 1.0.0 and so not comparable on DMM Bitcoin: five peers in scope there.
    const dir = tempDir();
    for (let i = 0; i < 5; i++)
      write(dir, `strong-${i}.yaml`, v11(asOrganization(fixture("strong"), `Strong ${i}`, `S-${i}`)));
    write(dir, "weak.yaml", v11(fixture("weak")));
    write(dir, "old.yaml", asOrganization(fixture("strong"), "Old Exchange", "OLD-1"));
    const c = await compared(dir, { catalogDir: versioned, focus: "Weak Exchange K.K.", minPeers: 6 });
    const focus = c.focus!;
    expect(focus.min_peers).toBe(6);
    const dmm = focus.incidents.find((i) => i.incident_id === "dmm-bitcoin-2024")!;
    expect(dmm).toMatchObject({ peers_in_scope: 5, peers_stopped_share: null });
    expect(dmm.withheld).toBe(
      "withheld: 5 peers in scope, fewer than the minimum of 6, so a peer could be re-identified",
    );
    const bybit = focus.incidents.find((i) => i.incident_id === "bybit-2025")!;
    expect(bybit).toMatchObject({ peers_in_scope: 6, peers_stopped_share: 100, withheld: null });
    const social = focus.lessons.find((l) => l.id === "social-engineering")!;
    expect(social).toMatchObject({ peers: 5, peer_median: null, percentile: null });
    expect(social.withheld).toContain("fewer than the minimum of 6");
    expect(focus.lessons.find((l) => l.id === "key-management")).toMatchObject({ peers: 6, percentile: 0 });
    const md = await renderComparisonMarkdown(c, { vaspcheckVersion: "test" });
    expect(md).toContain(
      "| DMM Bitcoin | Would NOT have been stopped | — (withheld: 5 peers in scope, fewer than the minimum of 6",
    );
    // The old exchange's own standing on a lesson its version asks differently is not compared with anyone's.
    const old = (await compared(dir, { catalogDir: versioned, focus: "Old Exchange", minPeers: 6 })).focus!;
    expect(old.incidents.find((i) => i.incident_id === "dmm-bitcoin-2024")!.verdict).toBe("not_comparable");
    expect(old.lessons.find((l) => l.id === "social-engineering")).toMatchObject({
      percentile: null,
      withheld:
        "your catalog version 1.0.0 lacks 1 of these controls (or asked them differently), so your score is on another basis than your peers'",
    });
    expect(old.lessons.find((l) => l.id === "key-management")!.withheld).toBeNull();
  });

  it("shows pseudonymised organizations' assessment dates as quarters everywhere", async () => {
    const dir = tempDir();
    for (let i = 0; i < 5; i++)
      write(
        dir,
        `strong-${i}.yaml`,
        asOrganization(fixture("strong"), `Strong ${i}`, `S-${i}`, `2026-0${i + 1}-1${i}`),
      );
    write(dir, "weak.yaml", fixture("weak"));
    write(
      dir,
      "weak-march.yaml",
      asOrganization(
        fixture("weak"),
        "Weak Exchange K.K.",
        "Kanto Local Finance Bureau No. 00099",
        "2026-03-31",
      ),
    );
    const anonymous = await compared(dir, { anonymize: true });
    expect(anonymous.organizations.map((o) => o.assessment_date).sort()).toEqual([
      "2026-Q1",
      "2026-Q1",
      "2026-Q1",
      "2026-Q2",
      "2026-Q2",
      "2026-Q2",
    ]);
    expect(anonymous.duplicates[0]).toMatchObject({
      kept: { assessment_date: "2026-Q2" },
      ignored: [{ assessment_date: "2026-Q1" }],
      reason: "it has the latest assessment date (2026-Q2)",
    });
    const outputs = [JSON.stringify(anonymous), renderComparisonCsv(anonymous)];
    for (const output of outputs) expect(output).not.toMatch(/2026-0\d-\d\d/);
    expect(renderComparisonPdf(anonymous, { vaspcheckVersion: "test" }).length).toBeGreaterThan(0);
    const focused = await compared(dir, { focus: "Weak Exchange K.K." });
    for (const o of focused.organizations)
      expect(o.assessment_date, o.label).toMatch(o.focus ? /^2026-06-30$/ : /^2026-Q[12]$/);
  });
});

describe("compare integrity: controls declared not applicable", () => {
  it("counts, per organization, the controls it ruled out by its own answer, and flags a critical one", async () => {
    const dir = tempDir();
    write(
      dir,
      "weak.yaml",
      fixture("weak").replace(
        "  WKS-001:\n    responses: { enforcement: none }",
        "  WKS-001:\n    not_applicable: { justification: No workstations here; every signer uses a locked-down hardware device instead. }",
      ),
    );
    // Out of HOT-001's scope by its profile, which is no declaration of its own.
    write(
      dir,
      "strong.yaml",
      fixture("strong").replace("operates_hot_wallets: true", "operates_hot_wallets: false"),
    );
    const c = await compared(dir);
    const weak = c.organizations.find((o) => o.label === "Weak Exchange K.K.")!;
    const strong = c.organizations.find((o) => o.label === "Strong Exchange Ltd")!;
    expect(weak.declared_not_applicable).toEqual(["WKS-001"]);
    expect(strong.controls["HOT-001"]).toBe("not_applicable");
    expect(strong.declared_not_applicable).toEqual([]);
    expect(c.control_stats.find((s) => s.control_id === "WKS-001")).toMatchObject({
      not_applicable_by_answer: 1,
    });
    expect(c.control_stats.find((s) => s.control_id === "HOT-001")).toMatchObject({
      not_applicable_by_answer: 0,
      counts: { not_applicable: 1 },
    });
    const md = await renderComparisonMarkdown(c, { vaspcheckVersion: "test" });
    expect(md).toContain("## Controls declared not applicable by the exchanges themselves");
    expect(md).toContain("| Weak Exchange K.K. | 1 | WKS-001 (critical) |");
    expect(md).toMatch(
      /- Critical control WKS-001 .* is declared not applicable by 1 exchange in its own answers \(Weak Exchange K\.K\.\)/,
    );
    const rows = parseCsv(renderComparisonCsv(c), { columns: true }) as Record<string, string>[];
    const by = (org: string, id: string) =>
      rows.find((r) => r.organization === org && r.control_id === id)!.not_applicable_by;
    expect([by("Weak Exchange K.K.", "WKS-001"), by("Strong Exchange Ltd", "HOT-001")]).toEqual([
      "answer",
      "profile",
    ]);
  });
});
