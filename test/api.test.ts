import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";
import { DIAGNOSTIC_CODES } from "../src/model/diagnostic-codes.js";

/** The runtime exports of the package root, sorted. */
const EXPORTS = [
  "AnswersSchema",
  "COMPARISON_FORMAT",
  "COMPARISON_RENDERERS",
  "CatalogMetaSchema",
  "ComparisonSchema",
  "ConditionSchema",
  "ControlAnswerSchema",
  "ControlReviewSchema",
  "ControlSchema",
  "DEFAULT_CATALOG_DIR",
  "DIAGNOSTIC_CODES",
  "DIFF_FORMAT",
  "DIFF_RENDERERS",
  "DiffSchema",
  "EvaluationSchema",
  "EvidenceCheckSchema",
  "EvidenceSchema",
  "FrameworkSchema",
  "IncidentSchema",
  "LeafSchema",
  "LessonSchema",
  "LessonsFileSchema",
  "OPERATORS",
  "ProfileFileSchema",
  "QuestionSchema",
  "RENDERERS",
  "RESULT_FORMAT",
  "ReviewSchema",
  "SEVERITY_WEIGHT",
  "SeveritySchema",
  "StatusSchema",
  "SubmissionStatementSchema",
  "TemplateError",
  "addSignature",
  "buildComparisonModel",
  "buildDiffModel",
  "buildReportModel",
  "checkEvidence",
  "checkValue",
  "collectInputs",
  "compareFiles",
  "createAssessor",
  "createComparison",
  "createPseudonymizer",
  "createReport",
  "describeCondition",
  "describeType",
  "diffFiles",
  "diffSubmissions",
  "evaluate",
  "evaluateControls",
  "exportAnswers",
  "formatDiagnostics",
  "generateKeys",
  "hasErrors",
  "jsonSchemaOf",
  "keyIdOf",
  "lintCatalog",
  "listCatalog",
  "loadAnswers",
  "loadCatalog",
  "loadTemplates",
  "makePackage",
  "parseAnswersSheet",
  "parseYaml",
  "readAnswersWorkbook",
  "readSource",
  "renderAnswersSheet",
  "renderAnswersTemplate",
  "renderComparisonCsv",
  "renderMarkdown",
  "renderPdf",
  "renderWithTemplates",
  "showEntry",
  "signPdf",
  "sortDiagnostics",
  "validateAnswers",
  "vaspcheckVersion",
  "verifyPackage",
  "withDigests",
  "writeAnswersWorkbook",
];

describe("public API", () => {
  it("exports exactly the documented names: a change to this list is a change to the library's contract", () => {
    expect(Object.keys(api).sort()).toEqual(EXPORTS);
  });

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
      "compareFiles",
      "diffFiles",
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
    }).filter((f) => f.endsWith(".ts") && !f.endsWith("diagnostic-codes.ts"));
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
