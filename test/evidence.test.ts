// Evidence that is checked: each cited file found inside the evidence folder and hashed, a mismatch, a missing file
// and a path out of the folder each a finding; digests recorded in place without disturbing the file.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { DEFAULT_CATALOG_DIR } from "../src/catalog/default-catalog.js";
import { loadCatalog } from "../src/catalog/load-catalog.js";
import { evaluate } from "../src/engine/evaluate.js";
import type { Catalog } from "../src/model/catalog.js";
import { createReport } from "../src/pipeline/create-report.js";
import { loadAnswers } from "../src/pipeline/validate-answers.js";
import { runCli } from "./helpers/cli.js";
import { tempDir } from "./helpers/fixtures.js";

const catalog = (await loadCatalog(DEFAULT_CATALOG_DIR)).catalog as Catalog;
const sha = (text: string) => createHash("sha256").update(text).digest("hex");

/** A folder with an answers file citing seven kinds of evidence, and a secret file outside it. */
function folder() {
  const outer = tempDir();
  const dir = join(outer, "submission");
  mkdirSync(join(dir, "evidence"), { recursive: true });
  writeFileSync(join(outer, "secret.txt"), "not for vaspcheck");
  writeFileSync(join(dir, "evidence/good.pdf"), "the policy");
  // Dated before the assessment, as a document that was cited would be; the others are modified today.
  utimesSync(join(dir, "evidence/good.pdf"), new Date("2026-01-01"), new Date("2026-01-01"));
  writeFileSync(join(dir, "evidence/changed.pdf"), "the policy, edited");
  writeFileSync(join(dir, "evidence/unpinned.pdf"), "minutes");
  symlinkSync(join(outer, "secret.txt"), join(dir, "evidence/link.pdf"));
  const data = parse(readFileSync("examples/strong-exchange.yaml", "utf8"));
  data.answers["VND-001"].evidence = [
    { title: "Good", path: "evidence/good.pdf", sha256: sha("the policy") },
    { title: "Changed", path: "evidence/changed.pdf", sha256: sha("the policy") },
    { title: "Missing", path: "evidence/gone.pdf" },
    { title: "Traversal", path: "../secret.txt" },
    { title: "Link out", path: "evidence/link.pdf" },
    { title: "Unpinned", path: "evidence/unpinned.pdf" },
    { title: "Web", url: "https://example.com/policy" },
  ];
  const answers = join(dir, "answers.yaml");
  writeFileSync(answers, `# Our answers, kept by the compliance team.\n${stringify(data)}`);
  return { dir, answers };
}

describe("vaspcheck evidence", () => {
  it("verifies, and finds a mismatch, a missing file and every way out of the folder, never reading outside", async () => {
    const { answers } = folder();
    const run = await runCli("evidence", answers, "--format", "json");
    expect(run.code).toBe(1);
    const { checks } = JSON.parse(run.stdout) as {
      checks: { title: string; state: string; actual_sha256?: string }[];
    };
    const state = Object.fromEntries(checks.filter((c) => c.title).map((c) => [c.title, c.state]));
    expect(state).toMatchObject({
      Good: "verified",
      Changed: "mismatch",
      Missing: "missing",
      Traversal: "outside_root",
      "Link out": "outside_root",
      Unpinned: "unpinned",
      Web: "url_only",
    });
    // What lies outside was never hashed, so its digest appears nowhere.
    expect(run.stdout).not.toContain(sha("not for vaspcheck"));
    expect(run.stderr).toMatch(
      /answers\.yaml:\d+:\d+ {2}error {2}Evidence 2 of `VND-001` \(`evidence\/changed\.pdf`\) does not match its digest/,
    );
    expect(run.stderr).toMatch(
      /Evidence 4 of `VND-001` \(`\.\.\/secret\.txt`\) lies outside the evidence folder; it was not read/,
    );
    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it("reads a file outside the answers folder only when an evidence root names its folder", async () => {
    const { answers, dir } = folder();
    const run = await runCli("evidence", answers, "--format", "json", "--evidence-root", join(dir, ".."));
    const { checks } = JSON.parse(run.stdout) as { checks: { title: string; state: string }[] };
    expect(checks.find((c) => c.title === "Traversal")?.state).toBe("unpinned");
  });

  it("writes the missing digests in place, keeping comments and layout, and the answers evaluate as before", async () => {
    const { answers } = folder();
    const before = readFileSync(answers, "utf8");
    const run = await runCli("evidence", answers, "--write-digests");
    expect(run.stdout).toMatch(/Wrote 1 digest\(s\)/);
    const after = readFileSync(answers, "utf8");
    // Only lines were added: every original line is still there, in order.
    const added = after.split("\n").filter((l) => !before.split("\n").includes(l));
    expect(added).toEqual([expect.stringMatching(new RegExp(`^ +sha256: ${sha("minutes")}$`))]);
    expect(after.startsWith("# Our answers, kept by the compliance team.\n")).toBe(true);
    const reread = await loadAnswers(answers, catalog);
    expect(reread.answers!.answers["VND-001"]!.evidence[5]).toMatchObject({ sha256: sha("minutes") });
    const old = await loadAnswers("examples/strong-exchange.yaml", catalog);
    expect(evaluate(catalog, reread.answers!).overall.score).toBe(
      evaluate(catalog, old.answers!).overall.score,
    );
  });

  it("writes into a flow-style evidence item too", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a.pdf"), "flow");
    const source = readFileSync("examples/strong-exchange.yaml", "utf8").replace(
      /^ {2}VND-001:\n(?: {4}.*\n)+/m,
      "  VND-001:\n    responses: {}\n    evidence: [{ title: Flow, path: a.pdf }]   # inline\n",
    );
    const answers = join(dir, "answers.yaml");
    writeFileSync(answers, source);
    await runCli("evidence", answers, "--write-digests");
    expect(readFileSync(answers, "utf8")).toContain(
      `evidence: [{ title: Flow, path: a.pdf, sha256: ${sha("flow")} }]   # inline`,
    );
  });
});

describe("report --verify-evidence", () => {
  it("says per evidence item whether its digest matched when the report was generated", async () => {
    const { answers } = folder();
    const checked = await createReport({ answersPath: answers, verifyEvidence: true });
    if (!checked.ok) throw new Error("no report");
    expect(checked.output).toMatch(
      /\| VND-001 \| Good \| evidence\/good\.pdf \|[^\n]*\| digest verified when this report was generated \|/,
    );
    // A file modified after the assessment date is said to be.
    expect(checked.output).toMatch(/\| Unpinned \|[^\n]*the file was modified after the assessment date \|/);
    expect(checked.output).toMatch(/digest verified when this report was generated/);
    expect(checked.output).toMatch(/DIGEST MISMATCH when this report was generated/);
    expect(checked.diagnostics.some((d) => d.code === "evidence/mismatch" && d.severity === "warning")).toBe(
      true,
    );
    const unchecked = await createReport({ answersPath: answers });
    if (!unchecked.ok) throw new Error("no report");
    expect(unchecked.output).toMatch(/not verified when this report was generated/);
    expect(unchecked.output).not.toMatch(/digest verified/);
  });
});
