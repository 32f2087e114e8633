// The report's output formats, each loading its heavy modules only when chosen.
import type { Catalog } from "../model/catalog.js";
import { RESULT_FORMAT } from "../model/formats.js";
import type { Evaluation } from "../model/result.js";
import type { OutputFormat } from "./output-format.js";
import type { ReportModel } from "./report-model.js";

/** What a report renderer receives. */
export interface RenderInput {
  readonly evaluation: Evaluation;
  readonly model: ReportModel;
  readonly catalog: Catalog;
}

/** A report renderer. */
export type Renderer = OutputFormat<RenderInput>;

/** Every report format. */
export const RENDERERS = {
  md: {
    format: "md",
    extension: "md",
    binary: false,
    describe: "the gap report in Markdown",
    render: async ({ model }, { templateDir }) => {
      const { loadTemplates, renderMarkdown } = await import("./markdown.js");
      return renderMarkdown(model, await loadTemplates(templateDir));
    },
  },
  json: {
    format: "json",
    extension: "json",
    binary: false,
    describe: `the full evaluation, ${RESULT_FORMAT}`,
    render: async ({ evaluation }) => `${JSON.stringify(evaluation, null, 2)}\n`,
  },
  csv: {
    format: "csv",
    extension: "csv",
    binary: false,
    describe: "the management action plan, one row per gap",
    render: async ({ model }) => {
      const { actionPlanCsv } = await import("./action-plan-csv.js");
      return actionPlanCsv(model);
    },
  },
  pdf: {
    format: "pdf",
    extension: "pdf",
    binary: true,
    describe: "the document an audit firm signs, written with --out",
    render: async ({ model }) => {
      const { renderPdf } = await import("./pdf/render-pdf.js");
      return renderPdf(model);
    },
  },
  oscal: {
    format: "oscal",
    extension: "json",
    binary: false,
    describe: "OSCAL 1.1.3 assessment results (JSON), for GRC tools",
    render: async ({ evaluation }, { vaspcheckVersion }) => {
      const { renderOscalAssessmentResults } = await import("./oscal/assessment-results.js");
      return renderOscalAssessmentResults(evaluation, vaspcheckVersion);
    },
  },
} satisfies Record<string, Renderer>;

/** A report format name. */
export type ReportFormat = keyof typeof RENDERERS;
