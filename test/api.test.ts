import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DIAGNOSTIC_CODES } from "../src/diagnostics/codes.js";
import * as api from "../src/index.js";

describe("public API", () => {
  it("exports the library functions the CLI uses", () => {
    for (const name of [
      "loadCatalog",
      "lintCatalog",
      "loadAnswers",
      "validateAnswers",
      "evaluate",
      "createReport",
      "buildReportModel",
      "renderMarkdown",
      "renderAnswersTemplate",
      "listCatalog",
      "showEntry",
      "formatDiagnostics",
      "jsonSchemaOf",
    ]) {
      expect(typeof (api as Record<string, unknown>)[name], name).toBe("function");
    }
  });
});

describe("diagnostic codes", () => {
  it("every code used in the sources is registered, and every registered code is used", () => {
    const files = readdirSync(new URL("../src/", import.meta.url), {
      recursive: true,
      encoding: "utf8",
    }).filter((f) => f.endsWith(".ts"));
    const text = files.map((f) => readFileSync(new URL(`../src/${f}`, import.meta.url), "utf8")).join("\n");
    const used = new Set(
      [...text.matchAll(/"((?:input|yaml|schema|catalog|answers)\/[a-z-]+)"/g)].map((m) => m[1]!),
    );
    const registered = Object.keys(DIAGNOSTIC_CODES);
    for (const code of used) expect(registered, code).toContain(code);
    const unused = registered.filter((c) => !used.has(c) && !text.includes(`"${c}"`));
    expect(unused).toEqual([]);
  });
});
