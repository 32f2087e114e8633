// The third probe of hostile input (after issue 18's fixes): each finding that was mended has its test here.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { brokenCatalog, FIXTURE_CATALOG, tempDir, writeTemp } from "../helpers/fixtures.js";

const EXAMPLE = new URL("../../examples/strong-exchange.yaml", import.meta.url).pathname;
const text = readFileSync(EXAMPLE, "utf8");
const BUNDLE = new URL("../../dist/bundle/vaspcheck.js", import.meta.url).pathname;
const codeOf = (stderr: string) =>
  [...stderr.matchAll(/ {2}((?:input|yaml|answers|catalog)\/[a-z-]+)$/gm)].map((m) => m[1]);

describe("arguments", () => {
  it("refuses `-` and an empty file name instead of validating nothing", async () => {
    for (const argv of [
      ["validate", "-"],
      ["validate", EXAMPLE, "-"],
      ["report", "-"],
      ["compare", "-"],
    ]) {
      const run = await runCli(...argv);
      expect([run.code, run.stderr.split("\n")[0]], argv.join(" ")).toEqual([
        2,
        "vaspcheck: `-` is not a file here: vaspcheck does not read answers from standard input",
      ]);
    }
    const empty = await runCli("validate", "");
    expect([empty.code, empty.stderr.split("\n")[0]]).toEqual([2, "vaspcheck: An empty file name was given"]);
  });

  it("reads numeric options as decimal digits only", async () => {
    for (const value of ["0x10", "1e3", "+5", " 12", "0b11"]) {
      const run = await runCli("validate", EXAMPLE, "--max-bytes", value);
      expect([run.code, run.stderr], value).toEqual([
        2,
        expect.stringContaining(`--max-bytes expects a whole number`),
      ]);
    }
  });
});

describe("templates", () => {
  const template = (main: string, partials: Record<string, string> = {}) => {
    const dir = tempDir();
    mkdirSync(join(dir, "partials"));
    writeFileSync(join(dir, "report.md.hbs"), main);
    for (const [name, body] of Object.entries(partials))
      writeFileSync(join(dir, "partials", `${name}.hbs`), body);
    return dir;
  };
  const report = (dir: string) => runCli("report", EXAMPLE, "--template", dir);

  it("has no `log` helper, which would write data past the output and the escaping", async () => {
    const run = await report(template("a\n{{log organization.name}}\n"));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("The `log` helper is not available");
  });

  it("names the mistake of a helper without a value, a partial that includes itself and an #each without a list", async () => {
    expect((await report(template("a {{md}}\n"))).stderr).toContain("`md` needs a value: write {{md field}}");
    const loop = await report(template("a {{> self}}\n", { self: "x {{> self}}\n" }));
    expect(loop.stderr).toMatch(
      /self\.hbs {2}error {2}partials nest more than 64 deep here: a partial includes itself/,
    );
    expect((await report(template("a\n{{#each}}x{{/each}}\n"))).stderr).toMatch(
      /report\.md\.hbs:2:1 {2}error {2}`\{\{#each\}\}` needs the list to go through/,
    );
  });
});

describe("files", () => {
  it("names CR-only line endings instead of calling the file empty", async () => {
    const run = await runCli("validate", writeTemp("cr.yaml", text.replace(/\n/g, "\r")));
    expect([run.code, codeOf(run.stderr)]).toEqual([1, ["input/line-endings"]]);
  });

  it("refuses a %YAML 1.1 directive, and says plainly that a file holds a second document", async () => {
    const directive = await runCli("validate", writeTemp("d.yaml", `%YAML 1.1\n---\n${text}`));
    expect(directive.stderr).toContain(
      "1:1  error  The file asks to be read as YAML 1.1; vaspcheck reads every file as YAML 1.2",
    );
    const two = await runCli("validate", writeTemp("two.yaml", `${text}---\na: 1\n`));
    expect(two.stderr).toContain("The file holds a second YAML document");
    expect(two.stderr).toContain("hint: Remove the second document, or save it as a file of its own.");
  });

  it("shows a lone surrogate as a visible escape in documents, never as a silent U+FFFD", async () => {
    const file = writeTemp("s.yaml", text.replace(/^ {2}name: .*$/m, '  name: "Aur\\uD800ora"'));
    const run = await runCli("report", file);
    expect(run.code).toBe(0);
    // Markdown escapes the backslash, so a reader sees \uD800.
    expect(run.stdout).toContain("Aur\\\\uD800ora");
    expect(run.stdout).not.toContain("\uFFFD");
  });

  it("says once that --catalog is not a directory", async () => {
    const run = await runCli("validate", EXAMPLE, "--catalog", EXAMPLE);
    expect(run.code).toBe(2);
    expect(codeOf(run.stderr)).toEqual(["input/read-failed"]);
    expect(run.stderr).toContain("is not a directory");
  });
});

describe("answers sheets", () => {
  it("refuses a doubled column, cells past the named columns and white space in a path", async () => {
    const doubled = await runCli(
      "validate",
      writeTemp("a.csv", "path,answer,answer\norganization.name,A,B\n"),
    );
    expect(doubled.stderr).toContain("The column `answer` appears twice in the first row");
    const extra = await runCli("validate", writeTemp("b.csv", "path,answer\norganization.name,A,EXTRA\n"));
    expect(extra.stderr).toContain("2:1  error  Row 2 has 3 cells, but the first row names 2 columns");
    const spaced = await runCli("validate", writeTemp("c.csv", 'path,answer\n"organization.\nname",X\n'));
    expect(spaced.stderr).toContain("Path `organization. name` contains a space or a line break");
  });
});

describe("catalog text", () => {
  it("refuses control and bidi characters in a catalog, so no command prints or writes them", async () => {
    const dir = brokenCatalog(
      {
        "controls/KEY-001.yaml": (t) =>
          t.replace(/^title: (.*)$/m, 'title: "$1 \\u001B]0;PWN\\u0007 \\u202E"'),
      },
      FIXTURE_CATALOG,
    );
    for (const argv of [["catalog", "list"], ["init"], ["catalog", "lint"]]) {
      const run = await runCli(...argv, "--catalog", dir);
      expect(run.code, argv.join(" ")).not.toBe(0);
      expect(run.stdout.includes("\u001b") || run.stdout.includes("\u202e"), argv.join(" ")).toBe(false);
      expect(run.stderr).toContain(
        "Text holds the character \\u001B, which terminals act on or readers cannot see",
      );
    }
  });
});

describe("fourth probe: echoes, directories, loops, pipes and totals", () => {
  it("shortens a 100,000-character argument it echoes to its ends", async () => {
    const long = "x".repeat(100_000);
    for (const argv of [
      ["report", EXAMPLE, "--as-of", long],
      ["report", EXAMPLE, "-f", long],
      ["catalog", "show", long],
    ]) {
      const run = await runCli(...argv);
      expect(run.code, argv[argv.length - 2]).toBe(2);
      expect(run.stderr.length).toBeLessThan(1000);
      expect(run.stderr).toMatch(/x…\[\d+ characters left out\]…x/);
    }
  });

  it("says that the directory of a new --out is missing, or is a file, or a loop of links", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "file"), "");
    symlinkSync(join(dir, "b"), join(dir, "a"));
    symlinkSync(join(dir, "a"), join(dir, "b"));
    const cases: [string, string][] = [
      [join(dir, "missing", "r.md"), `the directory ${join(dir, "missing")} does not exist`],
      [join(dir, "file", "r.md"), `${join(dir, "file")} is a file, not a directory`],
      [join(dir, "a", "r.md"), `${join(dir, "a")} is a loop of symbolic links`],
    ];
    for (const [out, said] of cases) {
      const run = await runCli("report", EXAMPLE, "-o", out);
      expect([run.code, run.stderr.split("\n")[0]]).toEqual([2, `vaspcheck: --out ${out}: ${said}`]);
    }
  });

  it("names a loop of links as such when reading, and a pipe or socket behind /dev/stdin as what it is", () => {
    const dir = tempDir();
    symlinkSync(join(dir, "b.yaml"), join(dir, "a.yaml"));
    symlinkSync(join(dir, "a.yaml"), join(dir, "b.yaml"));
    const loop = spawnSync(process.execPath, [BUNDLE, "validate", join(dir, "a.yaml")], { encoding: "utf8" });
    expect(loop.status).toBe(2);
    expect(loop.stderr).toContain("its path is a loop of symbolic links");
    const piped = spawnSync(process.execPath, [BUNDLE, "validate", "/dev/stdin"], {
      input: text,
      encoding: "utf8",
    });
    expect(piped.status).toBe(2);
    // Node hands a child its input through a socket pair; a shell's `|` is a FIFO. Either is named as what it is.
    expect(piped.stderr).toMatch(/Expected a regular file, found a (FIFO \(named pipe\)|socket)/);
    expect(piped.stderr).not.toContain("File not found");
  });
});

describe("fifth probe: vendors' files, aliases and long syntax errors", () => {
  const VENDOR_RUN = new URL("../../examples/vendor-run-exchange.yaml", import.meta.url).pathname;
  const POLARIS = new URL("../../examples/vendors/polaris-custody-technologies.yaml", import.meta.url)
    .pathname;
  const copyExample = () => {
    const dir = tempDir();
    mkdirSync(join(dir, "vendors"));
    writeFileSync(join(dir, "exchange.yaml"), readFileSync(VENDOR_RUN, "utf8"));
    writeFileSync(join(dir, "vendors", "polaris-custody-technologies.yaml"), readFileSync(POLARIS, "utf8"));
    return dir;
  };

  it("never writes compare's or diff's output over a vendor's answers file it read", async () => {
    const dir = copyExample();
    const vendor = join(dir, "vendors", "polaris-custody-technologies.yaml");
    const before = readFileSync(vendor, "utf8");
    const exchange = join(dir, "exchange.yaml");
    for (const argv of [
      ["compare", exchange, "-o", vendor],
      ["diff", exchange, exchange, "-o", vendor],
    ]) {
      const run = await runCli(...argv);
      expect([argv[0], run.code]).toEqual([argv[0], 2]);
      expect(run.stderr).toContain("is the input file");
    }
    expect(readFileSync(vendor, "utf8")).toBe(before);
  });

  it("reads a vendor file named by many parties once, and refuses more than 100 parties", async () => {
    const dir = copyExample();
    const text = readFileSync(join(dir, "exchange.yaml"), "utf8");
    const entry = (i: number) =>
      `  - name: Polaris Custody Technologies Ltd.\n    role: wallet_vendor\n    operates: []\n    answers: vendors/polaris-custody-technologies.yaml\n    identifier: "id-${i}"\n`;
    const many = (n: number) =>
      text.replace(
        /^third_parties:\n/m,
        `third_parties:\n${Array.from({ length: n }, (_, i) => entry(i)).join("")}`,
      );
    writeFileSync(join(dir, "sixty.yaml"), many(60));
    const sixty = await runCli("validate", join(dir, "sixty.yaml"), "-f", "json");
    const listed = JSON.parse(sixty.stdout) as { code: string; file: string }[];
    // The vendor file's own warnings are listed once, not once per party naming it.
    const fromVendor = listed.filter((d) => d.file.endsWith("polaris-custody-technologies.yaml"));
    expect(new Set(fromVendor.map((d) => JSON.stringify(d))).size).toBe(fromVendor.length);
    writeFileSync(join(dir, "many.yaml"), many(101));
    const refused = await runCli("validate", join(dir, "many.yaml"));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/third_parties|at most 100/);
  });

  it("counts a vendor file found in a compared folder as part of its submission, not as a failed one", async () => {
    const dir = copyExample();
    const run = await runCli("compare", dir, "-f", "json");
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain("answers/third-party-file");
  });

  it("checks a vendor's file as a vendor's under --require-complete", async () => {
    const run = await runCli("validate", POLARIS, "--require-complete");
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("checked as the own answers of a wallet vendor");
  });

  it("refuses aliases that would repeat more than 1 MiB of text, as a diagnostic", async () => {
    const big = "x".repeat(300_000);
    const yaml = `${text.replace("answers:\n", `answers:\n  GOV-001:\n    notes: &big "${big}"\n`)}`.concat(
      Array.from({ length: 5 }, (_, i) => `# ${i}\n`).join(""),
    );
    const aliased = yaml
      .replace(/^( {2}GOV-002:\n)/m, "$1    notes: *big\n")
      .replace(/^( {2}GOV-003:\n)/m, "$1    notes: *big\n")
      .replace(/^( {2}GOV-005:\n)/m, "$1    notes: *big\n")
      .replace(/^( {2}GOV-006:\n)/m, "$1    notes: *big\n");
    const run = await runCli("report", writeTemp("aliased.yaml", aliased), "-f", "json");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("yaml/too-many-aliases");
    expect(run.stderr).not.toContain("internal error");
  });

  it("shortens a syntax error that quotes megabytes of the file", async () => {
    const run = await runCli("validate", writeTemp("tok.yaml", `a: |\n${"| | |".repeat(400_000)}\n  b: 1\n`));
    expect(run.code).toBe(1);
    expect(run.stderr.length).toBeLessThan(5_000);
  });
});

describe("sixth probe: alias cost, vendor files outside the folder, the review's notes and date", () => {
  it("refuses 16,000 aliases quickly enough to be a diagnostic, not a minute of work", async () => {
    const n = 16_000;
    const yaml = `organization: {name: &n xx, jurisdiction: JP}\nz: [${Array(n).fill("*n").join(",")}]\n`;
    const run = await runCli("validate", writeTemp("aliases.yaml", yaml));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("yaml/too-many-aliases");
  }, 20_000);

  it("never writes compare's output over a vendor file a submission names outside its folder", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "sub"));
    const outside = join(dir, "outside.yaml");
    const vendor = readFileSync(
      new URL("../../examples/vendors/polaris-custody-technologies.yaml", import.meta.url),
      "utf8",
    );
    writeFileSync(outside, vendor);
    writeFileSync(
      join(dir, "sub", "a.yaml"),
      readFileSync(new URL("../../examples/vendor-run-exchange.yaml", import.meta.url), "utf8").replace(
        "answers: vendors/polaris-custody-technologies.yaml",
        "answers: ../outside.yaml",
      ),
    );
    const run = await runCli("compare", join(dir, "sub"), "-o", outside);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("is the input file");
    expect(readFileSync(outside, "utf8")).toBe(vendor);
  });

  it("shows the reviewer's notes in the report, and warns of a review dated before the assessment", async () => {
    const report = await runCli(
      "report",
      new URL("../../examples/vendor-run-exchange.yaml", import.meta.url).pathname,
    );
    expect(
      report.stdout.match(/the second signer's log shows no\s+check of the call type/g)?.length,
    ).toBeGreaterThanOrEqual(2);
    const early = readFileSync(
      new URL("../../examples/vendor-run-exchange.yaml", import.meta.url),
      "utf8",
    ).replace('date: "2026-06-12"', 'date: "1999-01-01"');
    const dir = tempDir();
    mkdirSync(join(dir, "vendors"));
    writeFileSync(
      join(dir, "vendors", "polaris-custody-technologies.yaml"),
      readFileSync(
        new URL("../../examples/vendors/polaris-custody-technologies.yaml", import.meta.url),
        "utf8",
      ),
    );
    writeFileSync(join(dir, "early.yaml"), early);
    const run = await runCli("validate", join(dir, "early.yaml"));
    expect(run.stderr).toMatch(
      /The review is dated 1999-01-01, before the assessment it reviews \(2026-05-20\)/,
    );
  });

  it("does not say no vendor is named when the named one has a misspelt role", async () => {
    const text = readFileSync(
      new URL("../../examples/vendor-run-exchange.yaml", import.meta.url),
      "utf8",
    ).replace("    role: wallet_vendor", "    role: wallet-vendor");
    const run = await runCli("validate", writeTemp("misspelt.yaml", text));
    expect(run.stderr).toContain("schema/invalid-value");
    expect(run.stderr).not.toContain("answers/third-party-undeclared");
  });
});
