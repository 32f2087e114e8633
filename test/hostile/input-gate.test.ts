// The one input gate: special files refused unopened, nesting bounded, empty files named, both parsers agreeing.
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { sortDiagnostics } from "../../src/diagnostics/diagnostic.js";
import { compareFiles } from "../../src/pipeline/compare-files.js";
import { parseYamlFast } from "../../src/source/parse-fast.js";
import { parseYaml } from "../../src/source/parse-yaml.js";
import { runCli } from "../helpers/cli.js";
import { brokenCatalog, FIXTURE_ANSWERS, FIXTURE_CATALOG, tempDir } from "../helpers/fixtures.js";

// Root reads any directory, whatever its mode: the D22 test drops the two capabilities that let it (as a
// non-root user has neither), so a mode-000 directory fails with EACCES as it does for everyone else.
const WITHOUT_DAC = ["--bounding-set=-dac_override,-dac_read_search"];
const canDropDac = spawnSync("setpriv", [...WITHOUT_DAC, "true"]).status === 0;
const ROOT = new URL("../../", import.meta.url).pathname;

const strong = () => readFileSync(join(FIXTURE_ANSWERS, "strong.yaml"), "utf8");
const weak = () => readFileSync(join(FIXTURE_ANSWERS, "weak.yaml"), "utf8");

/** Guards that open a FIFO for writing a little later, so a reader blocked on it (the bug) is released. */
const guards: ChildProcess[] = [];
afterEach(() => {
  for (const guard of guards.splice(0)) guard.kill("SIGKILL");
});

/** Makes a FIFO; whatever opens it for reading (the bug), a writer turns up within a second and closes at once. */
function fifo(path: string): string {
  execFileSync("mkfifo", [path]);
  const writer = 'while :; do sleep 1; exec 3>"$0"; exec 3>&-; done';
  const guard = spawn("timeout", ["60", "sh", "-c", writer, path], { stdio: "ignore" });
  guard.unref();
  guards.push(guard);
  return path;
}

/** Runs the TypeScript worker in tests, as test/compare.test.ts does. */
function tsWorker(): { url: URL; execArgv: string[] } {
  const api = pathToFileURL(
    join(dirname(createRequire(import.meta.url).resolve("tsx/package.json")), "dist/esm/api/index.mjs"),
  );
  const worker = new URL("../../src/pipeline/worker.ts", import.meta.url);
  const code = `import { register } from ${JSON.stringify(api.href)}; register(); await import(${JSON.stringify(worker.href)});`;
  return { url: new URL(`data:text/javascript,${encodeURIComponent(code)}`), execArgv: [] };
}

describe("D4: only regular files are read", () => {
  it("D4 refuses a FIFO named as answers without opening it (validate, report, diff, compare)", async () => {
    const dir = tempDir();
    const pipe = fifo(join(dir, "p.yaml"));
    writeFileSync(join(dir, "ok.yaml"), strong());
    for (const argv of [
      ["validate", pipe],
      ["report", pipe],
      ["diff", pipe, join(dir, "ok.yaml")],
      ["compare", pipe, join(dir, "ok.yaml"), "--jobs", "0"],
    ]) {
      const run = await runCli(...argv, "--catalog", FIXTURE_CATALOG);
      expect(run.stderr, argv[0]).toContain(`${pipe}:1:1  error  Expected a regular file, found a FIFO`);
      expect(run.code, argv[0]).toBe(2);
    }
  });

  it("D4 refuses a symlink to a FIFO inside a compared directory, naming the link and its target", async () => {
    const dir = tempDir();
    const pipe = fifo(join(tempDir(), "target"));
    symlinkSync(pipe, join(dir, "link.yaml"));
    writeFileSync(join(dir, "ok.yaml"), strong());
    const run = await runCli("compare", dir, "--catalog", FIXTURE_CATALOG, "--jobs", "0");
    expect(run.stderr).toContain(`link.yaml:1:1  error  Expected a regular file, found a FIFO`);
    expect(run.stderr).toContain(`links to ${pipe}`);
    expect(run.stderr).toContain("Compared 1 organization(s) from 2 file(s)");
  });

  it("D4 refuses a character device such as /dev/null instead of reading it as an empty file", async () => {
    const run = await runCli("validate", "/dev/null", "--catalog", FIXTURE_CATALOG);
    expect(run.stderr).toContain("/dev/null:1:1  error  Expected a regular file, found a character device");
    expect(run.code).toBe(2);
  });

  it("D4 refuses a FIFO among the catalog's files, at its place", async () => {
    const catalog = brokenCatalog({});
    fifo(join(catalog, "controls", "ZZZ-001.yaml"));
    const run = await runCli("catalog", "lint", "--catalog", catalog);
    expect(run.stderr).toMatch(/ZZZ-001\.yaml:1:1 {2}error {2}Expected a regular file, found a FIFO/);
    expect(run.code).not.toBe(0);
  });

  it("D4 refuses a FIFO as a template, naming it, without hanging", async () => {
    const templates = tempDir();
    cpSync(new URL("../../templates/", import.meta.url), templates, { recursive: true });
    rmSync(join(templates, "report.md.hbs"));
    fifo(join(templates, "report.md.hbs"));
    const answers = join(tempDir(), "a.yaml");
    writeFileSync(answers, strong());
    const run = await runCli("report", answers, "--catalog", FIXTURE_CATALOG, "--template", templates);
    expect(run.stderr).toContain(`${join(templates, "report.md.hbs")} (EFTYPE)`);
    expect(run.stderr).toContain("found a FIFO");
    expect(run.stderr).not.toContain("This is a bug");
    expect(run.code).toBe(2);
  });

  it("D4 checks the size limit before reading, for symlinks by their target's size", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "big.yaml"), strong());
    symlinkSync(join(dir, "big.yaml"), join(dir, "link.yaml"));
    const run = await runCli(
      "validate",
      join(dir, "link.yaml"),
      "--catalog",
      FIXTURE_CATALOG,
      "--max-bytes",
      "100",
    );
    expect(run.stderr).toMatch(
      /link\.yaml:1:1 {2}error {2}File is \d+ bytes, more than the limit of 100 bytes/,
    );
  });
});

describe("D11: nesting is bounded before any parser's stack is", () => {
  const deepFlow = (n: number) => `organization: ${"[".repeat(n)}${"]".repeat(n)}\n`;

  it("D11 reports 1,000 nested flow lists as too deep, at the first level past 64", async () => {
    const path = join(tempDir(), "deep.yaml");
    writeFileSync(path, deepFlow(1000));
    const run = await runCli("validate", path, "--catalog", FIXTURE_CATALOG);
    // The mapping is level 1, so the 64th `[` is level 65: column 15 + 63.
    expect(run.stderr).toContain(`${path}:1:78  error  Nesting deeper than 64 levels`);
    expect(run.stderr).toContain("yaml/too-deep");
    expect(run.stderr).not.toContain("Maximum call stack");
    expect(run.code).toBe(1);
  });

  it("D11 reports deep block nesting and deep JSON the same way, never as a crash", async () => {
    const block = join(tempDir(), "block.yaml");
    writeFileSync(block, `${"- ".repeat(3000)}x\n`);
    const json = join(tempDir(), "deep.json");
    writeFileSync(json, `${"[".repeat(100_000)}${"]".repeat(100_000)}`);
    const blockRun = await runCli("validate", block, "--catalog", FIXTURE_CATALOG);
    expect(blockRun.stderr).toContain(`${block}:1:129  error  Nesting deeper than 64 levels`);
    const jsonRun = await runCli("validate", json, "--catalog", FIXTURE_CATALOG);
    expect(jsonRun.stderr).toContain(`${json}:1:65  error  Nesting deeper than 64 levels`);
    expect(jsonRun.stderr).not.toContain("internal error");
  });

  it("D11 accepts 64 levels and refuses 65, in both parsers", () => {
    const at = (n: number) => parseYaml("a.yaml", `${"[".repeat(n)}${"]".repeat(n)}\n`).diagnostics;
    expect(at(64)).toEqual([]);
    expect(at(65).map((d) => [d.code, d.start])).toEqual([["yaml/too-deep", { line: 1, column: 65 }]]);
    expect(parseYamlFast("a.yaml", `${"[".repeat(65)}${"]".repeat(65)}\n`)).toBeUndefined();
  });

  it("D11 gives the same bytes with workers as in one thread", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "deep.yaml"), deepFlow(5000));
    writeFileSync(join(dir, "deep-block.yaml"), `${"- ".repeat(5000)}x\n`);
    writeFileSync(join(dir, "strong.yaml"), strong());
    writeFileSync(join(dir, "weak.yaml"), weak());
    const options = { inputs: [dir], catalogDir: FIXTURE_CATALOG, asOf: "2026-01-01" };
    const inline = await compareFiles({ ...options, jobs: 0 });
    const workers = await compareFiles({ ...options, jobs: 2, workerScript: tsWorker() });
    const sorted = (r: typeof inline) => ({ ...r, diagnostics: sortDiagnostics(r.diagnostics) });
    expect(JSON.stringify(sorted(workers))).toBe(JSON.stringify(sorted(inline)));
    const deep = sortDiagnostics(inline.diagnostics)
      .filter((d) => d.code === "yaml/too-deep")
      .map((d) => d.start);
    expect(deep).toEqual([
      { line: 1, column: 129 },
      { line: 1, column: 78 },
    ]);
  });
});

describe("D17: an empty answers file is said to be empty by every command", () => {
  const empties: Record<string, string> = {
    "zero.yaml": "",
    "zero.json": "",
    "comments.yaml": "# nothing yet\n",
    "marker.yaml": "---\n",
    "blank.yml": "  \n\n",
  };

  it("D17 compare (in one thread and on workers) and diff say input/empty, as validate does", async () => {
    const dir = tempDir();
    for (const [name, text] of Object.entries(empties)) writeFileSync(join(dir, name), text);
    writeFileSync(join(dir, "strong.yaml"), strong());
    for (const jobs of [0, 2]) {
      const result = await compareFiles({
        inputs: [dir],
        catalogDir: FIXTURE_CATALOG,
        jobs,
        workerScript: jobs > 0 ? tsWorker() : undefined,
      });
      const codes = result.diagnostics.map((d) => `${d.file.slice(dir.length + 1)} ${d.code}`).sort();
      expect(codes, `jobs ${jobs}`).toEqual(
        Object.keys(empties)
          .map((name) => `${name} input/empty`)
          .sort(),
      );
    }
    for (const name of Object.keys(empties)) {
      const run = await runCli(
        "diff",
        join(dir, name),
        join(dir, "strong.yaml"),
        "--catalog",
        FIXTURE_CATALOG,
      );
      expect(run.stderr).toContain(`${join(dir, name)}:1:1  error  The answers file is empty  input/empty`);
      expect(run.stderr).not.toContain("schema/missing");
    }
  });
});

describe("D22: an unreadable directory inside a compared tree", () => {
  it.skipIf(!canDropDac)("D22 is listed as a problem, and the rest of the tree is compared", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "strong.yaml"), strong());
    mkdirSync(join(dir, "locked"));
    writeFileSync(join(dir, "locked", "weak.yaml"), weak());
    chmodSync(join(dir, "locked"), 0);
    const cli = [process.execPath, "--import", "tsx", "src/cli/bin.ts"];
    const out = join(tempDir(), "out.md");
    const args = ["compare", dir, "--catalog", FIXTURE_CATALOG, "--jobs", "0", "-o", out];
    const run = spawnSync("setpriv", [...WITHOUT_DAC, ...cli, ...args], { cwd: ROOT, encoding: "utf8" });
    expect(run.stderr).toContain(`${join(dir, "locked")}:1:1  error  Directory could not be read (EACCES)`);
    expect(run.stderr).toContain("Compared 1 organization(s) from 2 file(s)");
    expect(readFileSync(out, "utf8")).toContain("Strong Exchange Ltd");
  });
});

/** Every scalar spelling YAML 1.2 gives a meaning to, and near misses that must stay text. */
const SPELLINGS = [
  "!!float 3",
  "!!int 3",
  "!!str 3",
  "!!bool true",
  "!!null ~",
  "!!binary aGVsbG8=",
  "!custom x",
  "!!timestamp 2026-06-30",
  ".inf",
  "-.inf",
  "+.inf",
  ".Inf",
  ".INF",
  ".NaN",
  ".nan",
  ".NAN",
  ".nAn",
  "0x1F",
  "0X1F",
  "-0x1F",
  "0o17",
  "-0o17",
  "0b101",
  "017",
  "1_000",
  "0x_1F",
  "1e3",
  "1E3",
  "1e+3",
  "-1.5e-3",
  ".5",
  "5.",
  "+1",
  "-0",
  "+12.5",
  "~",
  "null",
  "Null",
  "NULL",
  "nULL",
  "yes",
  "no",
  "on",
  "off",
  "y",
  "true",
  "True",
  "TRUE",
  "tRUE",
  "false",
  "2026-06-30",
  "2026-06-30T12:00:00Z",
  "12:30:00",
  "'3'",
  '"3"',
  "''",
  "",
];

describe("D24: the fast parser reads every scalar as the positioned parser does", () => {
  it.each(SPELLINGS)("D24 agrees on `%s` as a value and as a key", (spelling) => {
    for (const text of [
      `v: ${spelling}\n`,
      `- ${spelling}\n`,
      `{ v: [${spelling}] }\n`,
      `${spelling}: v\n`,
    ]) {
      const positioned = parseYaml("a.yaml", text);
      const fast = parseYamlFast("a.yaml", text);
      // The fast path may decline (the positioned one then reads the file); what it returns must be what the
      // positioned parser reads, and only for text the positioned parser takes without a word.
      if (fast === undefined) continue;
      expect(positioned.diagnostics, text).toEqual([]);
      expect(fast.file?.data, text).toStrictEqual(positioned.file?.data);
    }
  });

  const other = join(FIXTURE_ANSWERS, "weak.yaml");
  const withSigners = (value: string) => {
    const path = join(tempDir(), "a.yaml");
    writeFileSync(path, strong().replace("signers: 5", `signers: ${value}`));
    return path;
  };

  it("D24 says what `.inf`, `-.inf` and `.NaN` are, in validate and compare alike", async () => {
    for (const value of [".inf", "-.inf", ".NaN"]) {
      const path = withSigners(value);
      const validate = await runCli("validate", path, "--catalog", FIXTURE_CATALOG);
      const compare = await runCli("compare", path, other, "--catalog", FIXTURE_CATALOG, "--jobs", "0");
      for (const run of [validate, compare]) {
        expect(run.stderr).toContain(`\`${value}\``);
        expect(run.stderr).not.toContain("`null`");
      }
      expect(compare.stderr).toContain(validate.stderr.split("\n")[0]);
    }
  });

  it("D24 refuses tags alike in validate and compare, and never dumps a Buffer", async () => {
    for (const value of ["!!float 3", "!!binary aGVsbG8="]) {
      const path = withSigners(value);
      const validate = await runCli("validate", path, "--catalog", FIXTURE_CATALOG);
      const compare = await runCli("compare", path, other, "--catalog", FIXTURE_CATALOG, "--jobs", "0");
      expect(validate.code).toBe(1);
      expect(compare.stderr).toContain("1 invalid submission");
      expect(validate.stderr).toContain("yaml/tag");
      expect(`${validate.stderr}${compare.stderr}`).not.toContain("Buffer");
    }
  });
});

describe("D4: the files read beside the answers go through the gate too", () => {
  it("a FIFO as the pseudonym key file is refused as such, never waited on", async () => {
    const fifo = join(tempDir(), "key");
    execFileSync("mkfifo", [fifo]);
    const run = await runCli(
      "compare",
      FIXTURE_ANSWERS,
      "--catalog",
      FIXTURE_CATALOG,
      "--anonymize",
      "--min-peers",
      "1",
      "--pseudonym-key-file",
      fifo,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `cannot read the pseudonym key file ${fifo} (EFTYPE: Expected a regular file; found a FIFO`,
    );
  });

  it("a template that is a FIFO is refused with a hint about regular files, not about write permissions", async () => {
    const templates = tempDir();
    cpSync(new URL("../../templates/", import.meta.url).pathname, templates, { recursive: true });
    rmSync(join(templates, "report.md.hbs"));
    execFileSync("mkfifo", [join(templates, "report.md.hbs")]);
    const run = await runCli(
      "report",
      `${FIXTURE_ANSWERS}weak.yaml`,
      "--catalog",
      FIXTURE_CATALOG,
      "--template",
      templates,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("(EFTYPE): Expected a regular file; found a FIFO");
    expect(run.stderr).toContain("hint: Name a regular file: vaspcheck reads no pipes");
  });
});

describe("N3 (second probe): a file with a great many problems", () => {
  it("lists the first 1,000 and says how many more there are, with no internal error", async () => {
    const rows = Array.from({ length: 150_000 }, () => "answers.KEY-001.notes,x").join("\n");
    const sheet = join(tempDir(), "many.csv");
    writeFileSync(sheet, `path,answer\n${rows}\n`);
    const run = await runCli("validate", sheet, "--catalog", FIXTURE_CATALOG, "-f", "json");
    expect(run.code).toBe(1);
    const list = JSON.parse(run.stdout) as { code: string; message: string }[];
    expect(list.length).toBe(1001);
    expect(list.at(-1)).toMatchObject({ code: "input/too-many-problems" });
    expect(list.at(-1)!.message).toMatch(
      /^\d+ more problems in this file \(\d+ errors, \d+ warnings\) are not listed/,
    );
    // The total counts every problem of the file, not the 1,000 listed.
    const text = await runCli("validate", sheet, "--catalog", FIXTURE_CATALOG);
    const total = /^([\d,]+) errors?, ([\d,]+) warnings? \(1,000 listed\)$/m.exec(text.stderr);
    expect(total, text.stderr.slice(-300)).not.toBeNull();
    const count = (s: string) => Number(s.replaceAll(",", ""));
    expect(count(total![1]!) + count(total![2]!)).toBeGreaterThan(140_000);
  }, 60_000);
});
