// The diff's output formats: Markdown through `templates/diff.md.hbs`, and JSON.
import type { Diff } from "../model/diff.js";

/** Every diff format. */
export const DIFF_RENDERERS = {
  md: async (diff: Diff, options: { vaspcheckVersion: string; templateDir?: string }): Promise<string> => {
    const { loadTemplates, renderWithTemplates } = await import("../report/markdown.js");
    const { buildDiffModel } = await import("./diff-model.js");
    const templates = await loadTemplates(options.templateDir, "diff", "diff-partials");
    return renderWithTemplates(buildDiffModel(diff, options), templates);
  },
  json: async (diff: Diff): Promise<string> => `${JSON.stringify(diff, null, 2)}\n`,
};

/** A diff format name. */
export type DiffFormat = keyof typeof DIFF_RENDERERS;
