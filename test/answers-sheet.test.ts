import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { renderAnswersSheet } from "../src/answers/answers-sheet.js";
import { evaluate } from "../src/engine/evaluate.js";
import { loadAnswers } from "../src/pipeline/validate-answers.js";
import {
  asOrganization,
  FIXTURE_ANSWERS,
  fixtureAnswers,
  fixtureCatalog,
  tempDir,
  writeTemp,
} from "./helpers/fixtures.js";

const catalog = await fixtureCatalog();
const strong = fixtureAnswers("strong");
const strongText = readFileSync(join(FIXTURE_ANSWERS, "strong.yaml"), "utf8");
/** The answer column: the last of the sheet's columns. */
const ANSWER = 8;
/** A row a user adds: its path and its answer, the columns between left blank. */
const line = (path: string, answer: string): string[] => [path, "", "", "", "", "", "", "", answer];

/** Fills the sheet's answer column from a YAML fixture, the way a person would in a spreadsheet. */
function filledSheet(): string[][] {
  const rows = parse(renderAnswersSheet(catalog, { date: "2026-06-30" })) as string[][];
  const lookup = (path: string): string => {
    const [head, ...rest] = path.split(".");
    if (head === "answers") {
      const [id, part, ...tail] = rest;
      const answer = strong.answers[id!];
      if (!answer) return "";
      if (part === "responses") {
        const v = answer.responses[tail[0]!];
        return v === undefined || v === null
          ? ""
          : Array.isArray(v)
            ? v.join("; ")
            : String(v).toUpperCase() === "TRUE"
              ? "TRUE"
              : String(v);
      }
      if (part === "evidence") {
        const e = answer.evidence[Number(tail[0]) - 1] as Record<string, unknown> | undefined;
        return String((tail[1] === "location" ? (e?.path ?? e?.url) : e?.[tail[1]!]) ?? "");
      }
      return "";
    }
    const section = (strong as unknown as Record<string, Record<string, unknown>>)[head!];
    const v = section?.[rest[0]!];
    return v === undefined || v === null ? "" : Array.isArray(v) ? v.join(", ") : String(v);
  };
  const filled = rows.map((row, i) =>
    i === 0 ? row : row.map((cell, j) => (j === ANSWER ? cell || lookup(row[0]!) : cell)),
  );
  // The template offers one evidence item per control; a second one, or a web address beside a path, goes in rows the
  // user adds (`….evidence.2.title`, `….url`).
  for (const [id, answer] of Object.entries(strong.answers))
    answer?.evidence.forEach((e, i) => {
      const at = `answers.${id}.evidence.${i + 1}`;
      if (i > 0) {
        filled.push(line(`${at}.title`, e.title));
        if (e.path) filled.push(line(`${at}.path`, e.path));
        if (e.date) filled.push(line(`${at}.date`, e.date));
      }
      if (e.url && (e.path || i > 0)) filled.push(line(`${at}.url`, e.url));
    });
  return filled;
}

describe("answers sheet (CSV)", () => {
  it("has one row per question with the control's title and severity, and choices by their labels", () => {
    const rows = parse(renderAnswersSheet(catalog)) as string[][];
    expect(rows[0]).toEqual([
      "path",
      "control",
      "title",
      "severity",
      "level",
      "question",
      "allowed",
      "basis",
      "answer",
    ]);
    const control = catalog.controls.find((c) => c.id === "WKS-001")!;
    const q = control.questions.find((x) => x.id === "enforcement")!;
    const row = rows.find((r) => r[0] === "answers.WKS-001.responses.enforcement")!;
    expect(row.slice(0, 7)).toEqual([
      "answers.WKS-001.responses.enforcement",
      "WKS-001",
      control.title,
      control.severity,
      String(control.level),
      q.text,
      "choices" in q ? q.choices.map((c) => c.label).join(" · ") : "",
    ]);
    // Rows for what the YAML file has besides responses, with evidence numbered from 1.
    const paths = new Set(rows.map((r) => r[0]));
    for (const suffix of [
      "not_applicable.justification",
      "evidence.1.title",
      "evidence.1.location",
      "exception.justification",
      "exception.approver",
      "exception.expires",
      "remediation_plan.owner",
      "remediation_plan.due",
      "remediation_plan.management_response",
      "notes",
    ])
      expect(paths.has(`answers.WKS-001.${suffix}`), suffix).toBe(true);
    expect(renderAnswersSheet(catalog, { bom: true }).startsWith("\uFEFF")).toBe(true);
    expect(renderAnswersSheet(catalog).startsWith("\uFEFF")).toBe(false);
  });

  it("reads choice labels as their values, and an evidence location as a path or a web address", async () => {
    const rows = parse(renderAnswersSheet(catalog, { date: "2026-06-30" })) as string[][];
    const control = catalog.controls.find((c) => c.id === "WKS-001")!;
    const q = control.questions.find((x) => x.id === "enforcement")!;
    if (!("choices" in q)) throw new Error("WKS-001 enforcement is a choice");
    const set = (path: string, value: string) => {
      rows.find((r) => r[0] === path)![ANSWER] = value;
    };
    for (const [path, value] of Object.entries({
      "organization.name": "Label K.K.",
      "organization.jurisdiction": "JP",
      "assessment.assessor": "Compliance",
      "assessment.scope": "Everything we run",
    }))
      set(path, value);
    set("answers.WKS-001.responses.enforcement", q.choices[0]!.label.toUpperCase());
    set("answers.WKS-001.evidence.1.title", "Policy");
    set("answers.WKS-001.evidence.1.location", "https://example.com/policy");
    const path = writeTemp("labels.csv", `\uFEFF${stringify(rows)}`);
    const loaded = await loadAnswers(path, catalog);
    expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const answer = loaded.answers!.answers["WKS-001"]!;
    expect(answer.responses.enforcement).toBe(q.choices[0]!.value);
    expect(answer.evidence).toEqual([{ title: "Policy", url: "https://example.com/policy" }]);
    // A scoping question left blank is placed at its own row, not at the top of the file.
    const profileRow = rows.findIndex((r) => r[0]!.startsWith("profile."));
    const missing = loaded.diagnostics.find((d) => d.code === "answers/missing-profile");
    expect(missing?.start).toEqual({ line: profileRow + 1, column: ANSWER + 1 });
  });

  it("evaluates exactly like the same answers written in YAML (Excel's TRUE and list cells included)", async () => {
    const path = writeTemp("answers.csv", stringify(filledSheet()));
    const loaded = await loadAnswers(path, catalog);
    expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const fromSheet = evaluate(catalog, loaded.answers!).controls.map((c) => [c.control_id, c.status]);
    const fromYaml = evaluate(catalog, strong).controls.map((c) => [c.control_id, c.status]);
    expect(fromSheet).toEqual(fromYaml);
  });

  it("names a third party, the controls it operates and its own answers file, as YAML does", async () => {
    const dir = tempDir();
    const set = (rows: string[][], path: string, value: string) => {
      const row = rows.find((r) => r[0] === path);
      if (!row) throw new Error(`no row ${path}`);
      row[ANSWER] = value;
    };
    const rows = filledSheet().filter((r) => !r[0]!.startsWith("answers.KEY-001."));
    set(rows, "third_parties.1.name", "Kumo Wallet Systems K.K.");
    set(rows, "third_parties.1.role", "wallet_vendor");
    set(rows, "third_parties.1.operates", "KEY-001; ");
    set(rows, "third_parties.1.answers", "kumo.yaml");
    writeFileSync(join(dir, "kumo.yaml"), asOrganization(strongText, "Kumo Wallet Systems K.K."));
    const path = join(dir, "answers.csv");
    writeFileSync(path, stringify(rows));
    const loaded = await loadAnswers(path, catalog);
    expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(loaded.answers?.third_parties).toEqual([
      {
        name: "Kumo Wallet Systems K.K.",
        role: "wallet_vendor",
        operates: ["KEY-001"],
        answers: "kumo.yaml",
      },
    ]);
    const key = evaluate(catalog, loaded.answers!, { thirdParties: loaded.thirdParties }).controls.find(
      (c) => c.control_id === "KEY-001",
    );
    expect(key?.operated_by?.answers).toBe("current");
    // One cell holds the controls: a row under it would silently replace one of them.
    const under = [...rows, line("third_parties.1.operates.1", "KEY-002")];
    writeFileSync(path, stringify(under));
    const below = await loadAnswers(path, catalog);
    expect(below.diagnostics.find((d) => d.code === "input/bad-sheet")?.message).toMatch(
      /goes below `operates`/,
    );
    // Numbered from 1, as evidence is.
    rows.push(line("third_parties.0.name", "Other"));
    writeFileSync(path, stringify(rows));
    const zero = await loadAnswers(path, catalog);
    expect(zero.diagnostics.find((d) => d.code === "input/bad-sheet")?.message).toBe(
      "Third parties are numbered from 1, not 0: `third_parties.0.name`",
    );
  });

  it("places errors at the row and column of the offending cell", async () => {
    const rows = filledSheet();
    const row = rows.findIndex((r) => r[0] === "answers.KEY-001.responses.signers");
    rows[row]![ANSWER] = "five";
    const typo = rows.findIndex((r) => r[0] === "answers.WKS-001.responses.enforcement");
    rows[typo]![ANSWER] = "allowlistng";
    const loaded = await loadAnswers(writeTemp("bad.csv", stringify(rows)), catalog);
    expect(loaded.diagnostics).toContainEqual(
      expect.objectContaining({ code: "answers/invalid-answer", start: { line: row + 1, column: 9 } }),
    );
    expect(loaded.diagnostics).toContainEqual(
      expect.objectContaining({
        code: "answers/invalid-choice",
        start: { line: typo + 1, column: 9 },
        hint: "Did you mean `allowlisting`?",
      }),
    );
  });

  it("rejects a sheet without the path and answer columns, and malformed CSV", async () => {
    const noHeader = await loadAnswers(writeTemp("x.csv", "a,b\n1,2\n"), catalog);
    expect(noHeader.diagnostics[0]).toMatchObject({ code: "input/bad-sheet" });
    const broken = await loadAnswers(writeTemp("y.csv", 'path,answer\n"unterminated,1\n'), catalog);
    expect(broken.diagnostics[0]).toMatchObject({ code: "input/bad-sheet" });
  });
});
