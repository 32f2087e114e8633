// Public API of vaspcheck: everything the CLI does, as typed functions. Explicit exports only.
export { parseAnswersSheet, renderAnswersSheet } from "./answers/answers-sheet.js";
export { checkValue, describeType } from "./answers/check-value.js";
export { readAnswersWorkbook } from "./answers/read-workbook.js";
export { type WorkbookOptions, writeAnswersWorkbook } from "./answers/write-workbook.js";
export { DEFAULT_CATALOG_DIR } from "./catalog/default-catalog.js";
export { describeCondition, listCatalog, showEntry } from "./catalog/describe-catalog.js";
export { lintCatalog } from "./catalog/lint-catalog.js";
export { type CatalogSources, type LoadCatalogResult, loadCatalog } from "./catalog/load-catalog.js";
export { createPseudonymizer, type Pseudonymizer } from "./compare/anonymize.js";
export {
  type ComparisonBuilder,
  type ComparisonOptions,
  type ComparisonOutcome,
  createComparison,
} from "./compare/compare.js";
export { diffSubmissions } from "./compare/diff.js";
export {
  type Diagnostic,
  type DiagnosticSeverity,
  hasErrors,
  type Point,
  sortDiagnostics,
} from "./diagnostics/diagnostic.js";
export { formatDiagnostics } from "./diagnostics/format.js";
export { type EvaluateOptions, evaluate, evaluateControls } from "./engine/evaluate.js";
export { OPERATORS } from "./engine/operators.js";
export { SEVERITY_WEIGHT } from "./engine/scoring.js";
export {
  type Answers,
  AnswersSchema,
  type ControlAnswer,
  ControlAnswerSchema,
  type Evidence,
  EvidenceSchema,
} from "./model/answers.js";
export type { Catalog } from "./model/catalog.js";
export { type CatalogMeta, CatalogMetaSchema, ProfileFileSchema } from "./model/catalog-meta.js";
export { COMPARISON_FORMAT, type Comparison, ComparisonSchema } from "./model/comparison.js";
export { type Condition, ConditionSchema, type Leaf, LeafSchema, type Operator } from "./model/condition.js";
export { type Control, ControlSchema, type Severity, SeveritySchema } from "./model/control.js";
export { DIAGNOSTIC_CODES, type DiagnosticCode } from "./model/diagnostic-codes.js";
export { DIFF_FORMAT, type Diff, DiffSchema } from "./model/diff.js";
export { type EvidenceCheck, EvidenceCheckSchema, type EvidenceState } from "./model/evidence-check.js";
export { type Framework, FrameworkSchema } from "./model/framework.js";
export { type AttackStep, type Incident, IncidentSchema } from "./model/incident.js";
export { jsonSchemaOf } from "./model/json-schema.js";
export { type Lesson, LessonSchema, LessonsFileSchema } from "./model/lesson.js";
export { type Question, QuestionSchema, type QuestionType } from "./model/question.js";
export {
  type Check,
  type ControlResult,
  type Evaluation,
  EvaluationSchema,
  type FrameworkRollup,
  type IncidentReplay,
  RESULT_FORMAT,
  type Rollup,
  type Status,
  StatusSchema,
} from "./model/result.js";
export { type ControlReview, ControlReviewSchema, type Review, ReviewSchema } from "./model/review.js";
export { type SubmissionStatement, SubmissionStatementSchema } from "./model/submission-statement.js";
export {
  type Assessor,
  createAssessor,
  type InvalidSubmission,
  type SubmissionResult,
  type ValidSubmission,
} from "./pipeline/assess-submission.js";
export { type CheckEvidenceOptions, checkEvidence } from "./pipeline/check-evidence.js";
export { type CollectedInputs, collectInputs } from "./pipeline/collect.js";
export { type CompareFilesOptions, type CompareFilesResult, compareFiles } from "./pipeline/compare-files.js";
export {
  type CreateReportOptions,
  type CreateReportResult,
  createReport,
} from "./pipeline/create-report.js";
export { type DiffFilesOptions, type DiffFilesResult, diffFiles } from "./pipeline/diff-files.js";
export {
  type ExportAnswersOptions,
  type ExportAnswersResult,
  type ExportFormat,
  exportAnswers,
} from "./pipeline/export-answers.js";
export {
  addSignature,
  type MakePackageOptions,
  type MakePackageResult,
  makePackage,
  type SigningKey,
} from "./pipeline/make-package.js";
export {
  type LoadAnswersOptions,
  type LoadAnswersResult,
  loadAnswers,
  validateAnswers,
} from "./pipeline/validate-answers.js";
export {
  type Signer,
  type TrustedKey,
  type VerifyPackageOptions,
  type VerifyPackageResult,
  verifyPackage,
} from "./pipeline/verify-package.js";
export { withDigests } from "./pipeline/write-digests.js";
export { buildComparisonModel, type ComparisonModel } from "./report/comparison/compare-model.js";
export { renderComparisonCsv } from "./report/comparison/csv.js";
export { buildDiffModel, type DiffModel } from "./report/comparison/diff-model.js";
export { COMPARISON_RENDERERS, type ComparisonFormat } from "./report/comparison/render-comparison.js";
export { DIFF_RENDERERS, type DiffFormat } from "./report/comparison/render-diff.js";
export { loadTemplates, renderMarkdown, renderWithTemplates, type TemplateSet } from "./report/markdown.js";
export type { FontSet } from "./report/pdf/fonts.js";
export { type RenderPdfOptions, renderPdf } from "./report/pdf/render-pdf-lazy.js";
export { RENDERERS, type Renderer, type ReportFormat } from "./report/renderers.js";
export {
  buildReportModel,
  type ControlView,
  type ReportInputs,
  type ReportModel,
} from "./report/report-model.js";
export { TemplateError } from "./report/template-error.js";
export { vaspcheckVersion } from "./source/package-version.js";
export { parseYaml } from "./source/parse-yaml.js";
export { readSource } from "./source/read-source.js";
export { renderAnswersTemplate } from "./template/answers-template.js";
export { type GeneratedKeyPair, generateKeys, type KeyAlgorithm, keyIdOf } from "./trust/keys.js";
export { type SignPdfOptions, signPdf } from "./trust/sign-pdf.js";
