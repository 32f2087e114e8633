// `vaspcheck validate`: check answers files and print every problem with file:line:col.
import type { CommandModule } from "yargs";
import type { CliContext } from "../context.js";

interface Args {
  answers: string[];
  format: "text" | "json";
  "as-of"?: string;
  catalog?: string;
  "max-bytes"?: number;
}

/** The validate command. */
export function validateCommand(ctx: CliContext): CommandModule<object, Args> {
  return {
    command: "validate <answers..>",
    describe: "Validate answers files against the catalog",
    builder: (y) =>
      y
        .positional("answers", { type: "string", array: true, demandOption: true, describe: "Answers files" })
        .option("format", {
          choices: ["text", "json"] as const,
          default: "text" as const,
          describe: "Diagnostics format",
        })
        .option("as-of", { type: "string", describe: "Date for expiry warnings (YYYY-MM-DD)" }),
    handler: async (args) => {
      const { checkDate, reportDiagnostics } = await import("../context.js");
      const { loadCatalog } = await import("../../catalog/load-catalog.js");
      const { loadAnswers } = await import("../../pipeline/validate-answers.js");
      const { DEFAULT_CATALOG_DIR } = await import("../../catalog/default-catalog.js");
      const asOf = await checkDate(args["as-of"], "--as-of");
      const catalog = await loadCatalog(args.catalog ?? DEFAULT_CATALOG_DIR);
      if (!catalog.catalog) return reportDiagnostics(ctx, catalog.diagnostics, args.format === "json");
      const diagnostics = [];
      for (const path of args.answers) {
        const loaded = await loadAnswers(path, catalog.catalog, { asOf, maxBytes: args["max-bytes"] });
        diagnostics.push(...loaded.diagnostics);
      }
      reportDiagnostics(ctx, diagnostics, args.format === "json");
      if (args.format === "text" && !diagnostics.some((d) => d.severity === "error")) {
        ctx.io.stderr(
          `${args.answers.length} file(s) valid against ${catalog.catalog.meta.id} ${catalog.catalog.meta.version}\n`,
        );
      }
    },
  };
}
