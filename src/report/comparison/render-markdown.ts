// Markdown comparison: the view model laid out by `templates/compare.md.hbs` and `templates/compare-partials/`, or
// the feedback letter by `templates/letter.md.hbs`.
import type { Comparison } from "../../model/comparison.js";
import { loadTemplates, renderWithTemplates } from "../markdown.js";
import { buildComparisonModel } from "./compare-model.js";
import { buildLetterModel, type LetterInputs } from "./letter-model.js";

/**
 * Renders a comparison as Markdown. `templateDir` holds `compare.md.hbs` and `compare-partials/`, and `letter.md.hbs`
 * for a comparison with a `--focus` organization, which is written as a feedback letter showing peers in aggregate only.
 */
export async function renderComparisonMarkdown(
  comparison: Comparison,
  options: LetterInputs & { readonly templateDir?: string },
): Promise<string> {
  if (comparison.focus) {
    const templates = await loadTemplates(options.templateDir, "letter", "compare-partials");
    return renderWithTemplates(buildLetterModel(comparison, options), templates);
  }
  const templates = await loadTemplates(options.templateDir, "compare", "compare-partials");
  return renderWithTemplates(buildComparisonModel(comparison, options), templates);
}
