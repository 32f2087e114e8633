// The comparison's output formats: name → lazy renderer, so pdfkit and Handlebars load only when chosen.
import type { Comparison } from "../model/comparison.js";

/** What a comparison renderer receives besides the comparison. */
export interface ComparisonRenderOptions {
  readonly vaspcheckVersion: string;
  /** Directory with `compare.md.hbs` and `compare-partials/` (Markdown only). */
  readonly templateDir?: string;
}

/** Every comparison format. */
export const COMPARISON_RENDERERS = {
  md: async (comparison: Comparison, options: ComparisonRenderOptions): Promise<string | Uint8Array> => {
    const { renderComparisonMarkdown } = await import("./render-markdown.js");
    return renderComparisonMarkdown(comparison, options);
  },
  csv: async (comparison: Comparison): Promise<string | Uint8Array> => {
    const { renderComparisonCsv } = await import("./csv.js");
    return renderComparisonCsv(comparison);
  },
  json: async (comparison: Comparison): Promise<string | Uint8Array> =>
    `${JSON.stringify(comparison, null, 2)}\n`,
  pdf: async (comparison: Comparison, options: ComparisonRenderOptions): Promise<string | Uint8Array> => {
    const { renderComparisonPdf } = await import("./render-pdf.js");
    return renderComparisonPdf(comparison, options);
  },
};

/** A comparison format name. */
export type ComparisonFormat = keyof typeof COMPARISON_RENDERERS;
