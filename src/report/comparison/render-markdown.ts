// Markdown comparison: the view model laid out by `templates/compare.md.hbs` and `templates/compare-partials/`.
import type { Comparison } from "../../model/comparison.js";
import { loadTemplates, renderWithTemplates } from "../markdown.js";
import { buildComparisonModel } from "./compare-model.js";

/** Renders a comparison as Markdown. `templateDir` holds `compare.md.hbs` and `compare-partials/`. */
export async function renderComparisonMarkdown(
  comparison: Comparison,
  options: { readonly templateDir?: string; readonly vaspcheckVersion: string },
): Promise<string> {
  const templates = await loadTemplates(options.templateDir, "compare", "compare-partials");
  return renderWithTemplates(buildComparisonModel(comparison, options), templates);
}
