// Hostile text: control and bidi characters shown escaped on terminals and neutralised in documents (D10); template errors in the template's terms (D20).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { describe, expect, it } from "vitest";
import { escapeForTerminal } from "../../src/diagnostics/format.js";
import { neutraliseText } from "../../src/report/document-text.js";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/fixtures.js";

const EXAMPLE = new URL("../../examples/strong-exchange.yaml", import.meta.url).pathname;
const PAYLOAD =
  "\u001b]0;PWNED\u0007\u001b[2J\u0000\u0008\u000b\u000c\u007f\u0085\u009b\u202eexe.gnp\u2066x\u2069\u200b\ufeff";
/** Every character a terminal or a document must not receive raw (\p{Cc} is C0, DEL and C1). */
const RAW = /(?![\t\n])[\p{Cc}\u200b\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;

/** The strong example with the payload in its name, assessor and registration. */
function hostileAnswers(): string {
  const text = readFileSync(EXAMPLE, "utf8")
    .replace(/^ {2}name: .*$/m, `  name: ${JSON.stringify(`Evil ${PAYLOAD} Exchange`)}`)
    .replace(/^ {2}assessor: .*$/m, `  assessor: ${JSON.stringify(`Auditor ${PAYLOAD}`)}`)
    .replace(/^ {2}registration: .*$/m, `  registration: ${JSON.stringify(`R-1 ${PAYLOAD}`)}`);
  return text;
}

describe("D10: control and bidi characters", () => {
  it("D10: escapeForTerminal and neutraliseText show every unsafe character as a visible escape", () => {
    expect(escapeForTerminal("a\u001b[2Jb\u0007\tc\nd\u202e\u200f\u0085\r")).toBe(
      "a\\u001B[2Jb\\u0007\tc\nd\\u202E\\u200F\\u0085\\u000D",
    );
    expect(neutraliseText("a\u001b]0;x\u0007\r\nb\u2028c\u202ed\u200de\u0000")).toBe(
      "a\\u001B]0;x\\u0007\nb\nc\\u202Ed\u200de\\u0000",
    );
    expect(neutraliseText(neutraliseText(PAYLOAD))).toBe(neutraliseText(PAYLOAD));
  });

  it("D10: validate prints a hostile choice answer and control id escaped, never raw", async () => {
    const dir = tempDir();
    const file = join(dir, "evil.yaml");
    const text = readFileSync(EXAMPLE, "utf8").replace(
      /^answers:\n/m,
      `answers:\n  ${JSON.stringify(`KEY-${PAYLOAD}`)}:\n    responses: {}\n`,
    );
    writeFileSync(file, text.replace(/clauses: \[right_to_audit,/, `clauses: [${JSON.stringify(PAYLOAD)},`));
    const run = await runCli("validate", file);
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).not.toMatch(RAW);
    expect(run.stdout + run.stderr).toContain("\\u001B]0;PWNED\\u0007\\u001B[2J");
    expect(run.stdout + run.stderr).toContain("\\u202Eexe.gnp");
  });

  it("D10: the Markdown report, the comparison Markdown and CSV, and PDF metadata carry no raw control or bidi character", async () => {
    const dir = tempDir();
    const file = join(dir, "evil.yaml");
    writeFileSync(file, hostileAnswers());
    const report = await runCli("report", file, "--as-of", "2026-06-01");
    expect(report.code).toBe(0);
    expect(report.stdout).not.toMatch(RAW);
    // The escape's backslash is itself escaped, so Markdown shows `\u001B` as written.
    expect(report.stdout).toContain("Evil \\\\u001B\\]0;PWNED\\\\u0007");
    for (const format of ["md", "csv"]) {
      const compare = await runCli("compare", file, EXAMPLE, "-f", format, "--as-of", "2026-06-01");
      // CSV records end in CRLF (RFC 4180); only the data is checked.
      expect(compare.stdout.replace(/\r\n/g, "\n")).not.toMatch(RAW);
      expect(compare.stdout).toContain("u202Eexe.gnp");
    }
    const pdf = join(dir, "evil.pdf");
    expect((await runCli("report", file, "-f", "pdf", "-o", pdf, "--as-of", "2026-06-01")).code).toBe(0);
    const doc = await getDocument({ data: new Uint8Array(readFileSync(pdf)), verbosity: 0 }).promise;
    const info = (await doc.getMetadata()).info as Record<string, string>;
    for (const key of ["Title", "Author", "Subject"]) {
      expect(info[key]).not.toMatch(RAW);
      expect(info[key]).toContain("\\u202Eexe.gnp");
    }
    const page = await (await doc.getPage(1)).getTextContent();
    const text = page.items.map((item) => ("str" in item ? item.str : "")).join("");
    expect(text).not.toMatch(RAW);
    await doc.destroy();
  });
});

describe("D20: template errors", () => {
  /** Renders the strong example with a one-file custom template; returns what the CLI printed. */
  async function withTemplate(source: string) {
    const dir = tempDir();
    writeFileSync(join(dir, "report.md.hbs"), source);
    return { file: join(dir, "report.md.hbs"), run: await runCli("report", EXAMPLE, "--template", dir) };
  }

  it("D20: a path through a missing field is named, with its line and column, in the template's terms", async () => {
    const { file, run } = await withTemplate("# {{md organization.name}}\n\n  {{does.not.exist}}\n");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file}:3:5  error  \`does.not.exist\` is not a field of the report model`);
    expect(run.stderr).not.toContain("Cannot read properties");
  });

  it("D20: a misspelt field and an unknown helper are placed and said plainly", async () => {
    const field = await withTemplate("x\n{{organization.nme}}\n");
    expect(field.run.stderr).toContain(
      `${field.file}:2:3  error  \`organization.nme\` is not a field of the report model`,
    );
    const helper = await withTemplate("x\n\n{{shout organization.name}}\n");
    expect(helper.run.stderr).toContain(
      `${helper.file}:3:3  error  \`shout\` is neither a helper nor a field`,
    );
    const partial = await withTemplate("x\n {{> nowhere}}\n");
    expect(partial.run.stderr).toContain(`${partial.file}:2:2  error  there is no partial \`nowhere\``);
  });
});

describe("N1 (second probe): file names and arguments echoed on the terminal", () => {
  it("escapes control characters in a file name in validate's summary, and in arguments a message repeats", async () => {
    const name = join(tempDir(), "e\u001b]0;PWN\u0007\nfake.yaml");
    writeFileSync(name, readFileSync("examples/midsize-exchange.yaml"));
    const run = await runCli("validate", name);
    expect([..."\u001b\u0007"].some((c) => run.stderr.includes(c))).toBe(false);
    expect(run.stderr).toContain("e\\u001B]0;PWN\\u0007\\nfake.yaml: 68 of 74 in-scope controls answered");
    const show = await runCli("catalog", "show", "X\u001b]0;t\u0007");
    expect(show.code).toBe(2);
    expect([..."\u001b\u0007"].some((c) => show.stderr.includes(c))).toBe(false);
  });
});
