import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";
import { diffSubmissions } from "../src/compare/diff.js";
import type { Catalog } from "../src/model/catalog.js";
import { type Diff, DiffSchema } from "../src/model/diff.js";
import { jsonSchemaOf } from "../src/model/json-schema.js";
import { createAssessor, type ValidSubmission } from "../src/pipeline/assess-submission.js";
import { diffFiles } from "../src/pipeline/diff-files.js";
import { DIFF_RENDERERS } from "../src/report/comparison/render-diff.js";
import { memoryIo } from "./helpers/cli.js";
import {
  brokenCatalog,
  FIXTURE_ANSWERS,
  FIXTURE_CATALOG,
  fixtureCatalog,
  tempDir,
} from "./helpers/fixtures.js";

const fixture = (name: "weak" | "strong") => readFileSync(join(FIXTURE_ANSWERS, `${name}.yaml`), "utf8");

/** The strong answers, filed by the weak exchange (same name and registration) at a later date. */
const improvedWeak = () =>
  fixture("strong")
    .replace(
      "name: Strong Exchange Ltd",
      "name: Weak Exchange K.K.\n  registration: Kanto Local Finance Bureau No. 00099",
    )
    .replace('date: "2026-06-30"', 'date: "2026-09-30"');

function write(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function valid(catalog: Catalog, path: string): ValidSubmission {
  const result = createAssessor(catalog).read(path);
  if (!result.valid) throw new Error(`invalid fixture ${path}: ${JSON.stringify(result.diagnostics)}`);
  return result;
}

let catalog: Catalog;
let dir: string;
let forward: Diff;

beforeAll(async () => {
  catalog = await fixtureCatalog();
  dir = tempDir();
  write(dir, "weak.yaml", fixture("weak"));
  write(dir, "weak-later.yaml", improvedWeak());
  forward = diffSubmissions(
    catalog,
    valid(catalog, join(dir, "weak.yaml")),
    valid(catalog, join(dir, "weak-later.yaml")),
  );
});

describe("diff: categories", () => {
  it("lists what improved, with score, tier and replay changes", () => {
    expect(forward.same_organization).toBe(true);
    expect(forward.summary).toMatchObject({ improved: 8, regressed: 0, new: 0, removed: 0, unchanged: 1 });
    expect(forward.controls.map((c) => c.control_id)).not.toContain("HOT-001");
    const txn = forward.controls.find((c) => c.control_id === "TXN-001")!;
    expect(txn).toMatchObject({
      change: "improved",
      old_status: "not_met",
      new_status: "met",
      severity: "critical",
    });
    const gov = forward.controls.find((c) => c.control_id === "GOV-001")!;
    expect(gov).toMatchObject({ change: "improved", old_status: "not_answered", new_status: "met" });
    expect(forward.overall).toMatchObject({ old: forward.old.score, new: 100, old_tier: 0, new_tier: 3 });
    expect(forward.overall.delta).toBe(Math.round((100 - forward.old.score!) * 10) / 10);
    expect(forward.new).toMatchObject({ tier: 3, tier_name: "Advanced", assessment_date: "2026-09-30" });
    expect(forward.lessons.find((l) => l.id === "key-management")).toMatchObject({
      old: 0,
      new: 100,
      delta: 100,
    });
    expect(forward.incidents.map((i) => [i.incident_id, i.old_verdict, i.new_verdict, i.change])).toEqual([
      ["bybit-2025", "limited", "stopped", "better"],
      ["dmm-bitcoin-2024", "not_stopped", "stopped", "better"],
    ]);
  });

  it("moves a verdict only with its reason: the countermeasure controls whose status changed", () => {
    for (const i of forward.incidents) {
      if (i.change !== "same") expect(i.changed_controls.length, i.incident_id).toBeGreaterThan(0);
      expect(i.profile_changed).toBe(false);
    }
    expect(forward.incidents.find((i) => i.incident_id === "dmm-bitcoin-2024")?.changed_controls).toContain(
      "TXN-001",
    );
    // A change to a control that counters no step of the chain cannot move its verdict.
    const onlyGov = write(
      dir,
      "weak-gov.yaml",
      fixture("weak")
        .replace('date: "2026-06-30"', 'date: "2026-09-30"')
        .replace(
          / {2}GOV-001:\s*$/,
          '  GOV-001:\n    responses: { executive_name: Jane Doe, last_board_report: "2026-05-01" }\n',
        ),
    );
    const gov = diffSubmissions(catalog, valid(catalog, join(dir, "weak.yaml")), valid(catalog, onlyGov));
    for (const i of gov.incidents)
      expect(i, i.incident_id).toMatchObject({ change: "same", changed_controls: [] });
  });

  it("lists what regressed when the order is reversed, most severe first", () => {
    const back = diffSubmissions(
      catalog,
      valid(catalog, join(dir, "weak-later.yaml")),
      valid(catalog, join(dir, "weak.yaml")),
    );
    expect(back.summary).toMatchObject({ improved: 0, regressed: 8 });
    expect(back.controls.every((c) => c.change === "regressed")).toBe(true);
    const severities = back.controls.map((c) => c.severity);
    expect(severities.indexOf("critical")).toBe(0);
    expect(back.incidents.every((i) => i.change === "worse")).toBe(true);
    expect(back.overall.delta).toBe(-forward.overall.delta!);
  });

  it("lists a newly declared N/A on its own, and exception changes of equal credit as other changes", () => {
    const path = write(
      dir,
      "weak-scoped.yaml",
      fixture("weak")
        .replace(
          "  WKS-001:\n    responses: { enforcement: none }",
          "  WKS-001:\n    not_applicable: { justification: No workstations here; every signer uses a locked-down hardware device instead. }",
        )
        .replace(
          "  IAM-001:\n    responses: { phishing_resistant_share: 0, max_session: 720 }",
          '  IAM-001:\n    responses: { phishing_resistant_share: 0, max_session: 720 }\n    exception: { justification: Migration, approver: CISO, expires: "2027-01-01" }',
        ),
    );
    const d = diffSubmissions(catalog, valid(catalog, join(dir, "weak.yaml")), valid(catalog, path));
    expect(
      d.controls.map((c) => [c.control_id, c.change, c.old_status, c.new_status, c.new_assessed_status]),
    ).toEqual([
      ["WKS-001", "declared_not_applicable", "not_met", "not_applicable", "not_applicable"],
      ["IAM-001", "other", "not_met", "risk_accepted", "not_met"],
    ]);
    expect(d.summary).toMatchObject({ other: 1, declared_not_applicable: 1, unchanged: 7 });
  });

  it("says when the two files are from different organizations", () => {
    const d = diffSubmissions(
      catalog,
      valid(catalog, join(dir, "weak.yaml")),
      valid(catalog, join(FIXTURE_ANSWERS, "strong.yaml")),
    );
    expect(d.same_organization).toBe(false);
  });

  it("separates new, removed and changed controls across catalog versions", async () => {
    const catalogDir = brokenCatalog({
      "catalog.yaml": (t) =>
        `${t.replace("version: 1.0.0", "version: 1.1.0")}  - version: 1.1.0\n    summary: Test release.\n    added: [DET-001]\n    changed: [GOV-001]\n    removed: [OLD-001]\n`,
    });
    const versioned = await fixtureCatalogAt(catalogDir);
    const old = write(
      dir,
      "old-version.yaml",
      `${fixture("weak")}  OLD-001:\n    responses: { anything: true }\n`,
    );
    const now = write(dir, "new-version.yaml", improvedWeak().replace("version: 1.0.0", "version: 1.1.0"));
    const d = diffSubmissions(versioned, valid(versioned, old), valid(versioned, now));
    const kinds = Object.fromEntries(d.controls.map((c) => [c.control_id, c.change]));
    expect(kinds).toMatchObject({ "DET-001": "new", "OLD-001": "removed", "GOV-001": "not_comparable" });
    expect(d.controls.find((c) => c.control_id === "DET-001")).toMatchObject({
      old_status: null,
      new_status: "met",
    });
    const removed = d.controls.find((c) => c.control_id === "OLD-001")!;
    expect(removed.title).toBeUndefined();
    expect(removed.new_status).toBeNull();
    expect(d.summary).toMatchObject({ new: 1, removed: 1, not_comparable: 1, improved: 6 });
    // Scores cover only what both versions share: DET-001 and GOV-001 are left out of them.
    expect(d.left_out.map((l) => l.control_id)).toEqual(["DET-001", "GOV-001", "OLD-001"]);
    expect(d.overall.new).toBe(100);
  });
});

async function fixtureCatalogAt(dirPath: string): Promise<Catalog> {
  const { loadCatalog } = await import("../src/catalog/load-catalog.js");
  const loaded = await loadCatalog(dirPath);
  if (!loaded.catalog) throw new Error(JSON.stringify(loaded.diagnostics));
  return loaded.catalog;
}

describe("diff: output", () => {
  it("publishes JSON that validates against its schema", async () => {
    const json = JSON.parse(await DIFF_RENDERERS.json.render(forward));
    expect(DiffSchema.safeParse(json).success).toBe(true);
    expect(DiffSchema.safeParse({ ...json, summary: { ...json.summary, improved: -1 } }).success).toBe(false);
    expect(jsonSchemaOf("diff")).toMatchObject({ $id: "urn:vaspcheck/diff@4" });
  });

  it("renders Markdown with the headline and the changed controls", async () => {
    const md = await DIFF_RENDERERS.md.render(forward, { vaspcheckVersion: "test" });
    expect(md).toContain("# Progress: Weak Exchange K.K.");
    expect(md).toMatch(
      /\*\*Score \d+\.\d → 100\.0 \(\+\d+\.\d\); tier 0 → 3; 8 controls improved, 0 regressed/,
    );
    expect(md).toContain("### Improved");
    expect(md).not.toContain("### Regressed");
    expect(md).toContain("| TXN-001 Withdrawal requests are authenticated end to end");
    expect(md).toContain(
      "| DMM Bitcoin | Would NOT have been stopped | Would have been stopped | ▲ better |",
    );
  });
});

describe("diff: files and CLI", () => {
  it("reports invalid files with line:col instead of diffing", async () => {
    const bad = write(
      dir,
      "bad.yaml",
      fixture("weak").replace("enforcement: none", "enforcement: sometimes"),
    );
    const result = await diffFiles({
      oldPath: join(dir, "weak.yaml"),
      newPath: bad,
      catalogDir: FIXTURE_CATALOG,
    });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.find((d) => d.severity === "error")).toMatchObject({
      file: bad,
      code: "answers/invalid-choice",
    });
    const io = memoryIo();
    expect(await main(["diff", join(dir, "weak.yaml"), bad, "--catalog", FIXTURE_CATALOG], io)).toBe(1);
    expect(io.out).toBe("");
    expect(io.err).toMatch(/bad\.yaml:\d+:\d+ {2}error/);
  });

  it("writes JSON to --out and warns about different organizations", async () => {
    const out = join(tempDir(), "diff.json");
    const io = memoryIo();
    const code = await main(
      [
        "diff",
        join(dir, "weak.yaml"),
        join(FIXTURE_ANSWERS, "strong.yaml"),
        "--catalog",
        FIXTURE_CATALOG,
        "-f",
        "json",
        "-o",
        out,
      ],
      io,
    );
    expect(code).toBe(0);
    expect(DiffSchema.parse(JSON.parse(readFileSync(out, "utf8"))).same_organization).toBe(false);
    expect(io.err).toContain("name different organizations");
  });
});

describe("third parties in a diff", () => {
  it("shows each side's vendors, whether their answers were used, and their files' digests", async () => {
    const dir = tempDir();
    const exchange = readFileSync("examples/vendor-run-exchange.yaml", "utf8");
    const vendor = readFileSync("examples/vendors/polaris-custody-technologies.yaml", "utf8");
    mkdirSync(join(dir, "vendors"));
    writeFileSync(join(dir, "vendors", "polaris-custody-technologies.yaml"), vendor);
    writeFileSync(
      join(dir, "vendors", "polaris-2026b.yaml"),
      vendor.replace("binding: bound_some", "binding: bound_all"),
    );
    const before = write(dir, "before.yaml", exchange);
    const after = write(
      dir,
      "after.yaml",
      exchange.replace(
        "answers: vendors/polaris-custody-technologies.yaml",
        "answers: vendors/polaris-2026b.yaml",
      ),
    );
    const result = await diffFiles({ oldPath: before, newPath: after });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [was, now] = [result.diff.old.third_parties[0], result.diff.new.third_parties[0]];
    expect(was).toMatchObject({
      name: "Polaris Custody Technologies Ltd.",
      answers: "current",
      date: "2026-05-18",
    });
    expect(was?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(now?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(now?.sha256).not.toBe(was?.sha256);
    expect(result.diff.old.sha256).not.toBe(result.diff.new.sha256);
    const markdown = await DIFF_RENDERERS.md.render(result.diff, { vaspcheckVersion: "test" });
    expect(markdown).toContain(`Polaris Custody Technologies Ltd.: ${now?.sha256}`);
    expect(markdown).toMatch(
      /\| Third parties \| Polaris Custody Technologies Ltd\. \(answers of 2026-05-18\) \|/,
    );
  });
});
