// The comparison's output formats: pdfkit and Handlebars load only when chosen.
import type { Comparison } from "../../model/comparison.js";
import { COMPARISON_FORMAT } from "../../model/formats.js";
import type { OutputFormat, RenderOptions } from "../output-format.js";

/** What a comparison renderer receives besides the comparison. */
export type ComparisonRenderOptions = RenderOptions;

/** Every comparison format. */
export const COMPARISON_RENDERERS = {
  md: {
    format: "md",
    extension: "md",
    binary: false,
    describe: "matrices, exposure per incident, sector statistics",
    render: async (comparison, options) => {
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
    describe: "heat maps, written with --out",
    render: async (comparison, options) => {
      const { renderComparisonPdf } = await import("./render-pdf.js");
      return renderComparisonPdf(comparison, options);
    },
  },
} satisfies Record<string, OutputFormat<Comparison>>;

/** A comparison format name. */
export type ComparisonFormat = keyof typeof COMPARISON_RENDERERS;
