// The answers workbook: written by `init --format xlsx`, filled by another spreadsheet library (openpyxl) as an
// officer's Excel would, and read back into the same evaluation as the YAML it was filled from.
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { answerRows, organizationRows } from "../src/answers/workbook-layout.js";
import { writeAnswersWorkbook } from "../src/answers/write-workbook.js";
import { DEFAULT_CATALOG_DIR } from "../src/catalog/default-catalog.js";
import { loadCatalog } from "../src/catalog/load-catalog.js";
import { evaluate } from "../src/engine/evaluate.js";
import type { Answers } from "../src/model/answers.js";
import type { Catalog } from "../src/model/catalog.js";
import { loadAnswers } from "../src/pipeline/validate-answers.js";
import { checkWorkbookZip } from "../src/source/zip-gate.js";
import { runCli } from "./helpers/cli.js";
import { tempDir, writeTemp } from "./helpers/fixtures.js";

const catalog = (await loadCatalog(DEFAULT_CATALOG_DIR)).catalog as Catalog;
const FILL = new URL("./helpers/fill-workbook.py", import.meta.url).pathname;
// Debian's python3 with python3-openpyxl, which `.ci/run` installs; the test says so and skips where it is missing.
const PYTHON = ["/usr/bin/python3", "python3"].find(
  (p) => spawnSync(p, ["-c", "import openpyxl"], { stdio: "ignore" }).status === 0,
);

type Cell = { type: "text" | "number" | "date" | "boolean"; value: string | number | boolean };

/** The answer cell of every workbook row an answers file fills: labels for choices, TRUE/FALSE per option. */
function cellsOf(answers: Answers): Record<string, Cell> {
  const rows = [...organizationRows(catalog), ...answerRows(catalog)];
  const out: Record<string, Cell> = {};
  const get = (path: string): unknown =>
    path.split(".").reduce<unknown>((node, key) => {
      if (node === null || typeof node !== "object") return undefined;
      const k = /^\d+$/.test(key) && Array.isArray(node) ? Number(key) - 1 : key;
      return (node as Record<string | number, unknown>)[k];
    }, answers);
  for (const row of rows) {
    const [base, option] = row.path.split("#") as [string, string | undefined];
    const location = base.endsWith(".location");
    const value = location
      ? (get(base.replace(/location$/, "url")) ?? get(base.replace(/location$/, "path")))
      : get(base);
    if (value === undefined || value === null) continue;
    if (option !== undefined)
      out[row.path] = { type: "boolean", value: (value as string[]).includes(option) };
    else if (row.cell.kind === "choice")
      out[row.path] = {
        type: "text",
        value: row.cell.labels[row.cell.values.indexOf(String(value))] ?? String(value),
      };
    else if (row.cell.kind === "date") out[row.path] = { type: "date", value: String(value) };
    else if (row.cell.kind === "boolean") out[row.path] = { type: "boolean", value: value === true };
    else if (row.cell.kind === "number") out[row.path] = { type: "number", value: Number(value) };
    else out[row.path] = { type: "text", value: Array.isArray(value) ? value.join("; ") : String(value) };
  }
  return out;
}

describe("the answers workbook", () => {
  it("is written byte for byte the same for the same catalog and date, in any time zone", async () => {
    const a = await writeAnswersWorkbook(catalog, { date: "2026-06-30" });
    const b = await writeAnswersWorkbook(catalog, { date: "2026-06-30" });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const dir = tempDir();
    const out = join(dir, "tz.xlsx");
    execFileSync(
      process.execPath,
      ["dist/bundle/vaspcheck.js", "init", "-f", "xlsx", "--date", "2026-06-30", "-o", out],
      {
        env: { ...process.env, TZ: "Pacific/Kiritimati", LC_ALL: "tr_TR.UTF-8" },
        stdio: "ignore",
      },
    );
    expect(readFileSync(out).equals(Buffer.from(a))).toBe(true);
  });

  it.skipIf(!PYTHON)(
    "filled by openpyxl from an example's answers, reads back into the same evaluation",
    async () => {
      for (const example of ["strong-exchange", "midsize-exchange", "dmm-like-exchange"]) {
        const yaml = await loadAnswers(`examples/${example}.yaml`, catalog);
        if (!yaml.answers) throw new Error(`${example} does not load`);
        const dir = tempDir();
        const blank = join(dir, "blank.xlsx");
        writeFileSync(blank, await writeAnswersWorkbook(catalog, { date: yaml.answers.assessment.date }));
        writeFileSync(join(dir, "values.json"), JSON.stringify(cellsOf(yaml.answers)));
        const filled = join(dir, `${example}.xlsx`);
        execFileSync(PYTHON!, [FILL, blank, join(dir, "values.json"), filled]);
        const back = await loadAnswers(filled, catalog);
        expect(
          back.diagnostics.filter((d) => d.severity === "error"),
          example,
        ).toEqual([]);
        const want = evaluate(catalog, yaml.answers);
        const got = evaluate(catalog, back.answers!);
        expect(
          got.controls.map((c) => [c.control_id, c.status]),
          example,
        ).toEqual(want.controls.map((c) => [c.control_id, c.status]));
        expect(
          got.replay.map((r) => [r.incident_id, r.verdict]),
          example,
        ).toEqual(want.replay.map((r) => [r.incident_id, r.verdict]));
        expect(got.overall, example).toEqual(want.overall);
      }
    },
  );

  it.skipIf(!PYTHON)("places a wrong label and a formula at their sheet and cell", async () => {
    const dir = tempDir();
    const blank = join(dir, "blank.xlsx");
    writeFileSync(blank, await writeAnswersWorkbook(catalog, { date: "2026-06-30" }));
    const values: Record<string, Cell> = {
      "organization.name": { type: "text", value: "Cell Test K.K." },
      "answers.ACC-001.responses.checklist": { type: "text", value: "Writen checklist" },
      "answers.ACC-002.responses.stale_found": { type: "text", value: "=1+1" },
    };
    writeFileSync(join(dir, "values.json"), JSON.stringify(values));
    const filled = join(dir, "cells.xlsx");
    execFileSync(PYTHON!, [FILL, blank, join(dir, "values.json"), filled]);
    const run = await runCli("validate", filled);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /cells\.xlsx!Answers!J2 {2}error {2}`Writen checklist` is not one of the choices/,
    );
    expect(run.stderr).toMatch(/cells\.xlsx!Answers!J\d+ {2}error {2}This answer cell holds a formula/);
    // One error for the mistyped label, not two.
    expect(run.stderr.match(/Writen checklist/g)?.length).toBe(1);
    // A key left blank is placed at the row that asks it.
    expect(run.stderr).toMatch(/cells\.xlsx!Organization!J3 {2}error {2}Missing `jurisdiction`/);
  });

  it("refuses a zip bomb whether its directory declares the size or understates it", async () => {
    const { default: JSZip } = await import("jszip");
    const zip = new JSZip();
    zip.file("xl/workbook.xml", "<workbook/>");
    zip.file("xl/worksheets/sheet1.xml", new Uint8Array(8 * 1024 * 1024));
    const honest = Buffer.from(await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
    expect(checkWorkbookZip(honest)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/would inflate \d+ times over/),
    });
    // The same bomb, its directory entry claiming 1,000 bytes.
    const lying = Buffer.from(honest);
    const name = Buffer.from("xl/worksheets/sheet1.xml");
    for (
      let at = lying.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
      at >= 0;
      at = lying.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4)
    )
      if (lying.subarray(at + 46, at + 46 + name.length).equals(name)) lying.writeUInt32LE(1000, at + 24);
    expect(checkWorkbookZip(lying)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/inflates past the 1000 bytes/),
    });
    expect(checkWorkbookZip(await writeAnswersWorkbook(catalog, { date: "2026-06-30" }))).toMatchObject({
      ok: true,
    });
  });

  it("refuses a file that is not one of its workbooks with one clear error", async () => {
    const dir = tempDir();
    const cases: [string, Uint8Array, RegExp][] = [
      [
        "old.xlsx",
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]),
        /Excel 97–2003 workbook \(\.xls\), or a workbook protected with a password/,
      ],
      ["text.xlsx", Buffer.from("organization:\n  name: x\n"), /not an \.xlsx workbook \(not a zip file\)/],
    ];
    for (const [name, bytes, message] of cases) {
      writeFileSync(join(dir, name), bytes);
      const run = await runCli("validate", join(dir, name));
      expect(run.code, name).toBe(1);
      expect(run.stderr, name).toMatch(message);
      expect(run.stderr, name).not.toMatch(/at .*\.js:\d+/);
    }
  });
});

describe("hostile workbooks", () => {
  /** A zip shaped like a workbook, with the given entries besides xl/workbook.xml. */
  async function zipOf(entries: Record<string, string | Uint8Array>): Promise<Uint8Array> {
    const { default: JSZip } = await import("jszip");
    const zip = new JSZip();
    zip.file("xl/workbook.xml", "<workbook/>");
    for (const [name, data] of Object.entries(entries)) zip.file(name, data);
    return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
  }

  it("refuses a sheet of a million rows from its XML, before the library builds them, in bounded time", async () => {
    const rows = Array.from({ length: 1_000_000 }, (_, i) => `<row r="${i + 1}"/>`).join("");
    const bytes = await zipOf({
      "xl/worksheets/sheet1.xml": `<worksheet><sheetData>${rows}</sheetData></worksheet>`,
    });
    const path = writeTemp("million.xlsx", bytes);
    const run = await runCli("validate", path);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/its sheet xl\/worksheets\/sheet1\.xml has more than 20001 rows/);
    // The same rows behind a namespace prefix are counted too.
    const prefixed = rows.replaceAll("<row ", "<x:row ");
    expect(
      checkWorkbookZip(await zipOf({ "xl/worksheets/sheet1.xml": `<x:worksheet>${prefixed}</x:worksheet>` })),
    ).toMatchObject({ ok: false, problem: expect.stringMatching(/more than 20001 rows/) });
  });

  it("refuses macros, external links and an OpenDocument file renamed .xlsx, each with one message", async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ "xl/vbaProject.bin": "macro" }, /it holds macros \(a \.xlsm workbook\)/],
      [{ "xl/externalLinks/externalLink1.xml": "<externalLink/>" }, /it links to other workbooks/],
    ];
    for (const [entries, message] of cases) {
      const run = await runCli("validate", writeTemp("hostile.xlsx", await zipOf(entries)));
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.match(/ error /g)?.length).toBe(1);
    }
    const { default: JSZip } = await import("jszip");
    const ods = new JSZip();
    ods.file("mimetype", "application/vnd.oasis.opendocument.spreadsheet");
    ods.file("content.xml", "<office:document-content/>");
    const run = await runCli(
      "validate",
      writeTemp("sheet.xlsx", await ods.generateAsync({ type: "uint8array" })),
    );
    expect(run.stderr).toMatch(/OpenDocument spreadsheet \(\.ods\) renamed to \.xlsx/);
  });

  it("names a renamed or deleted sheet, and a workbook that is not one of ours", async () => {
    const { default: Excel } = await import("exceljs");
    const blank = await writeAnswersWorkbook(catalog, { date: "2026-06-30" });
    const renamed = new Excel.Workbook();
    await renamed.xlsx.load(Buffer.from(blank) as unknown as ArrayBuffer);
    renamed.getWorksheet("Answers")!.name = "回答";
    let run = await runCli(
      "validate",
      writeTemp("renamed.xlsx", new Uint8Array(await renamed.xlsx.writeBuffer())),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/The sheet `Answers` is missing \(renamed or deleted\)/);
    const deleted = new Excel.Workbook();
    await deleted.xlsx.load(Buffer.from(blank) as unknown as ArrayBuffer);
    deleted.removeWorksheet(deleted.getWorksheet("Organization")!.id);
    run = await runCli(
      "validate",
      writeTemp("deleted.xlsx", new Uint8Array(await deleted.xlsx.writeBuffer())),
    );
    expect(run.stderr).toMatch(/The sheet `Organization` is missing/);
    const foreign = new Excel.Workbook();
    foreign.addWorksheet("Sheet1").addRow(["hello"]);
    run = await runCli(
      "validate",
      writeTemp("foreign.xlsx", new Uint8Array(await foreign.xlsx.writeBuffer())),
    );
    expect(run.stderr).toMatch(/not a vaspcheck answers workbook/);
  });
});

describe("what an officer's spreadsheet does to the answers", () => {
  /** The blank workbook with cells set through exceljs, as Excel or LibreOffice would save them. */
  async function edited(
    set: (sheet: (name: string) => import("exceljs").Worksheet, rowOf: (path: string) => number) => void,
  ) {
    const { default: Excel } = await import("exceljs");
    const wb = new Excel.Workbook();
    await wb.xlsx.load(
      Buffer.from(await writeAnswersWorkbook(catalog, { date: "2026-06-30" })) as unknown as ArrayBuffer,
    );
    const rowOf = (path: string) => {
      for (const ws of wb.worksheets)
        for (let r = 2; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === path) return r;
      throw new Error(`no row ${path}`);
    };
    const org = wb.getWorksheet("Organization")!;
    for (const [path, value] of Object.entries({
      "organization.name": "Sheet K.K.",
      "organization.jurisdiction": "JP",
      "assessment.assessor": "Compliance",
      "assessment.scope": "All of it",
    }))
      org.getCell(rowOf(path), 10).value = value;
    set((name) => wb.getWorksheet(name)!, rowOf);
    return writeTemp("edited.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
  }

  it("reads 85% as 85, a date serial as its day, LibreOffice's TRUE() as true and はい as yes", async () => {
    const path = await edited((sheet, rowOf) => {
      const share = sheet("Answers").getCell(rowOf("answers.HOT-003.responses.max_single_wallet_share"), 10);
      share.value = 0.85;
      share.numFmt = "0%";
      const question = catalog.controls
        .flatMap((c) => c.questions.map((q) => ({ c, q })))
        .find((x) => x.q.type === "date")!;
      sheet("Answers").getCell(rowOf(`answers.${question.c.id}.responses.${question.q.id}`), 10).value =
        46042;
      const bool = catalog.controls
        .flatMap((c) => c.questions.map((q) => ({ c, q })))
        .filter((x) => x.q.type === "boolean");
      sheet("Answers").getCell(rowOf(`answers.${bool[0]!.c.id}.responses.${bool[0]!.q.id}`), 10).value = {
        formula: "TRUE()",
        result: true,
      };
      sheet("Answers").getCell(rowOf(`answers.${bool[1]!.c.id}.responses.${bool[1]!.q.id}`), 10).value =
        "はい";
    });
    const back = await loadAnswers(path, catalog);
    expect(back.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const a = back.answers!.answers;
    expect(a["HOT-003"]!.responses.max_single_wallet_share).toBe(85);
    const question = catalog.controls
      .flatMap((c) => c.questions.map((q) => ({ c, q })))
      .find((x) => x.q.type === "date")!;
    expect(a[question.c.id]!.responses[question.q.id]).toBe("2026-01-20");
    const bool = catalog.controls
      .flatMap((c) => c.questions.map((q) => ({ c, q })))
      .filter((x) => x.q.type === "boolean");
    expect(a[bool[0]!.c.id]!.responses[bool[0]!.q.id]).toBe(true);
    expect(a[bool[1]!.c.id]!.responses[bool[1]!.q.id]).toBe(true);
  });

  it("refuses a formula in any cell, at its cell, and a formula in the hidden path column", async () => {
    const path = await edited((sheet, rowOf) => {
      sheet("Answers").getCell(rowOf("answers.HOT-003.responses.max_single_wallet_share"), 7).value = {
        formula: 'HYPERLINK("http://attacker.example/","x")',
        result: "x",
      };
      sheet("Answers").getCell(rowOf("answers.HOT-001.notes"), 1).value = {
        formula: '"answers.HOT-001.notes"',
        result: "answers.HOT-001.notes",
      };
    });
    const run = await runCli("validate", path);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/edited\.xlsx!Answers!G\d+ {2}error {2}This cell holds a formula/);
    expect(run.stderr).toMatch(/edited\.xlsx!Answers!A\d+ {2}error {2}The path cell holds a formula/);
    expect(run.stderr).not.toContain("[object Object]");
  });

  it("writes no Review sheet for an officer to tick, and places a blank workbook's first missing key at its row", async () => {
    const { default: Excel } = await import("exceljs");
    const wb = new Excel.Workbook();
    await wb.xlsx.load(Buffer.from(await writeAnswersWorkbook(catalog)) as unknown as ArrayBuffer);
    expect(wb.getWorksheet("Review")).toBeUndefined();
    const run = await runCli("validate", writeTemp("blank.xlsx", await writeAnswersWorkbook(catalog)));
    expect(run.stderr).toMatch(/blank\.xlsx!Organization!J2 {2}error {2}Missing `organization`/);
  });

  it("refuses a sheet hidden under another folder or behind a header that names another entry", async () => {
    const { default: JSZip } = await import("jszip");
    const zip = new JSZip();
    zip.file("xl/workbook.xml", "<workbook/>");
    zip.file("x/xl/worksheets/sheet9.xml", "<worksheet/>");
    expect(checkWorkbookZip(await zip.generateAsync({ type: "uint8array" }))).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/a sheet outside the workbook's folder of sheets/),
    });
    const plain = new JSZip();
    plain.file("xl/workbook.xml", "<workbook/>");
    plain.file("docProps/zzzzzzzzzzzzz.xml", "<x/>");
    const bytes = Buffer.from(await plain.generateAsync({ type: "uint8array" }));
    // The entry's own header now names a sheet of the same length; the directory still says docProps/….
    const at = bytes.indexOf(Buffer.from("docProps/zzzzzzzzzzzzz.xml"));
    Buffer.from("xl/worksheets/sheet9.xml!!").copy(bytes, at);
    expect(checkWorkbookZip(bytes)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/names itself otherwise in its own header/),
    });
  });

  it("keeps the catalog version its answers were given for when it exports them", async () => {
    const dir = tempDir();
    const source = readFileSync("examples/midsize-exchange.yaml", "utf8").replace(
      /^( {2}version: )2\.0\.0$/m,
      "$12.1.0",
    );
    writeFileSync(join(dir, "newer.yaml"), source);
    const run = await runCli("export", join(dir, "newer.yaml"), "-o", join(dir, "newer.xlsx"));
    expect(run.code).toBe(0);
    const before = await runCli("validate", join(dir, "newer.yaml"));
    const after = await runCli("validate", join(dir, "newer.xlsx"));
    const codes = (text: string) => [...text.matchAll(/ {2}(answers\/catalog-[a-z-]+)/g)].map((m) => m[1]);
    expect(codes(before.stderr).length).toBeGreaterThan(0);
    expect(codes(after.stderr)).toEqual(codes(before.stderr));
  });
});
