// The renderer registry: output format name → lazy loader, so heavy modules load only when chosen.
import type { Catalog } from "../model/catalog.js";
import type { Evaluation } from "../model/result.js";
import type { ReportModel } from "./report-model.js";

/** What a renderer receives. */
export interface RenderInput {
  readonly evaluation: Evaluation;
  readonly model: ReportModel;
  readonly catalog: Catalog;
  /** Directory of Handlebars templates (Markdown only). */
  readonly templateDir?: string;
}

/** A renderer turns one report into text or bytes. */
export type Renderer = (input: RenderInput) => Promise<string | Uint8Array>;

/** Every report format, each loaded on demand. */
export const RENDERERS = {
  md: async ({ model, templateDir }) => {
    const { loadTemplates, renderMarkdown } = await import("./markdown.js");
    return renderMarkdown(model, await loadTemplates(templateDir));
  },
  json: async ({ evaluation }) => `${JSON.stringify(evaluation, null, 2)}\n`,
  pdf: async ({ model }) => {
    const { renderPdf } = await import("./pdf/render-pdf.js");
    return renderPdf(model);
  },
} satisfies Record<string, Renderer>;

/** A report format name. */
export type ReportFormat = keyof typeof RENDERERS;
