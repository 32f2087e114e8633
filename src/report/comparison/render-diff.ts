// The diff's output formats: Markdown through `templates/diff.md.hbs`, PDF, and JSON.
import type { Diff } from "../../model/diff.js";
import { DIFF_FORMAT } from "../../model/formats.js";
import type { OutputFormat } from "../output-format.js";

/** Every diff format. */
export const DIFF_RENDERERS = {
  md: {
    format: "md",
    extension: "md",
    binary: false,
    describe: "what improved, regressed, is new or gone",
    render: async (diff, options) => {
      const { loadTemplates, renderWithTemplates } = await import("../markdown.js");
      const { buildDiffModel } = await import("./diff-model.js");
      const templates = await loadTemplates(options.templateDir, "diff", "diff-partials");
      return renderWithTemplates(buildDiffModel(diff, options), templates);
    },
  },
  pdf: {
    format: "pdf",
    extension: "pdf",
    binary: true,
    describe: "the same progress on paper, written with --out",
    render: async (diff, options) => {
      const { renderDiffPdf } = await import("./render-diff-pdf.js");
      return renderDiffPdf(diff, options);
    },
  },
  json: {
    format: "json",
    extension: "json",
    binary: false,
    describe: DIFF_FORMAT,
    render: async (diff) => `${JSON.stringify(diff, null, 2)}\n`,
  },
} satisfies Record<string, OutputFormat<Diff>>;

/** A diff format name. */
export type DiffFormat = keyof typeof DIFF_RENDERERS;
