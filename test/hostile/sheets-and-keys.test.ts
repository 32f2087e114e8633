// Hostile sheets and keys: CSV paths that reach prototypes or huge indexes, mixed line endings, prototype-named ids.
import { cpSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseAnswersSheet } from "../../src/answers/answers-sheet.js";
import { loadCatalog } from "../../src/catalog/load-catalog.js";
import { didYouMean } from "../../src/diagnostics/suggest.js";
import type { Catalog } from "../../src/model/catalog.js";
import { runCli } from "../helpers/cli.js";
import { fixtureCatalog, tempDir, writeTemp } from "../helpers/fixtures.js";

const CONTROLS = new URL("../../controls/", import.meta.url).pathname;
const EXAMPLES = new URL("../../examples/", import.meta.url).pathname;
const cat = ["--catalog", CONTROLS];
const strong = join(EXAMPLES, "strong-exchange.yaml");

const catalog: Catalog = await fixtureCatalog();

/** The sheet's diagnostics for `rows` under a `path,answer` header. */
function sheetDiagnostics(rows: string[], eol = "\n") {
  return parseAnswersSheet("s.csv", ["path,answer", ...rows, ""].join(eol), catalog);
}

/** The data a sheet gave, as the answers part of an answers file. */
type SheetData = { answers: Record<string, { evidence: object[]; notes: string; responses: unknown }> };

function dataOf(result: ReturnType<typeof parseAnswersSheet>): SheetData {
  expect(result.file).toBeDefined();
  return result.file?.data as SheetData;
}

afterEach(() => {
  // A polluted prototype would leak into every later test; fail here and clean up so the rest still mean something.
  const proto = Object.prototype as Record<string, unknown>;
  const leaked = Object.keys(proto);
  for (const key of leaked) delete proto[key];
  expect(leaked).toEqual([]);
});

describe("D2: sheet paths never reach a prototype", () => {
  it.each([
    "__proto__.polluted",
    "answers.__proto__.polluted",
    "answers.KEY-001.__proto__.polluted",
    "constructor.prototype.polluted",
    "profile.constructor",
  ])("refuses `%s` at its row and leaves Object.prototype alone", (path) => {
    const { diagnostics, file } = sheetDiagnostics(["organization.name,X", `${path},yes`]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(diagnostics).toContainEqual(
      expect.objectContaining({ code: "input/bad-sheet", start: { line: 3, column: 1 } }),
    );
    expect(JSON.stringify(file?.data)).not.toContain("polluted");
  });

  it("a polluting sheet does not change the verdict on another submission in the same run", async () => {
    const alone = await runCli("validate", strong, ...cat);
    const evil = writeTemp("evil.csv", "path,answer\n__proto__.polluted,yes\n");
    const together = await runCli("validate", evil, strong, ...cat);
    const ofStrong = (text: string) => text.split("\n").filter((l) => l.includes("strong-exchange.yaml"));
    expect(ofStrong(together.stderr)).toEqual(ofStrong(alone.stderr));
    expect(together.stderr).toMatch(/evil\.csv:2:1 {2}error {2}.*`__proto__`/);
    expect(together.stderr).not.toContain("This is a bug");
  });
});

describe("D3: evidence indexes are bounded", () => {
  it("a 76-byte sheet numbering evidence 999999999 gets a diagnostic at its row", async () => {
    const sheet = writeTemp(
      "oom.csv",
      "path,answer\nanswers.KEY-001.evidence.999999999.url,https://x.example\n",
    );
    const result = await runCli("validate", sheet, ...cat);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/oom\.csv:2:1 {2}error {2}Evidence is numbered from 1 to 100/);
  });

  it("accepts evidence 100 and refuses 101", () => {
    const parsed = sheetDiagnostics([
      "answers.KEY-001.evidence.100.url,https://a.example",
      "answers.KEY-001.evidence.101.url,https://b.example",
    ]);
    expect(parsed.diagnostics.map((d) => d.start.line)).toEqual([3]);
    const answers = dataOf(parsed).answers;
    expect(answers["KEY-001"]?.evidence).toHaveLength(100);
  });
});

describe("D13: every row is placed or explained", () => {
  it("a row below a scalar gets a diagnostic, not an internal error", async () => {
    const sheet = writeTemp(
      "deep.csv",
      "path,answer\nanswers.KEY-001.responses.signers,4\nanswers.KEY-001.responses.signers.deeper,5\n",
    );
    const result = await runCli("validate", sheet, ...cat);
    expect(result.stderr).not.toContain("This is a bug");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/deep\.csv:3:1 {2}error {2}.*`answers\.KEY-001\.responses\.signers`/);
  });

  it("a scalar row above rows already placed is refused, not allowed to replace them", () => {
    const parsed = sheetDiagnostics([
      "answers.KEY-001.responses.signers,4",
      "answers.KEY-001.responses,all of them",
    ]);
    expect(parsed.diagnostics).toContainEqual(expect.objectContaining({ start: { line: 3, column: 1 } }));
    const answers = dataOf(parsed).answers;
    expect(answers["KEY-001"]?.responses).toEqual({ signers: 4 });
  });

  it.each(["0", "-1", "01", "1e3", "+1", "0x1", ""])("refuses evidence numbered `%s`", (n) => {
    const { diagnostics } = sheetDiagnostics([`answers.KEY-001.evidence.${n}.url,https://x.example`]);
    expect(diagnostics).toContainEqual(
      expect.objectContaining({ code: "input/bad-sheet", start: { line: 2, column: 1 } }),
    );
  });

  it("a row with an answer but no path, or a path deeper than any key, is reported at its row", () => {
    const deep = `answers.KEY-001.notes${".x".repeat(100_000)}`;
    const { diagnostics } = sheetDiagnostics([",orphan answer", `${deep},yes`]);
    expect(diagnostics.map((d) => [d.start.line, d.message.length < 200])).toEqual([
      [2, true],
      [3, true],
    ]);
  });

  it("a path given twice is reported at its second row", () => {
    const { diagnostics } = sheetDiagnostics(["organization.name,A", "organization.name,B"]);
    expect(diagnostics).toContainEqual(expect.objectContaining({ start: { line: 3, column: 1 } }));
  });
});

describe("D12: mixed line endings", () => {
  it("LF rows appended to a CRLF sheet stay rows of their own, at their own lines", () => {
    const crlf = "path,answer\r\norganization.name,Acme\r\nanswers.KEY-001.evidence.1.title,Key ceremony\r\n";
    const appended = "answers.KEY-001.evidence.1.url,https://x.example/a\nanswers.KEY-001.notes,Late\n";
    const parsed = parseAnswersSheet("s.csv", crlf + appended, catalog);
    const data = dataOf(parsed);
    expect(data.answers["KEY-001"]?.evidence[0]).toEqual({
      title: "Key ceremony",
      url: "https://x.example/a",
    });
    expect(data.answers["KEY-001"]?.notes).toBe("Late");
    expect(parsed.file?.locate(["answers", "KEY-001", "notes"]).start.line).toBe(5);
  });

  it("places a row after a multi-line cell at the line it starts on, whatever the line endings", () => {
    for (const eol of ["\r\n", "\n", "\r"]) {
      const text = [
        "path,answer",
        'answers.KEY-001.notes,"one',
        "two",
        'three"',
        "organization.name,Acme",
        "",
      ];
      const parsed = parseAnswersSheet("s.csv", text.join(eol), catalog);
      expect(parsed.file?.locate(["answers", "KEY-001", "notes"]).start.line, JSON.stringify(eol)).toBe(2);
      expect(parsed.file?.locate(["organization", "name"]).start.line, JSON.stringify(eol)).toBe(5);
    }
  });

  it("a line ending inside a quoted cell is still part of the cell", () => {
    const parsed = parseAnswersSheet("s.csv", 'path,answer\r\nanswers.KEY-001.notes,"a\nb"\r\n', catalog);
    expect(dataOf(parsed).answers["KEY-001"]?.notes).toBe("a\nb");
  });
});

/** Rewrites a file of `dir` in place. */
function edit(dir: string, file: string, change: (text: string) => string): void {
  const path = join(dir, file);
  writeFileSync(path, change(readFileSync(path, "utf8")));
}

/**
 * Copies the shipped catalog and names an incident, a step, a source, a framework, a lesson, a profile question and a
 * control's question `constructor`: a valid id each time, and a member of every plain object's prototype.
 */
function prototypeCatalog(): string {
  const dir = tempDir();
  cpSync(CONTROLS, dir, { recursive: true });
  renameSync(join(dir, "incidents", "zaif-2018.yaml"), join(dir, "incidents", "constructor.yaml"));
  renameSync(join(dir, "frameworks", "seal-multisig-ops.yaml"), join(dir, "frameworks", "constructor.yaml"));
  const everywhere = ["lessons.yaml", "profile.yaml", "catalog.yaml"].concat(
    ...["controls", "incidents", "frameworks"].map((sub) =>
      readdirSync(join(dir, sub)).map((f) => join(sub, f)),
    ),
  );
  for (const file of everywhere)
    edit(dir, file, (text) =>
      text
        .replaceAll("zaif-2018", "constructor")
        .replaceAll("seal-multisig-ops", "constructor")
        .replaceAll("hot-cold-segregation", "constructor")
        .replace(/\boperates_hot_wallets\b/g, "constructor"),
    );
  edit(dir, "incidents/constructor.yaml", (text) =>
    text.replace(/\bZ1\b/g, "constructor").replaceAll("id: hot-wallet-compromise", "id: constructor"),
  );
  edit(dir, "controls/HOT-005.yaml", (text) => text.replace(/\bpause_minutes\b/g, "constructor"));
  return dir;
}

describe("D8: prototype-named ids and keys", () => {
  const dir = prototypeCatalog();
  const renamed = readFileSync(strong, "utf8")
    .replace("operates_hot_wallets:", "constructor:")
    .replace("pause_minutes:", "constructor:");
  const full = writeTemp("full.yaml", renamed);
  // The scoping question and HOT-005's `constructor` left out: each must get its warning.
  const blankText = renamed.replace(/ *constructor: .*\n/g, "");
  const blank = writeTemp("blank.yaml", blankText);

  it("lint accepts the catalog", async () => {
    const lint = await runCli("catalog", "lint", "--catalog", dir);
    expect(lint.stderr).not.toContain("This is a bug");
    expect(lint.stderr).not.toMatch(/ error /);
    expect(lint.code).toBe(0);
  });

  it("validate warns that the scoping question and the control question `constructor` are not answered", async () => {
    const result = await runCli("validate", blank, "--catalog", dir);
    expect(result.stderr).not.toContain("This is a bug");
    expect(result.stderr).toContain("Scoping question `constructor` is not answered");
    expect(result.stderr).toContain("Control `HOT-005` leaves `constructor` blank");
    expect((await runCli("validate", full, "--catalog", dir)).stderr).not.toContain("not answered");
  });

  it("a control declared not applicable while the scoping question `constructor` is blank is in error as blank", async () => {
    const text = blankText.replace(
      / {2}HOT-001:\n(?: {4}.*\n)+/,
      "  HOT-001:\n    not_applicable:\n      justification: We hold every customer asset offline in cold storage, with no hot wallets at all.\n",
    );
    const result = await runCli("validate", writeTemp("na.yaml", text), "--catalog", dir);
    expect(result.stderr).toContain("`constructor` is blank, which puts it in scope");
  });

  it("a sheet may answer the scoping question named `constructor`", () => {
    const sheet = ["path,answer", "profile.constructor,TRUE", "answers.HOT-005.responses.constructor,3", ""];
    return loadCatalog(dir).then(({ catalog: loaded }) => {
      expect(loaded).toBeDefined();
      const parsed = parseAnswersSheet("s.csv", sheet.join("\n"), loaded as Catalog);
      expect(parsed.diagnostics).toEqual([]);
      expect(parsed.file?.data).toMatchObject({
        profile: { constructor: true },
        answers: { "HOT-005": { responses: { constructor: 3 } } },
      });
    });
  });

  it("report replays the incident named `constructor` and maps the framework named `constructor`", async () => {
    const report = await runCli("report", full, "--catalog", dir);
    expect(report.stderr).not.toContain("This is a bug");
    expect(report.code).toBe(0);
    expect(report.stdout).toContain("Zaif (Tech Bureau)");
    const original = await runCli("report", strong, ...cat);
    const sections = (md: string) => md.split("\n").filter((l) => l.startsWith("#")).length;
    expect(sections(report.stdout)).toBe(sections(original.stdout));
  });

  it("compare counts both submissions", async () => {
    const midsize = readFileSync(join(EXAMPLES, "midsize-exchange.yaml"), "utf8")
      .replace("operates_hot_wallets:", "constructor:")
      .replace("pause_minutes:", "constructor:");
    const other = writeTemp("midsize.yaml", midsize);
    const compare = await runCli("compare", full, other, "--catalog", dir, "--jobs", "0", "-f", "json");
    expect(compare.stderr).not.toContain("This is a bug");
    expect(compare.code).toBe(0);
    expect(compare.stdout).toContain("Zaif (Tech Bureau)");
  });
});

describe("D8: a framework named `constructor`", () => {
  it("catalog show lists the controls mapped to each of its requirements", async () => {
    const dir = tempDir();
    cpSync(CONTROLS, dir, { recursive: true });
    renameSync(
      join(dir, "frameworks", "seal-multisig-ops.yaml"),
      join(dir, "frameworks", "constructor.yaml"),
    );
    for (const file of [
      "frameworks/constructor.yaml",
      ...readdirSync(join(dir, "controls")).map((f) => `controls/${f}`),
    ])
      edit(dir, file, (text) => text.replaceAll("seal-multisig-ops", "constructor"));
    const shown = await runCli("catalog", "show", "constructor", "--catalog", dir);
    expect(shown.stderr).toBe("");
    expect(shown.stdout).toMatch(/SEAL-MS-01 +KEY-001/);
  });
});

describe("D14: did-you-mean stays bounded", () => {
  it("still finds a near miss", () => {
    expect(didYouMean("KEY-01", ["KEY-001", "WAL-001"])).toBe("Did you mean `KEY-001`?");
  });

  it("makes no suggestion for a key over 64 characters, however close", () => {
    const long = "a".repeat(70);
    expect(didYouMean(`${long}b`, [long])).toBeUndefined();
    expect(didYouMean(`${"a".repeat(63)}b`, ["a".repeat(64)])).toBe(`Did you mean \`${"a".repeat(64)}\`?`);
  });

  it("never echoes a 1 MiB unknown id whole", async () => {
    // An explicit key (`? …`): YAML allows implicit keys of at most 1024 characters.
    const id = `ZZ-${"9".repeat(1 << 20)}`;
    const text = readFileSync(strong, "utf8").replace("answers:\n", `answers:\n  ? ${id}\n  : {}\n`);
    const result = await runCli("validate", writeTemp("huge.yaml", text), ...cat);
    expect(result.stderr).toContain("Unknown control");
    expect(result.stderr.length).toBeLessThan(20_000);
  });

  it("990 unknown ids of 1 KB each are all reported, without a suggestion for any", async () => {
    // Under the 1,000 problems listed per file, with room for the fixture's own warnings.
    const ids = Array.from({ length: 990 }, (_, i) => `K${String(i).padStart(4, "0")}${"y".repeat(1019)}`);
    const text = readFileSync(strong, "utf8").replace(
      "answers:\n",
      `answers:\n${ids.map((id) => `  ${id}: {}\n`).join("")}`,
    );
    const result = await runCli("validate", writeTemp("many.yaml", text), ...cat, "--format", "json");
    const codes = (JSON.parse(result.stdout) as { code: string }[]).filter(
      (d) => d.code === "answers/unknown-control",
    );
    expect(codes).toHaveLength(990);
  });
});
