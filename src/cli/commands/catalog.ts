// `vaspcheck catalog list|show|lint`: browse and check a catalog.
import type { CommandModule } from "yargs";
import type { CliContext } from "../context.js";

interface Args {
  action: "list" | "show" | "lint";
  id?: string;
  format: "text" | "json";
  catalog?: string;
}

/** The catalog command. */
export function catalogCommand(ctx: CliContext): CommandModule<object, Args> {
  return {
    command: "catalog <action> [id]",
    describe: "List, show or lint the control catalog",
    builder: (y) =>
      y
        .positional("action", {
          choices: ["list", "show", "lint"] as const,
          demandOption: true,
          describe: "What to do",
        })
        .positional("id", {
          type: "string",
          describe: "Control, lesson, incident or framework id (for show)",
        })
        .option("format", {
          choices: ["text", "json"] as const,
          default: "text" as const,
          describe: "Output format",
        }),
    handler: async (args) => {
      const { reportDiagnostics } = await import("../context.js");
      const { DEFAULT_CATALOG_DIR } = await import("../../catalog/default-catalog.js");
      const dir = args.catalog ?? DEFAULT_CATALOG_DIR;
      const json = args.format === "json";
      if (args.action === "lint") {
        const { lintCatalog } = await import("../../catalog/lint-catalog.js");
        const result = await lintCatalog(dir);
        reportDiagnostics(ctx, result.diagnostics, json);
        if (!json && result.catalog) {
          const { meta, controls } = result.catalog;
          ctx.io.stderr(
            `${meta.id} ${meta.version}: ${controls.length} controls, ${controls.reduce((n, c) => n + c.examples.length, 0)} examples replayed, no errors\n`,
          );
        }
        return;
      }
      const { loadCatalog } = await import("../../catalog/load-catalog.js");
      const loaded = await loadCatalog(dir);
      if (!loaded.catalog) return reportDiagnostics(ctx, loaded.diagnostics);
      const { entryIds, listCatalog, showEntry } = await import("../../catalog/describe-catalog.js");
      const { UsageError } = await import("../errors.js");
      if (args.action === "list") {
        ctx.io.stdout(json ? `${JSON.stringify(loaded.catalog, null, 2)}\n` : listCatalog(loaded.catalog));
        return;
      }
      if (!args.id) throw new UsageError("catalog show needs an id", "e.g. vaspcheck catalog show TXN-001");
      const entry = showEntry(loaded.catalog, args.id);
      if (!entry) {
        const { didYouMean } = await import("../../diagnostics/suggest.js");
        throw new UsageError(
          `no control, lesson, incident or framework has id "${args.id}"`,
          didYouMean(args.id, entryIds(loaded.catalog)) ?? "Run `vaspcheck catalog list`.",
        );
      }
      ctx.io.stdout(json ? `${JSON.stringify(entry.data, null, 2)}\n` : entry.text);
    },
  };
}
