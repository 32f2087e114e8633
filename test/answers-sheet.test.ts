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
      if (part === "evidence")
        return String(
          (answer.evidence[Number(tail[0]) - 1] as Record<string, unknown> | undefined)?.[tail[1]!] ?? "",
        );
      return "";
    }
    const section = (strong as unknown as Record<string, Record<string, unknown>>)[head!];
    const v = section?.[rest[0]!];
    return v === undefined || v === null ? "" : Array.isArray(v) ? v.join(", ") : String(v);
  };
  const filled = rows.map((row, i) => (i === 0 ? row : [...row.slice(0, 5), row[5] || lookup(row[0]!)]));
  // The template offers a path row per control; evidence given by URL goes in a row the user adds (`….url`).
  for (const [id, answer] of Object.entries(strong.answers))
    answer?.evidence.forEach((e, i) => {
      if (e.url) filled.push([`answers.${id}.evidence.${i + 1}.url`, id, "Evidence URL", "", "", e.url]);
    });
  return filled;
}

describe("answers sheet (CSV)", () => {
  it("has one row per question with its text, type and allowed values", () => {
    const rows = parse(renderAnswersSheet(catalog)) as string[][];
    expect(rows[0]).toEqual(["path", "control", "question", "type", "allowed", "answer"]);
    expect(rows).toContainEqual([
      "answers.WKS-001.responses.enforcement",
      "WKS-001",
      "How is running externally supplied code on privileged devices prevented?",
      "single_choice",
      "allowlisting; policy_only; none",
      "",
    ]);
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
      row[5] = value;
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
    const under = [...rows, ["third_parties.1.operates.1", "", "", "", "", "KEY-002"]];
    writeFileSync(path, stringify(under));
    const below = await loadAnswers(path, catalog);
    expect(below.diagnostics.find((d) => d.code === "input/bad-sheet")?.message).toMatch(
      /goes below `operates`/,
    );
    // Numbered from 1, as evidence is.
    rows.push(["third_parties.0.name", "", "", "", "", "Other"]);
    writeFileSync(path, stringify(rows));
    const zero = await loadAnswers(path, catalog);
    expect(zero.diagnostics.find((d) => d.code === "input/bad-sheet")?.message).toBe(
      "Third parties are numbered from 1, not 0: `third_parties.0.name`",
    );
  });

  it("places errors at the row and column of the offending cell", async () => {
    const rows = filledSheet();
    const row = rows.findIndex((r) => r[0] === "answers.KEY-001.responses.signers");
    rows[row]![5] = "five";
    const typo = rows.findIndex((r) => r[0] === "answers.WKS-001.responses.enforcement");
    rows[typo]![5] = "allowlistng";
    const loaded = await loadAnswers(writeTemp("bad.csv", stringify(rows)), catalog);
    expect(loaded.diagnostics).toContainEqual(
      expect.objectContaining({ code: "answers/invalid-answer", start: { line: row + 1, column: 6 } }),
    );
    expect(loaded.diagnostics).toContainEqual(
      expect.objectContaining({
        code: "answers/invalid-choice",
        start: { line: typo + 1, column: 6 },
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
