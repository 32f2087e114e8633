// The comparison's output formats: pdfkit and Handlebars load only when chosen.
import type { Comparison } from "../../model/comparison.js";
import { COMPARISON_FORMAT } from "../../model/formats.js";
import type { DocumentInput } from "../document-view.js";
import type { OutputFormat, RenderOptions } from "../output-format.js";

/** What a comparison renderer receives besides the comparison: the letterhead of a `--focus` letter, if any. */
export interface ComparisonRenderOptions extends RenderOptions {
  readonly document?: DocumentInput;
}

/** Every comparison format. */
export const COMPARISON_RENDERERS = {
  md: {
    format: "md",
    extension: "md",
    binary: false,
    describe: "matrices, exposure per incident, sector statistics",
    render: async (comparison, options: ComparisonRenderOptions) => {
      const { renderComparisonMarkdown } = await import("./render-markdown.js");
      return renderComparisonMarkdown(comparison, options);
    },
  },
  csv: {
    format: "csv",
    extension: "csv",
    binary: false,
    describe: "one row per organization × control",
    render: async (comparison) => {
      const { renderComparisonCsv } = await import("./csv.js");
      return renderComparisonCsv(comparison);
    },
  },
  json: {
    format: "json",
    extension: "json",
    binary: false,
    describe: COMPARISON_FORMAT,
    render: async (comparison) => `${JSON.stringify(comparison, null, 2)}\n`,
  },
  pdf: {
    format: "pdf",
    extension: "pdf",
    binary: true,
    describe: "sector report, or with --focus the feedback letter; written with --out",
    render: async (comparison, options: ComparisonRenderOptions) => {
      if (comparison.focus) {
        const { renderLetterPdf } = await import("./render-letter-pdf.js");
        return renderLetterPdf(comparison, options);
      }
      const { renderComparisonPdf } = await import("./render-pdf.js");
      return renderComparisonPdf(comparison, options);
    },
  },
  xlsx: {
    format: "xlsx",
    extension: "xlsx",
    binary: true,
    describe:
      "a workbook: the matrix in status colours, the answers side by side, a sheet per incident; written with --out",
    render: async (comparison) => {
      const { renderComparisonXlsx } = await import("./render-xlsx.js");
      return renderComparisonXlsx(comparison);
    },
  },
} satisfies Record<string, OutputFormat<Comparison>>;

/** A comparison format name. */
export type ComparisonFormat = keyof typeof COMPARISON_RENDERERS;
