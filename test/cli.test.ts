import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli.js";
import { FIXTURE_ANSWERS, FIXTURE_CATALOG, tempDir, writeTemp } from "./helpers/fixtures.js";

const run = runCli;
const cat = ["--catalog", FIXTURE_CATALOG];
const weak = `${FIXTURE_ANSWERS}weak.yaml`;
const strong = `${FIXTURE_ANSWERS}strong.yaml`;

describe("exit codes", () => {
  it("0 for a report, 1 when --fail-on finds a gap at or above the severity", async () => {
    expect((await run("report", strong, ...cat)).code).toBe(0);
    const failing = await run("report", weak, ...cat, "--fail-on", "critical");
    expect(failing.code).toBe(1);
    expect(failing.stderr).toMatch(/gap\(s\) at or above critical: .*TXN-001/);
    expect(failing.stdout).toContain("# Security gap report");
    expect((await run("report", strong, ...cat, "--fail-on", "low")).code).toBe(0);
  });

  it("1 for validation errors, printed as file:line:col with a hint", async () => {
    const bad = writeTemp("bad.yaml", readFileSync(strong, "utf8").replace("KEY-001:", "KEY-01:"));
    const result = await run("validate", bad, ...cat);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/bad\.yaml:\d+:3 {2}error {2}Unknown control `KEY-01`/);
    expect(result.stderr).toContain("hint: Did you mean `KEY-001`?");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("2 for usage errors: unknown command, bad option values, missing arguments", async () => {
    expect((await run("reprot", weak)).code).toBe(2);
    const date = await run("report", weak, ...cat, "--as-of", "31/12/2026");
    expect(date.code).toBe(2);
    expect(date.stderr).toContain("--as-of expects a date YYYY-MM-DD");
    expect((await run("report", weak, ...cat, "--format", "docx")).code).toBe(2);
    expect((await run()).code).toBe(2);
  });

  it("2 with a diagnostic (not a stack trace) when a file or the catalog cannot be read", async () => {
    const missing = await run("report", "/no/such/file.yaml", ...cat);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("/no/such/file.yaml:1:1  error  File not found  input/read-failed");
    expect(missing.stderr).not.toContain("    at ");
    const directory = await run("validate", tempDir(), ...cat);
    expect(directory.code).toBe(2);
    expect(directory.stderr).toContain("Expected a file, found a directory");
    const noCatalog = await run("catalog", "list", "--catalog", "/no/such/catalog");
    expect(noCatalog.code).toBe(2);
    expect(noCatalog.stderr).toContain("input/read-failed");
  });

  it("1 with a diagnostic for an answers file that is not text", async () => {
    const binary = await run("validate", writeTemp("x.yaml", new Uint8Array([0, 1, 2, 255])), ...cat);
    expect(binary.code).toBe(1);
    expect(binary.stderr).toContain("input/not-utf8");
  });
});

describe("report --out", () => {
  it("writes atomically and leaves no temporary files", async () => {
    const dir = tempDir();
    const out = join(dir, "report.md");
    expect((await run("report", weak, ...cat, "--out", out)).code).toBe(0);
    expect(readFileSync(out, "utf8")).toContain("# Security gap report: Weak Exchange K.K.");
    expect(readdirSync(dir)).toEqual(["report.md"]);
  });

  it("never clobbers an existing report when the run fails", async () => {
    const out = writeTemp("report.md", "previous report\n");
    const bad = writeTemp("bad.yaml", "organization: [unclosed\n");
    expect((await run("report", bad, ...cat, "--out", out)).code).toBe(1);
    expect(readFileSync(out, "utf8")).toBe("previous report\n");
    expect(readdirSync(dirname(out))).toEqual(["report.md"]);
  });

  it("locates an error in a custom template in its file, exits 2 and keeps the previous report", async () => {
    const templates = tempDir();
    cpSync(new URL("../templates/", import.meta.url).pathname, templates, { recursive: true });
    const out = writeTemp("report.md", "previous report\n");
    writeFileSync(join(templates, "report.md.hbs"), "# {{md organization.name}}\n{{unknownHelper 1}}\n");
    const helper = await run("report", weak, ...cat, "--template", templates, "--out", out);
    expect(helper.code).toBe(2);
    expect(helper.stderr).toContain(
      `${join(templates, "report.md.hbs")}:2:3  error  \`unknownHelper\` is neither a helper nor a field of the report model`,
    );
    expect(helper.stderr).not.toContain("bug in vaspcheck");
    expect(readFileSync(out, "utf8")).toBe("previous report\n");
    cpSync(new URL("../templates/report.md.hbs", import.meta.url).pathname, join(templates, "report.md.hbs"));
    writeFileSync(join(templates, "partials", "lesson.hbs"), "ok\n{{#if title}}\nunclosed\n");
    const parse = await run("report", weak, ...cat, "--template", templates);
    expect(parse.code).toBe(2);
    expect(parse.stderr).toContain(`${join(templates, "partials", "lesson.hbs")}:4:1  error  Parse error:`);
  });

  it("refuses an --out that is the input answers file, leaving it untouched", async () => {
    const answers = writeTemp("answers.yaml", readFileSync(weak, "utf8"));
    const before = readFileSync(answers, "utf8");
    const result = await run("report", answers, ...cat, "--out", join(dirname(answers), ".", "answers.yaml"));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("writing the report there would replace it");
    expect(readFileSync(answers, "utf8")).toBe(before);
    expect((await run("diff", weak, answers, ...cat, "--out", answers)).code).toBe(2);
    expect(readFileSync(answers, "utf8")).toBe(before);
  });

  it("reports an unwritable destination as an I/O error with exit 2", async () => {
    const result = await run("report", weak, ...cat, "--out", "/no/such/dir/report.md");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "--out /no/such/dir/report.md: the directory /no/such/dir does not exist",
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("init", () => {
  it("writes a commented template that names every question, its type and allowed values", async () => {
    const { stdout, code } = await run("init", ...cat, "--date", "2026-06-30");
    expect(code).toBe(0);
    expect(stdout).toContain("# How is running externally supplied code on privileged devices prevented?");
    expect(stdout).toContain("# type: single_choice — one of allowlisting | policy_only | none");
    expect(stdout).toContain("#   allowlisting: Application allowlisting or equivalent technical block");
    expect(stdout).toContain("date: 2026-06-30");
  });

  it("round-trips: a filled-in template validates", async () => {
    const { stdout } = await run("init", ...cat, "--date", "2026-06-30");
    const filled = stdout
      .replace(/name: *$/m, "name: Template Exchange")
      .replace(/jurisdiction: *$/m, "jurisdiction: JP")
      .replace(/assessor: *$/m, "assessor: Me")
      .replace(/scope: *$/m, "scope: Everything")
      .replace(/registration: *$/m, "registration: No. 1");
    const path = writeTemp("filled.yaml", filled);
    const result = await run("validate", path, ...cat);
    expect(result.stderr).toContain("0 errors");
    expect(result.code).toBe(0);
    expect((await run("report", path, ...cat)).stdout).toContain("| ❔ Not answered | 9 |");
  });

  it("refuses to overwrite an existing file without --force", async () => {
    const existing = writeTemp("answers.yaml", "keep me\n");
    expect((await run("init", ...cat, "--out", existing)).code).toBe(2);
    expect(readFileSync(existing, "utf8")).toBe("keep me\n");
    expect((await run("init", ...cat, "--out", existing, "--force")).code).toBe(0);
    expect(readFileSync(existing, "utf8")).toContain("vaspcheck answers file for vaspcheck-test");
  });
});

describe("catalog", () => {
  it("lists, shows and lints", async () => {
    expect((await run("catalog", "list", ...cat)).stdout).toMatch(
      /TXN-001 +critical +1 +Withdrawal requests/,
    );
    const show = await run("catalog", "show", "txn-001", ...cat);
    expect(show.stdout).toContain("Met when:\n  all of:\n    request_authentication equals signed_requests");
    const incident = await run("catalog", "show", "dmm-bitcoin-2024", ...cat);
    expect(incident.stdout).toMatch(
      /5\. A legitimate transaction request is manipulated.*\n.*\n\s+hinders +KEY-001 — .*\n\s+prevents +TXN-001 — /,
    );
    const json = JSON.parse((await run("catalog", "show", "KEY-001", ...cat, "--format", "json")).stdout);
    expect(json.id).toBe("KEY-001");
    const lint = await run("catalog", "lint", ...cat);
    expect(lint.code).toBe(0);
    expect(lint.stderr).toContain("9 controls, 28 examples replayed, no errors");
  });

  it("suggests the closest id for an unknown one", async () => {
    const result = await run("catalog", "show", "TXN-01", ...cat);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Did you mean `TXN-001`?");
  });

  it("fails lint with exit 1 on a broken catalog", async () => {
    const dir = tempDir();
    execFileSync("cp", ["-r", `${FIXTURE_CATALOG}.`, dir]);
    writeFileSync(
      join(dir, "controls", "KEY-001.yaml"),
      readFileSync(join(dir, "controls", "KEY-001.yaml"), "utf8").replace(
        "responses: { signers: 5, threshold_percent: 60 }",
        "responses: { signers: 2, threshold_percent: 60 }",
      ),
    );
    const result = await run("catalog", "lint", "--catalog", dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("catalog/example-mismatch");
  });

  it("names both files of a duplicated id, and links each JSON diagnostic to its code's entry in the docs", async () => {
    const dir = tempDir();
    execFileSync("cp", ["-r", `${FIXTURE_CATALOG}.`, dir]);
    const original = readFileSync(join(dir, "controls", "KEY-001.yaml"), "utf8");
    writeFileSync(join(dir, "controls", "KEY-001.yml"), original);
    const text = await run("catalog", "lint", "--catalog", dir);
    expect(text.code).toBe(1);
    expect(text.stderr).toMatch(/KEY-001\.yml:1:1 {2}error {2}Duplicate id `KEY-001`/);
    expect(text.stderr).toMatch(/see: .*controls\/KEY-001\.yaml:1:1 {2}first defined here/);
    const bad = writeTemp("bad.yaml", "organization: [\n");
    const json = JSON.parse((await run("validate", bad, ...cat, "--format", "json")).stdout);
    expect(json[0]).toMatchObject({ code: "yaml/syntax", docs: "docs/diagnostics.md#yaml-syntax" });
  });
});

describe("schema", () => {
  it("prints the JSON Schema of the evaluation result", async () => {
    const schema = JSON.parse((await run("schema")).stdout);
    expect(schema.title).toContain("vaspcheck/evaluation@4");
    expect(schema.properties.replay).toBeDefined();
  });
});

describe("compiled binary", () => {
  // The executable package.json names: the bundle that `npm ci` builds in `prepare`.
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    bin: Record<string, string>;
  };
  const bin = new URL(`../${pkg.bin.vaspcheck}`, import.meta.url).pathname;

  it.runIf(existsSync(bin))("gives the same report as the library's compiled modules, byte for byte", () => {
    const example = new URL("../examples/midsize-exchange.yaml", import.meta.url).pathname;
    const modules = new URL("../dist/cli/bin.js", import.meta.url).pathname;
    const a = spawnSync(process.execPath, [bin, "report", example, "-f", "json"], { encoding: "utf8" });
    const b = spawnSync(process.execPath, [modules, "report", example, "-f", "json"], { encoding: "utf8" });
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout.length).toBeGreaterThan(1000);
  });
  it.runIf(existsSync(bin))("starts from dist/ and prints help", () => {
    const result = spawnSync(process.execPath, [bin, "--help"], { encoding: "utf8" });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("vaspcheck report <answers>");
  });

  it.runIf(existsSync(bin))("is executable, as npx and npm's bin links run it", () => {
    const result = spawnSync(bin, ["--version"], { encoding: "utf8" });
    expect(result.error).toBeUndefined();
    expect(result.status).toBe(0);
  });

  it.runIf(existsSync(bin))("stops quietly when the reader closes the pipe early", () => {
    // The shipped strong example's report (~80 KB) overflows the pipe buffer, so the early close is felt.
    const example = new URL("../examples/strong-exchange.yaml", import.meta.url).pathname;
    const command = `"${process.execPath}" "${bin}" report "${example}" | head -1`;
    const result = spawnSync("sh", ["-c", command], { encoding: "utf8" });
    expect(result.stdout).toBe("# Security gap report: Aurora Vault Exchange S.A.\n");
    expect(result.stderr).not.toContain("EPIPE");
  });
});
