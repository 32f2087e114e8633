import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { parse as parseCsv } from "csv-parse/sync";
import { PDFParse } from "pdf-parse";
import { beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { relaxForVersion } from "../src/answers/version-tolerance.js";
import { loadCatalog } from "../src/catalog/load-catalog.js";
import { main } from "../src/cli/main.js";
import { createPseudonymizer, uniqueLabels } from "../src/compare/anonymize.js";
import { createComparison } from "../src/compare/compare.js";
import { percentileRank } from "../src/compare/focus.js";
import { quantile } from "../src/compare/stats.js";
import { evaluate } from "../src/engine/evaluate.js";
import { AnswersSchema } from "../src/model/answers.js";
import type { Catalog } from "../src/model/catalog.js";
import { type Comparison, ComparisonSchema } from "../src/model/comparison.js";
import { jsonSchemaOf } from "../src/model/json-schema.js";
import type { Question } from "../src/model/question.js";
import { versionGap } from "../src/model/version-gap.js";
import { createAssessor, type SubmissionResult } from "../src/pipeline/assess-submission.js";
import { collectInputs } from "../src/pipeline/collect.js";
import { compareFiles } from "../src/pipeline/compare-files.js";
import { createProgress } from "../src/pipeline/progress.js";
import { neutralizeFormula, renderComparisonCsv, toCsv } from "../src/report/comparison/csv.js";
import { heat } from "../src/report/comparison/pdf-maps.js";
import { renderComparisonMarkdown } from "../src/report/comparison/render-markdown.js";
import { renderComparisonPdf } from "../src/report/comparison/render-pdf.js";
import { parseYaml } from "../src/source/parse-yaml.js";
import { memoryIo } from "./helpers/cli.js";
import {
  asOrganization,
  brokenCatalog,
  FIXTURE_ANSWERS,
  FIXTURE_CATALOG,
  fixtureCatalog,
  tempDir,
} from "./helpers/fixtures.js";
import { placedText } from "./helpers/placed-text.js";

/** mulberry32: the same seed always gives the same submissions. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomValue(q: Question, r: () => number): unknown {
  switch (q.type) {
    case "boolean":
      return r() < 0.6;
    case "single_choice":
      return q.choices[Math.floor(r() * q.choices.length)]!.value;
    case "multiple_choice":
      return q.choices.filter(() => r() < 0.6).map((c) => c.value);
    case "number":
      return Math.round((q.min ?? 0) + r() * ((q.max ?? (q.min ?? 0) + 100) - (q.min ?? 0)));
    case "percentage":
      return Math.round(r() * 100);
    case "count":
      return Math.floor(r() * 8);
    case "date":
      return `2026-0${1 + Math.floor(r() * 6)}-1${Math.floor(r() * 9)}`;
    case "duration":
      return Math.round(r() * 2000);
    case "text":
      return "Documented.";
  }
}

/** A valid answers document with seeded random answers; some controls unanswered or N/A. */
function randomAnswers(catalog: Catalog, i: number, r: () => number): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const control of catalog.controls) {
    const x = r();
    if (x < 0.1) continue;
    // Scoping is the profile's: only a control without `applies_if` may be declared not applicable.
    if (x < 0.15 && !control.applies_if)
      answers[control.id] = {
        not_applicable: {
          justification: "Out of scope: the organization does not run this function at all.",
        },
      };
    else
      answers[control.id] = {
        responses: Object.fromEntries(control.questions.map((q) => [q.id, randomValue(q, r)])),
      };
  }
  return {
    organization: {
      name: `Exchange ${String(i).padStart(2, "0")} K.K.`,
      jurisdiction: "JP",
      registration: `REG-${i}`,
    },
    assessment: { date: "2026-06-30", assessor: "Internal audit", scope: "Custody" },
    catalog: { id: catalog.meta.id, version: catalog.meta.version },
    profile: Object.fromEntries(catalog.profile.map((q) => [q.id, randomValue(q, r)])),
    answers,
  };
}

const yaml = (data: unknown) => stringify(data, { lineWidth: 0 });
const fixture = (name: "weak" | "strong") => readFileSync(join(FIXTURE_ANSWERS, `${name}.yaml`), "utf8");

function write(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function compareDir(
  dir: string,
  extra: Partial<Parameters<typeof compareFiles>[0]> = {},
): Promise<Comparison> {
  const result = await compareFiles({ inputs: [dir], catalogDir: FIXTURE_CATALOG, jobs: 0, ...extra });
  if (!result.ok) throw new Error(`comparison failed: ${JSON.stringify(result)}`);
  return result.comparison;
}

/**
 * The TypeScript worker, run through tsx's loader: a data: URL module registers it, then imports the source.
 * An empty execArgv keeps the test runner's own flags away from the worker.
 */
function tsWorker(): { url: URL; execArgv: string[] } {
  const api = pathToFileURL(
    join(dirname(createRequire(import.meta.url).resolve("tsx/package.json")), "dist/esm/api/index.mjs"),
  );
  const worker = new URL("../src/pipeline/worker.ts", import.meta.url);
  const code = `import { register } from ${JSON.stringify(api.href)}; register(); await import(${JSON.stringify(worker.href)});`;
  return { url: new URL(`data:text/javascript,${encodeURIComponent(code)}`), execArgv: [] };
}

let catalog: Catalog;
let sector: string;
let sectorComparison: Comparison;

beforeAll(async () => {
  catalog = await fixtureCatalog();
  sector = tempDir();
  const r = prng(42);
  for (let i = 0; i < 40; i++)
    write(sector, `exchange-${String(i).padStart(2, "0")}.yaml`, yaml(randomAnswers(catalog, i, r)));
  sectorComparison = await compareDir(sector);
});

describe("compare: matrix", () => {
  it("compares 40 seeded submissions with the same statuses, scores, tiers and replays as evaluate()", () => {
    expect(sectorComparison.summary).toMatchObject({
      files: 40,
      compared: 40,
      invalid: 0,
      duplicates_ignored: 0,
    });
    expect(sectorComparison.controls.map((c) => c.id)).toEqual(catalog.controls.map((c) => c.id));
    for (let i = 0; i < 40; i++) {
      const file = join(sector, `exchange-${String(i).padStart(2, "0")}.yaml`);
      const answers = AnswersSchema.parse(parseYaml(file, readFileSync(file, "utf8")).file?.data);
      const evaluation = evaluate(catalog, answers);
      const row = sectorComparison.organizations.find((o) => o.name === answers.organization.name);
      expect(row, answers.organization.name).toBeDefined();
      expect(row!.file).toBe(file);
      expect(row!.score).toBe(evaluation.overall.score);
      expect(row!.tier).toBe(evaluation.overall.tier);
      for (const c of evaluation.controls) expect(row!.controls[c.control_id], c.control_id).toBe(c.status);
      for (const l of evaluation.lessons) expect(row!.lessons[l.id], l.id).toBe(l.score);
      for (const replay of evaluation.replay) {
        expect(row!.incidents[replay.incident_id]!.verdict).toBe(replay.verdict);
        for (const step of replay.steps)
          expect(row!.incidents[replay.incident_id]!.steps[step.step_id]).toBe(step.verdict);
      }
    }
  });

  it("orders organizations from the lowest score up", () => {
    const scores = sectorComparison.organizations.map((o) => o.score ?? Number.POSITIVE_INFINITY);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
  });

  it("does not depend on the order results arrive in", () => {
    const assessor = createAssessor(catalog);
    const results: SubmissionResult[] = [];
    for (let i = 0; i < 40; i++)
      results.push(assessor.read(join(sector, `exchange-${String(i).padStart(2, "0")}.yaml`)));
    const forward = createComparison(catalog);
    const backward = createComparison(catalog);
    for (const r of results) forward.add(r);
    for (const r of [...results].reverse()) backward.add(r);
    expect(backward.finish()).toEqual(forward.finish());
  });
});

describe("compare: exposure per incident", () => {
  it("counts organizations that would not stop each chain and names the weakest step", () => {
    for (const exposure of sectorComparison.exposure) {
      const rows = sectorComparison.organizations;
      const verdicts = rows.map((o) => o.incidents[exposure.incident_id]!.verdict);
      expect(exposure.not_stopped).toBe(verdicts.filter((v) => v === "not_stopped").length);
      expect(exposure.stopped).toBe(verdicts.filter((v) => v === "stopped").length);
      expect(exposure.applicable).toBe(verdicts.filter((v) => v !== "not_applicable").length);
      const notBlocked = (stepId: string) =>
        rows.filter(
          (o) =>
            o.incidents[exposure.incident_id]!.verdict !== "not_applicable" &&
            o.incidents[exposure.incident_id]!.steps[stepId] !== "blocked",
        ).length;
      const covered = exposure.steps.filter((s) => s.controls.length > 0);
      const worst = Math.max(...covered.map((s) => notBlocked(s.step_id)));
      expect(exposure.weakest_step?.not_blocked).toBe(worst);
      expect(notBlocked(exposure.weakest_step!.step_id)).toBe(worst);
      expect(exposure.summary).toContain(
        `${worst} of ${exposure.weakest_step!.of} exchanges have no control that blocks it`,
      );
      // A step no control addresses is a catalog gap, never the sector's weakest step.
      expect(exposure.uncovered_steps).not.toContain(exposure.weakest_step!.step_id);
    }
  });

  it("phrases the finding as a regulator reads it", async () => {
    const dir = tempDir();
    write(dir, "weak.yaml", fixture("weak"));
    write(dir, "strong.yaml", fixture("strong"));
    write(dir, "weak2.yaml", asOrganization(fixture("weak"), "Second Weak Exchange", "REG-2"));
    const c = await compareDir(dir);
    const dmm = c.exposure.find((e) => e.incident_id === "dmm-bitcoin-2024")!;
    expect(dmm).toMatchObject({ applicable: 3, stopped: 1, not_stopped: 2 });
    expect(dmm.summary).toMatch(
      /^2 of 3 exchanges would not stop the DMM Bitcoin attack chain at any step\./,
    );
    expect(dmm.summary).toMatch(
      /The sector is weakest at step 2, “Engineer runs a "pre-employment test"”: 2 of 3 exchanges have no control that blocks it/,
    );
  });
});

describe("compare: sector statistics and outliers", () => {
  it("gives shares per status, the norm, laggards, leaders and low outliers", async () => {
    const dir = tempDir();
    for (let i = 0; i < 9; i++)
      write(dir, `strong-${i}.yaml`, asOrganization(fixture("strong"), `Strong ${i}`, `S-${i}`));
    write(dir, "weak.yaml", fixture("weak"));
    const c = await compareDir(dir);
    const txn = c.control_stats.find((s) => s.control_id === "TXN-001")!;
    expect(txn.counts.met).toBe(9);
    expect(txn.counts.not_met).toBe(1);
    expect(txn.shares.met).toBe(90);
    expect(txn.shares.not_met).toBe(10);
    expect(txn.norm).toBe("met");
    expect(txn.laggards).toEqual(["Weak Exchange K.K."]);
    expect(txn.leaders).toEqual([]);
    const hot = c.control_stats.find((s) => s.control_id === "HOT-001")!;
    expect(hot.laggards).toEqual([]);
    const lesson = c.lesson_stats.find((s) => s.lesson_id === "transaction-integrity")!;
    expect(lesson).toMatchObject({
      n: 10,
      min: 0,
      median: 100,
      max: 100,
      low_outliers: ["Weak Exchange K.K."],
    });
  });

  it("names leaders where the sector norm is a gap, and sets no norm when too few are in scope", async () => {
    const dir = tempDir();
    for (let i = 0; i < 5; i++)
      write(dir, `weak-${i}.yaml`, asOrganization(fixture("weak"), `Weak ${i}`, `W-${i}`));
    write(dir, "strong.yaml", fixture("strong"));
    const c = await compareDir(dir);
    const txn = c.control_stats.find((s) => s.control_id === "TXN-001")!;
    expect(txn.norm).toBe("not_met");
    expect(txn.leaders).toEqual(["Strong Exchange Ltd"]);
    const small = await compareDir(FIXTURE_ANSWERS);
    expect(small.control_stats.every((s) => s.norm === null)).toBe(true);
  });

  it("computes quartiles as spreadsheets do", () => {
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([7], 0.75)).toBe(7);
  });
});

describe("compare: --anonymize", () => {
  it("gives the same pseudonym to the same organization in every run, and leaks no name, registration or file", async () => {
    const first = await compareDir(sector, { anonymize: true });
    const second = await compareDir(sector, { anonymize: true });
    expect(first.organizations.map((o) => o.label)).toEqual(second.organizations.map((o) => o.label));
    expect(new Set(first.organizations.map((o) => o.label)).size).toBe(40);
    for (const o of first.organizations) {
      expect(o.label).toMatch(/^VASP-[0-9A-Z]{6,}$/);
      expect(o).toMatchObject({ pseudonymous: true });
      expect(o.name ?? o.registration ?? o.file).toBeUndefined();
    }
    const outputs = [
      JSON.stringify(first),
      renderComparisonCsv(first),
      await renderComparisonMarkdown(first, { vaspcheckVersion: "test" }),
    ];
    for (const output of outputs) {
      expect(output).not.toMatch(/Exchange \d\d K\.K\./);
      expect(output).not.toMatch(/REG-\d/);
      expect(output).not.toMatch(/exchange-\d\d\.yaml/);
    }
    expect(outputs[2]).toContain("Pseudonymisation, not anonymisation");
  });

  it("keys pseudonyms with a secret, and hides invalid files' names and quoted content", async () => {
    const plain = createPseudonymizer();
    const keyed = createPseudonymizer("s3cret");
    expect(plain.organization("Acme", "R-1")).toBe(createPseudonymizer().organization(" ACME ", "r-1"));
    expect(keyed.organization("Acme", "R-1")).not.toBe(plain.organization("Acme", "R-1"));
    expect(keyed.keyed && !plain.keyed).toBe(true);
    const dir = tempDir();
    write(dir, "secret-exchange.yaml", fixture("strong").replace("Strong Exchange Ltd", "Secret Exchange"));
    write(
      dir,
      "broken-by-secret.yaml",
      fixture("weak").replace("enforcement: none", "enforcement: Secret Exchange"),
    );
    const c = await compareDir(dir, { anonymize: true, pseudonymKey: "s3cret", minPeers: 0 });
    expect(c.pseudonymisation).toMatchObject({ applied: true, keyed: true });
    expect(c.invalid[0]!.file).toMatch(/^FILE-/);
    expect(JSON.stringify(c)).not.toMatch(/Secret Exchange|secret-exchange|broken-by-secret/);
  });

  it("lengthens colliding pseudonyms until every label is distinct", () => {
    const labels = uniqueLabels(["a", "b", "c"], (item, length) =>
      length === 6 ? "SAME" : `${item}-${length}`,
    );
    expect(labels).toEqual(["a-10", "b-10", "c-10"]);
  });
});

describe("compare: --focus", () => {
  it("shows one exchange by name against pseudonymised peers, with a percentile per lesson", async () => {
    const dir = tempDir();
    for (let i = 0; i < 4; i++)
      write(dir, `strong-${i}.yaml`, asOrganization(fixture("strong"), `Strong ${i}`, `S-${i}`));
    write(dir, "weak.yaml", fixture("weak"));
    const c = await compareDir(dir, { focus: "weak exchange k.k.", minPeers: 4 });
    const focus = c.focus!;
    expect(focus.label).toBe("Weak Exchange K.K.");
    expect(focus.overall).toMatchObject({ peers: 4, peer_median: 100, percentile: 0 });
    expect(focus.lessons.find((l) => l.id === "hot-cold-segregation")).toMatchObject({
      score: 100,
      percentile: 50,
    });
    expect(focus.lessons.find((l) => l.id === "key-management")).toMatchObject({ score: 0, percentile: 0 });
    expect(focus.incidents.find((i) => i.incident_id === "dmm-bitcoin-2024")).toMatchObject({
      verdict: "not_stopped",
      peers_stopped_share: 100,
    });
    const peers = c.organizations.filter((o) => !o.focus);
    expect(peers.every((o) => o.pseudonymous && o.label.startsWith("VASP-"))).toBe(true);
    expect(JSON.stringify(c)).not.toMatch(/Strong \d/);
    const md = await renderComparisonMarkdown(c, { vaspcheckVersion: "test" });
    expect(md).toContain("# Supervisory feedback: Weak Exchange K.K.");
    expect(md).toContain("compared with 4 peers");
    expect(md).toContain("## Your position among your peers");
  });

  it("computes percentile ranks with ties counting half", () => {
    expect(percentileRank(50, [10, 50, 90])).toBe(50);
    expect(percentileRank(100, [10, 50, 90])).toBe(100);
    expect(percentileRank(null, [10])).toBeNull();
    expect(percentileRank(10, [])).toBeNull();
  });

  it("reports an unknown focus organization with a suggestion", async () => {
    const result = await compareFiles({
      inputs: [FIXTURE_ANSWERS],
      catalogDir: FIXTURE_CATALOG,
      jobs: 0,
      focus: "Weak Exchang K.K",
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.hint).toContain("Weak Exchange K.K.");
  });
});

describe("compare: catalog versions", () => {
  it("scores each submission on its own version and says what is not compared for whom and why", async () => {
    const catalogDir = brokenCatalog({
      "catalog.yaml": (t) =>
        t.replace("version: 1.0.0", "version: 1.1.0") +
        "  - version: 1.1.0\n    summary: Test release.\n    added: [DET-001]\n    changed: [GOV-001]\n    removed: [OLD-001]\n",
    });
    const dir = tempDir();
    const v11 = (t: string) => t.replace("version: 1.0.0", "version: 1.1.0");
    write(dir, "strong.yaml", v11(fixture("strong")));
    write(dir, "weak.yaml", v11(fixture("weak")));
    write(
      dir,
      "old.yaml",
      `${asOrganization(fixture("strong"), "Old Exchange", "OLD-1")}  OLD-001:\n    responses: { anything: true }\n`,
    );
    const c = await compareDir(dir, { catalogDir });
    expect(c.summary).toMatchObject({ compared: 3, invalid: 0 });
    expect(c.not_compared.map((l) => [l.control_id, l.reason, l.version, l.organizations])).toEqual([
      ["DET-001", "added", "1.1.0", ["Old Exchange"]],
      ["GOV-001", "changed", "1.1.0", ["Old Exchange"]],
      ["OLD-001", "removed", "1.1.0", ["Old Exchange"]],
    ]);
    expect(c.not_compared[0]!.explanation).toContain("1 submission made against 1.0.0");
    // Only the old submission loses DET-001 and GOV-001; the two on 1.1.0 are compared on every control.
    expect(c.controls.map((x) => x.id)).toEqual(catalog.controls.map((x) => x.id));
    const weak = c.organizations.find((o) => o.label === "Weak Exchange K.K.")!;
    expect(weak).toMatchObject({ catalog_standing: "current", not_compared: [], version_note: null });
    const old = c.organizations.find((o) => o.label === "Old Exchange")!;
    expect(old).toMatchObject({ catalog_standing: "older", not_compared: ["DET-001", "GOV-001"] });
    expect(old.controls["DET-001"]).toBe("not_compared");
    const loaded = (await loadCatalog(catalogDir)).catalog!;
    const parse = (name: string) =>
      AnswersSchema.parse(parseYaml(name, readFileSync(join(dir, name), "utf8")).file?.data);
    // The weak exchange is scored on the whole catalog, exactly as its own report scores it.
    const full = evaluate(loaded, parse("weak.yaml"));
    expect(weak.score).toBe(full.overall.score);
    expect(weak.tier).toBe(full.overall.tier);
    for (const l of full.lessons) expect(weak.lessons[l.id], l.id).toBe(l.score);
    for (const r of full.replay) expect(weak.incidents[r.incident_id]!.verdict).toBe(r.verdict);
    // The old one on the 7 controls its version shares: as if the catalog had no DET-001 or GOV-001.
    const shared = { ...loaded, controls: loaded.controls.filter((x) => !old.not_compared.includes(x.id)) };
    const own = evaluate(shared, parse("old.yaml"));
    expect(old.score).toBe(own.overall.score);
    expect(old.tier).toBe(own.overall.tier);
    expect(c.summary.warnings["answers/catalog-version"]).toBe(1);
    expect(c.summary.warnings["answers/unknown-control"]).toBe(1);
    const md = await renderComparisonMarkdown(c, { vaspcheckVersion: "test" });
    expect(md).toContain("### Controls not compared for some submissions (catalog versions)");
  });

  it("reads the changelog in both directions and relaxes only what the version explains", async () => {
    const meta = (await fixtureCatalog()).meta;
    const gapped = {
      ...meta,
      version: "1.2.0",
      changelog: [
        ...meta.changelog,
        {
          version: "1.1.0",
          summary: "a",
          added: ["NEW-001"],
          removed: [],
          changed: ["DET-001"],
          for_answers: {},
        },
        {
          version: "1.2.0",
          summary: "b",
          added: [],
          removed: ["NEW-001", "OLD-001"],
          changed: [],
          for_answers: {},
        },
      ],
    };
    const gap = versionGap(gapped, "1.0.0");
    expect([...gap.missing]).toEqual([["DET-001", { reason: "changed", version: "1.1.0" }]]);
    expect([...gap.removed]).toEqual([["OLD-001", "1.2.0"]]);
    expect(versionGap(gapped, "2.0.0").newer).toBe(true);
    const at = { file: "a.yaml", start: { line: 1, column: 1 } };
    const relaxed = relaxForVersion(
      [
        {
          ...at,
          severity: "error",
          code: "answers/unknown-control",
          message: "",
          path: ["answers", "OLD-001"],
        },
        {
          ...at,
          severity: "error",
          code: "answers/unknown-control",
          message: "",
          path: ["answers", "XYZ-001"],
        },
        {
          ...at,
          severity: "error",
          code: "answers/invalid-choice",
          message: "",
          path: ["answers", "DET-001", "r"],
        },
      ],
      gap,
    );
    expect(relaxed.map((d) => d.severity)).toEqual(["warning", "error", "warning"]);
  });

  it("lists a submission made against another catalog as invalid", async () => {
    const dir = tempDir();
    write(dir, "strong.yaml", fixture("strong"));
    write(dir, "other.yaml", fixture("weak").replace("id: vaspcheck-test", "id: other-catalog"));
    const c = await compareDir(dir);
    expect(c.invalid.map((i) => i.diagnostics[0]!.code)).toEqual(["answers/catalog-mismatch"]);
  });
});

describe("compare: invalid and duplicate submissions", () => {
  it("lists an invalid submission with line:col and compares the others", async () => {
    const dir = tempDir();
    write(dir, "strong.yaml", fixture("strong"));
    write(dir, "weak.yaml", fixture("weak"));
    const bad = write(
      dir,
      "bad.yaml",
      fixture("weak").replace("enforcement: none", "enforcement: sometimes"),
    );
    write(dir, "broken.yaml", "organization: [unclosed\n");
    const result = await compareFiles({ inputs: [dir], catalogDir: FIXTURE_CATALOG, jobs: 0 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const c = result.comparison;
    expect(c.summary).toMatchObject({ files: 4, compared: 2, invalid: 2 });
    const entry = c.invalid.find((i) => i.file === bad)!;
    expect(entry.organization).toBe("Weak Exchange K.K.");
    const line =
      fixture("weak")
        .split("\n")
        .findIndex((l) => l.includes("enforcement: none")) + 1;
    const column = fixture("weak").split("\n")[line - 1]!.indexOf("none") + 1;
    expect(entry.diagnostics.find((d) => d.severity === "error")).toMatchObject({
      code: "answers/invalid-choice",
      start: { line, column },
    });
    expect(c.invalid.find((i) => i.file.endsWith("broken.yaml"))!.diagnostics[0]!.code).toBe("yaml/syntax");
    expect(result.diagnostics.some((d) => d.file === bad && d.start.line === line)).toBe(true);
    const md = await renderComparisonMarkdown(c, { vaspcheckVersion: "test" });
    expect(md).toContain(`| ${bad.replaceAll("_", "\\_")}:${line}:${column} | error |`);
  });

  it("detects several submissions from one organization and compares the latest", async () => {
    const dir = tempDir();
    const strong = asOrganization(fixture("strong"), "Strong Exchange Ltd", "KANTO-1", "2026-06-30");
    write(dir, "a-strong-june.yaml", strong);
    write(dir, "b-strong-copy.yaml", strong);
    write(
      dir,
      "c-strong-march.yaml",
      asOrganization(fixture("weak"), "Strong Exchange Limited", "kanto 1", "2026-03-31"),
    );
    write(dir, "d-weak.yaml", fixture("weak"));
    const c = await compareDir(dir);
    expect(c.summary).toMatchObject({ files: 4, compared: 2, duplicates_ignored: 2 });
    expect(c.duplicates).toHaveLength(1);
    const dup = c.duplicates[0]!;
    expect(dup.organization).toBe("Strong Exchange Ltd");
    expect(dup.kept.file).toMatch(/b-strong-copy\.yaml$/);
    expect(dup.ignored.map((i) => [i.file.replace(/^.*\//, ""), i.identical])).toEqual([
      ["c-strong-march.yaml", false],
      ["a-strong-june.yaml", true],
    ]);
    expect(dup.reason).toContain("latest assessment date");
  });
});

describe("compare: CSV", () => {
  it("neutralises formulas and quotes per RFC 4180", () => {
    for (const cell of ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "  =1", "＝1"])
      expect(neutralizeFormula(cell)).toBe(`'${cell}`);
    expect(neutralizeFormula("Acme 2.0")).toBe("Acme 2.0");
    expect(toCsv([['a "b", c', "line\nbreak", "plain"]])).toBe('"a ""b"", c","line\nbreak",plain\r\n');
  });

  it("writes one row per organization × control that a CSV parser reads back safely", async () => {
    const dir = tempDir();
    write(dir, "evil.yaml", asOrganization(fixture("strong"), '=HYPERLINK("http://x"), "Ltd"\nNext', "R-1"));
    write(dir, "weak.yaml", fixture("weak"));
    const c = await compareDir(dir);
    const csv = renderComparisonCsv(c);
    expect(csv.endsWith("\r\n")).toBe(true);
    const rows = parseCsv(csv, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2 * catalog.controls.length);
    const evil = rows.filter((r) => r.organization!.includes("HYPERLINK"));
    expect(evil).toHaveLength(catalog.controls.length);
    expect(evil[0]!.organization).toBe(`'=HYPERLINK("http://x"), "Ltd"\nNext`);
    expect(rows.every((r) => !/^[=+\-@]/.test(Object.values(r).join("")))).toBe(true);
    const weakTxn = rows.find((r) => r.organization === "Weak Exchange K.K." && r.control_id === "TXN-001")!;
    expect(weakTxn).toMatchObject({
      status: "not_met",
      registration: "Kanto Local Finance Bureau No. 00099",
      pseudonymous: "false",
    });
  });
});

describe("compare: JSON", () => {
  it("validates against the published schema", () => {
    const json = JSON.parse(JSON.stringify(sectorComparison));
    expect(ComparisonSchema.safeParse(json).success).toBe(true);
    expect(ComparisonSchema.safeParse({ ...json, format: "vaspcheck/comparison@1" }).success).toBe(false);
    expect(ComparisonSchema.safeParse({ ...json, format: "vaspcheck/comparison@2" }).success).toBe(false);
    expect(jsonSchemaOf("comparison")).toMatchObject({ $id: "urn:vaspcheck/comparison@4" });
  });
});

describe("compare: PDF", () => {
  it("draws the heat maps deterministically, with names that survive any script", async () => {
    const dir = tempDir();
    write(dir, "weak.yaml", asOrganization(fixture("weak"), "株式会社テスト取引所", "JP-1"));
    write(dir, "strong.yaml", fixture("strong"));
    const c = await compareDir(dir);
    const first = renderComparisonPdf(c, { vaspcheckVersion: "test" });
    const second = renderComparisonPdf(c, { vaspcheckVersion: "test" });
    expect(Buffer.from(first).subarray(0, 5).toString()).toBe("%PDF-");
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
    const parser = new PDFParse({ data: new Uint8Array(first) });
    const text = (await parser.getText()).text;
    await parser.destroy();
    for (const expected of [
      "Exposure to past attacks",
      "Heat map: exchanges × lessons",
      "Heat map: exchanges × controls",
      "株式会社テスト取引所",
      "TXN-001",
    ])
      expect(text).toContain(expected);
  });

  it("keeps every line of text inside the landscape page's margins, with a footer on each page", async () => {
    const dir = tempDir();
    write(dir, "weak.yaml", asOrganization(fixture("weak"), "株式会社テスト取引所", "JP-1"));
    write(dir, "strong.yaml", fixture("strong"));
    const runs = await placedText(renderComparisonPdf(await compareDir(dir), { vaspcheckVersion: "test" }));
    const [width, height, margin] = [841.89, 595.28, 36];
    const outside = runs.filter(
      (r) =>
        !r.turned && (r.left < margin - 0.5 || r.right > width - margin + 0.5 || r.top > height - margin + 8),
    );
    expect(outside.map((r) => `p.${r.page}: ${r.text}`)).toEqual([]);
    const pages = runs[0]!.pages;
    for (let n = 1; n <= pages; n++) {
      const footer = runs.filter((r) => r.page === n && r.top > height - 50).map((r) => r.text);
      expect(footer, `page ${n}`).toEqual([
        "Sector comparison: 2 exchanges · Confidential: for supervisory use",
        "Digest of inputs",
        expect.stringMatching(/^[0-9a-f]{64}$/),
        `Page ${n} of ${pages}`,
      ]);
    }
  });

  it("colours scores from red through amber to green", () => {
    expect(heat(0)).toBe("#cf222e");
    expect(heat(50)).toBe("#d4a017");
    expect(heat(100)).toBe("#1a7f37");
    expect(heat(null)).toBe("#d0d7de");
  });
});

describe("compare: workers", () => {
  it("gives the same comparison with worker threads as in one thread", async () => {
    const workers = await compareDir(sector, { jobs: 2, workerScript: tsWorker() });
    expect(workers).toEqual(sectorComparison);
  });

  it("reports a worker that cannot start instead of hanging", async () => {
    const result = compareFiles({
      inputs: [sector],
      catalogDir: FIXTURE_CATALOG,
      jobs: 1,
      workerScript: { url: new URL("../src/pipeline/no-such-worker.js", import.meta.url) },
    });
    await expect(result).rejects.toThrow();
  });
});

describe("compare: inputs and progress", () => {
  it("finds answers files recursively, skips hidden entries and repeats", async () => {
    const dir = tempDir();
    write(dir, "a.yaml", "x");
    write(dir, ".hidden.yaml", "x");
    write(dir, "notes.txt", "x");
    const found = await collectInputs([dir, join(dir, "a.yaml"), join(dir, "missing.yaml")]);
    expect(found.files).toEqual([join(dir, "a.yaml")]);
    expect(found.missing).toEqual([join(dir, "missing.yaml")]);
  });

  it("draws a progress bar only on a terminal", () => {
    let out = "";
    const bar = createProgress((t) => {
      out += t;
    }, true);
    bar.update(1, 2);
    bar.update(2, 2);
    bar.done();
    expect(out).toContain("2/2");
    let quiet = "";
    createProgress((t) => {
      quiet += t;
    }, false).update(1, 1);
    expect(quiet).toBe("");
  });
});

describe("compare: CLI", () => {
  it("writes the comparison and exits 1 when a submission is invalid", async () => {
    const dir = tempDir();
    write(dir, "strong.yaml", fixture("strong"));
    write(dir, "bad.yaml", fixture("weak").replace("enforcement: none", "enforcement: sometimes"));
    const io = memoryIo();
    const code = await main(
      ["compare", dir, "--catalog", FIXTURE_CATALOG, "--format", "json", "--jobs", "0"],
      io,
    );
    expect(code).toBe(1);
    expect(ComparisonSchema.parse(JSON.parse(io.out)).summary.invalid).toBe(1);
    expect(io.err).toMatch(/bad\.yaml:\d+:\d+ {2}error/);
  });

  it("exits 2 with a hint for a missing path or an unknown focus, and never prints a stack", async () => {
    const io = memoryIo();
    expect(await main(["compare", "/no/such/dir", "--catalog", FIXTURE_CATALOG], io)).toBe(2);
    expect(io.err).toContain("No such file or directory: /no/such/dir");
    const focus = memoryIo();
    expect(
      await main(["compare", FIXTURE_ANSWERS, "--catalog", FIXTURE_CATALOG, "--focus", "Nobody"], focus),
    ).toBe(2);
    expect(focus.err).toContain('No compared submission is from an organization named "Nobody"');
    expect(focus.err).not.toMatch(/\n\s+at /);
  });

  it("renders Markdown that escapes organization names", async () => {
    const dir = tempDir();
    write(dir, "evil.yaml", fixture("strong").replace("Strong Exchange Ltd", "Evil | **Bold** <script>"));
    const io = memoryIo();
    expect(await main(["compare", dir, "--catalog", FIXTURE_CATALOG], io)).toBe(0);
    expect(io.out).toContain("Evil \\| \\*\\*Bold\\*\\* &lt;script&gt;");
    expect(io.out).not.toContain("<script>");
  });
});

describe("the per-incident step table", () => {
  it("names each countermeasure of a step once, without a conditional twin of one that always applies", async () => {
    const result = await compareFiles({ inputs: ["examples"], jobs: 0 });
    if (!result.ok) throw new Error(result.problem ?? "no comparison");
    const repeated: string[] = [];
    for (const e of result.comparison.exposure)
      for (const step of e.steps) {
        const plain = step.countermeasures.map((t) => t.replace(/ \(for some profiles only\)$/, ""));
        if (new Set(plain).size !== plain.length)
          repeated.push(`${e.incident_id} step ${step.number}: ${step.countermeasures.join("; ")}`);
      }
    expect(repeated).toEqual([]);
    const dmm = result.comparison.exposure.find((e) => e.incident_id === "dmm-bitcoin-2024")!;
    expect(dmm.steps.some((s) => s.countermeasures.length > 0)).toBe(true);
  });
});
