import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadCatalog } from "../src/catalog/load-catalog.js";
import type { Diagnostic } from "../src/diagnostics/diagnostic.js";
import { formatDiagnostics } from "../src/diagnostics/format.js";
import { loadAnswers, validateAnswers } from "../src/pipeline/validate-answers.js";
import { parseYaml } from "../src/source/parse-yaml.js";
import { readSource } from "../src/source/read-source.js";
import { brokenCatalog, FIXTURE_ANSWERS, fixtureCatalog, writeTemp } from "./helpers/fixtures.js";

const catalog = await fixtureCatalog();
const strongText = readFileSync(`${FIXTURE_ANSWERS}strong.yaml`, "utf8");
const validate = (text: string, asOf?: string) =>
  validateAnswers(parseYaml("a.yaml", text), catalog, { asOf });
const shippedCatalog = async () => (await loadCatalog("controls")).catalog!;
const find = (list: Diagnostic[], code: string) => list.filter((d) => d.code === code);
const at = (d: Diagnostic | undefined) => (d ? `${d.start.line}:${d.start.column}` : "none");

describe("parsing", () => {
  it("reports malformed YAML with line and column and stops", () => {
    const result = parseYaml("x.yaml", "organization:\n  name: [unclosed\nassessment: 1\n");
    expect(result.file).toBeUndefined();
    expect(result.diagnostics[0]).toMatchObject({ code: "yaml/syntax", severity: "error", file: "x.yaml" });
    expect(result.diagnostics[0]!.start.line).toBeGreaterThan(1);
  });

  it("reports duplicate keys where the second one is", () => {
    const result = parseYaml("x.yaml", "a: 1\nb: 2\na: 3\n");
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ code: "yaml/duplicate-key", start: { line: 3, column: 1 } }),
    );
  });

  it("refuses alias bombs instead of expanding them", () => {
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x, x]",
      ...Array.from(
        { length: 8 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`,
      ),
    ].join("\n");
    const result = parseYaml("bomb.yaml", bomb);
    expect(result.file).toBeUndefined();
    expect(result.diagnostics[0]?.code).toBe("yaml/too-many-aliases");
    // The first alias (`*a` on line 2) is where the expansion begins.
    expect(at(result.diagnostics[0])).toBe("2:8");
  });

  it("says where text stops being UTF-8, and names UTF-16 and UTF-32 by their byte-order marks", async () => {
    const read = async (bytes: number[]) =>
      (await readSource(writeTemp("enc.yaml", new Uint8Array(bytes)))).diagnostics[0];
    const ascii = (text: string) => [...Buffer.from(text, "utf8")];
    const cut = await read([...ascii("a: 1\nname: ab"), 0xe3, 0x41, ...ascii("\n")]);
    expect([cut?.code, at(cut), cut?.message]).toEqual([
      "input/not-utf8",
      "2:9",
      "File is not UTF-8 text: bytes 0xE3 0x41 are not a UTF-8 character",
    ]);
    const stray = await read([...ascii("a: 日本\nb: "), 0xff]);
    expect([at(stray), stray?.message]).toEqual([
      "2:4",
      "File is not UTF-8 text: byte 0xFF is not a UTF-8 character",
    ]);
    const truncated = await read([...ascii("a: "), 0xe6, 0x97]);
    expect(at(truncated)).toBe("1:4");
    expect((await read([0xff, 0xfe, 0x61, 0x00]))?.message).toBe(
      "File is UTF-16 (little-endian) text, not UTF-8",
    );
    expect((await read([0xfe, 0xff, 0x00, 0x61]))?.message).toBe(
      "File is UTF-16 (big-endian) text, not UTF-8",
    );
    expect((await read([0xff, 0xfe, 0x00, 0x00, 0x61, 0, 0, 0]))?.message).toBe(
      "File is UTF-32 (little-endian) text, not UTF-8",
    );
    expect((await read([0x00, 0x00, 0xfe, 0xff]))?.message).toBe(
      "File is UTF-32 (big-endian) text, not UTF-8",
    );
    const nul = await read(ascii("a: x\u0000y"));
    expect([at(nul), nul?.message]).toEqual([
      "1:5",
      "File contains NUL bytes, so it is binary (or UTF-16 without a byte-order mark), not text",
    ]);
    // A NUL as the very first byte is at 1:1, not counted back from the end of the file.
    expect(at(await read([0x00, ...ascii("abc\n\n\n")]))).toBe("1:1");
    // A UTF-8 byte-order mark is UTF-8.
    expect(await read([0xef, 0xbb, 0xbf, ...ascii("a: 1\n")])).toBeUndefined();
  });

  it("refuses binary, missing and oversized files with a diagnostic, not an exception", async () => {
    expect(
      (await readSource(writeTemp("bin.yaml", new Uint8Array([0xff, 0xfe, 0x00, 0x41])))).diagnostics[0]
        ?.code,
    ).toBe("input/not-utf8");
    expect((await readSource("/nonexistent/answers.yaml")).diagnostics[0]?.code).toBe("input/read-failed");
    expect((await readSource(writeTemp("big.yaml", "a: 1\n".repeat(100)), 64)).diagnostics[0]?.code).toBe(
      "input/too-large",
    );
  });

  it("says plainly that an empty answers file is empty", () => {
    for (const text of ["", "# only a comment\n"]) {
      const { diagnostics } = validate(text);
      expect(diagnostics.map((d) => [d.code, d.message])).toEqual([
        ["input/empty", "The answers file is empty"],
      ]);
    }
  });

  it("reads JSON answers with positions too", async () => {
    const json = JSON.stringify(
      { ...(parseYaml("s", strongText).file?.data as object), extra: true },
      null,
      2,
    );
    const result = await loadAnswers(writeTemp("a.json", json), catalog);
    const unknown = find(result.diagnostics, "schema/unknown-key")[0];
    expect(unknown?.message).toContain("extra");
    expect(unknown?.start.line).toBeGreaterThan(1);
  });
});

describe("answers validation", () => {
  it("accepts the fixture answers with no errors", () => {
    expect(validate(strongText).diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("reports every problem in one pass, each placed and explained", () => {
    const text = strongText
      .replace("jurisdiction: JP", "jurisdicton: JP")
      .replace("evm_chains: true", "evm_chains: yes")
      .replace("KEY-001:", "KEY-01:")
      .replace("enforcement: allowlisting", "enforcement: allowlistin")
      .replace("max_session: 8", 'max_session: "8h"')
      .replace("destination, amount, call_type", "destination, amout, call_type");
    const { diagnostics, answers } = validate(text);
    expect(answers).toBeUndefined();
    const missing = find(diagnostics, "schema/missing")[0];
    expect(find(diagnostics, "schema/unknown-key")[0]).toMatchObject({
      hint: "Did you mean `jurisdiction`?",
    });
    expect(missing?.message).toContain("jurisdiction");
    expect(find(diagnostics, "answers/invalid-answer").map((d) => d.hint)).toContain(
      "Did you mean `true`? YAML 1.2 reads `yes` as text.",
    );
    expect(find(diagnostics, "answers/unknown-control")[0]).toMatchObject({
      hint: "Did you mean `KEY-001`?",
    });
    const choice = find(diagnostics, "answers/invalid-choice");
    expect(choice.map((d) => d.hint)).toEqual(
      expect.arrayContaining(["Did you mean `allowlisting`?", "Did you mean `amount`?"]),
    );
    const lines = text.split("\n");
    const enforcementLine = lines.findIndex((l) => l.includes("allowlistin")) + 1;
    expect(at(choice.find((d) => d.hint?.includes("allowlisting")))).toBe(
      `${enforcementLine}:${lines[enforcementLine - 1]!.indexOf("allowlistin") + 1}`,
    );
    expect(diagnostics.filter((d) => d.severity === "error").length).toBeGreaterThanOrEqual(7);
  });

  it("rejects unknown keys anywhere, including inside an answer", () => {
    const { diagnostics } = validate(strongText.replace("  WKS-001:\n", "  WKS-001:\n    comment: hi\n"));
    expect(find(diagnostics, "schema/unknown-key")[0]?.message).toContain("comment");
  });

  it("detects answers made for another catalog and explains the version difference from the changelog", async () => {
    const dir = brokenCatalog({
      "catalog.yaml": (t) =>
        t
          .replace("version: 1.0.0", "version: 1.2.0")
          .replace(
            "    summary: First release.\n",
            "    summary: First release.\n  - version: 1.2.0\n    summary: Adds quorum rules\n    added: [KEY-001]\n    changed: [TXN-001]\n",
          ),
    });
    const newer = (await loadCatalog(dir)).catalog!;
    const result = validateAnswers(parseYaml("a.yaml", strongText), newer);
    const version = find(result.diagnostics, "answers/catalog-version")[0];
    expect(version).toMatchObject({ severity: "warning", expected: "1.2.0", actual: "1.0.0" });
    expect(version?.message).toContain("new controls to answer: KEY-001");
    expect(version?.message).toContain("changed: TXN-001");
    const other = validate(strongText.replace("id: vaspcheck-test", "id: another-catalog"));
    expect(find(other.diagnostics, "answers/catalog-mismatch")[0]?.severity).toBe("error");
  });

  it("warns where the profile implies a choice the answer leaves out, at that answer", async () => {
    const text = readFileSync("examples/strong-exchange.yaml", "utf8").replace(
      "notice_regimes: [eu_dora, new_york]",
      "notice_regimes: [new_york]",
    );
    const result = await loadAnswers(writeTemp("implied.yaml", text), await shippedCatalog());
    const hit = result.diagnostics.find((d) => d.code === "answers/implied-choice");
    expect(hit?.severity).toBe("warning");
    expect(hit?.message).toMatch(/`eu_dora`.*`jurisdictions` includes `eu_mica`/);
    expect(hit?.start.line).toBe(
      text.split("\n").findIndex((l) => l.includes("notice_regimes: [new_york]")) + 1,
    );
    // The strong exchange answers 4 hours throughout, so DORA's deadlines are met even when DORA is read in.
    expect(result.results?.find((r) => r.control_id === "DET-004")?.status).toBe("met");
  });

  it("explains an implied regime as the profile's, and never asks an EU firm for the Japanese one", async () => {
    const { buildControlView } = await import("../src/report/control-view.js");
    const catalog = await shippedCatalog();
    const text = readFileSync("examples/strong-exchange.yaml", "utf8")
      .replace("notice_regimes: [eu_dora, new_york]", "notice_regimes: [new_york]")
      .replace("hours_after_classification: 4", "hours_after_classification: 8");
    const result = await loadAnswers(writeTemp("implied-gap.yaml", text), catalog);
    const det = result.results!.find((r) => r.control_id === "DET-004")!;
    expect(det.status).not.toBe("met");
    expect(det.implied_choices).toEqual([
      { question: "notice_regimes", value: "eu_dora", profile_question: "jurisdictions" },
    ]);
    const control = catalog.controls.find((c) => c.id === "DET-004")!;
    const why = buildControlView(det, control, catalog).why ?? "";
    expect(why).toMatch(/within 4 hours of classification/);
    expect(why).not.toMatch(/Japan/);
  });
  it("warns about met controls without evidence, expiring exceptions and answers dated after the assessment", () => {
    const text = strongText
      .replace(/( {2}KEY-001:\n {4}responses: .*\n) {4}evidence: .*\n/, "$1")
      .replace("  HOT-001:\n", '  HOT-001:\n    answered_on: "2026-07-15"\n')
      .replace(
        "  GOV-001:\n",
        '  GOV-001:\n    exception: { justification: Board rotation, approver: CEO, expires: "2026-07-10" }\n',
      );
    const { diagnostics } = validate(text);
    expect(find(diagnostics, "answers/no-evidence")[0]?.message).toContain("KEY-001");
    expect(find(diagnostics, "answers/dated-after-assessment")[0]?.message).toContain("2026-07-15");
    expect(find(diagnostics, "answers/exception-expiring")[0]?.message).toContain("10 days");
    const tomorrow = validate(text.replace('expires: "2026-07-10"', 'expires: "2026-07-01"')).diagnostics;
    expect(find(tomorrow, "answers/exception-expiring")[0]?.message).toContain(
      "expires in 1 day (2026-07-01)",
    );
    expect(diagnostics.every((d) => d.severity === "warning")).toBe(true);
  });

  it("rejects evidence an auditor cannot follow: a title without a path or URL", () => {
    const text = strongText.replace(
      /( {2}KEY-001:\n {4}responses: .*\n {4}evidence: ).*\n/,
      "$1[{ title: Key ceremony }]\n",
    );
    const [problem] = validate(text).diagnostics.filter((d) => d.severity === "error");
    expect(problem).toMatchObject({ code: "schema/invalid", path: ["answers", "KEY-001", "evidence", 0] });
    expect(problem?.message).toContain("Evidence needs a `path` or a `url`");
    expect(problem?.start.line).toBeGreaterThan(1);
  });

  it("still gives the quality warnings of the valid parts when other parts have errors", () => {
    const text = strongText
      .replace(/( {2}KEY-001:\n {4}responses: .*\n) {4}evidence: .*\n/, "$1")
      .replace("  HOT-001:\n", '  HOT-001:\n    answered_on: "2026-07-15"\n')
      .replace("  GOV-001:\n", "  GOV-001:\n    colour: blue\n");
    const { diagnostics } = validate(text);
    expect(find(diagnostics, "schema/unknown-key")[0]?.path).toEqual(["answers", "GOV-001", "colour"]);
    expect(find(diagnostics, "answers/no-evidence")[0]?.message).toContain("KEY-001");
    expect(find(diagnostics, "answers/dated-after-assessment")[0]?.message).toContain("2026-07-15");
    // The control in error gets no quality verdict of its own: its answers were not read.
    expect(diagnostics.filter((d) => d.severity === "warning" && d.path?.[1] === "GOV-001")).toEqual([]);
    const badDate = validate(text.replace('date: "2026-06-30"', "date: someday"));
    expect(find(badDate.diagnostics, "answers/no-evidence")).toEqual([]);
  });

  it("places a blank scoping question at its own key, and a missing one at the profile", () => {
    const text = strongText
      .replace("  evm_chains: true\n", "")
      .replace("operates_hot_wallets: true", "operates_hot_wallets:");
    const missing = find(validate(text).diagnostics, "answers/missing-profile");
    expect(missing.map((d) => [d.message, d.start.line, d.start.column])).toEqual([
      ["Scoping question `operates_hot_wallets` is not answered", 13, 3],
      ["Scoping question `evm_chains` is not answered", 12, 3],
    ]);
  });

  it("prints diagnostics as file:line:col blocks with hints and totals", () => {
    const out = formatDiagnostics(validate(strongText.replace("KEY-001:", "KEY-01:")).diagnostics);
    expect(out).toMatch(/^a\.yaml:\d+:3 {2}error {2}Unknown control `KEY-01` {2}answers\/unknown-control$/m);
    expect(out).toContain("hint: Did you mean `KEY-001`?");
    expect(out).toMatch(/1 error, \d+ warnings?\n$/);
  });
});
