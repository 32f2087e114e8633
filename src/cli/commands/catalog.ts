// `npx vaspcheck catalog list|show|lint`: browse and check a catalog.
import type { CommandModule } from "yargs";
import type { Catalog } from "../../model/catalog.js";
import type { CliContext } from "../context.js";

interface Args {
  action: "list" | "show" | "lint";
  id?: string;
  format: "text" | "json";
  catalog?: string;
}

/** The catalog command. */
export function catalogCommand(ctx: CliContext): CommandModule<object, object> {
  return {
    command: "catalog <command>",
    describe: "List, show or lint the control catalog",
    builder: (y) =>
      y
        .command(
          subcommand(
            ctx,
            "list",
            "list",
            "List every lesson, control, incident and framework of the catalog",
          ),
        )
        .command(
          subcommand(
            ctx,
            "show",
            "show <id>",
            "Show one control, lesson, incident or framework, with its sources",
          ),
        )
        .command(
          subcommand(
            ctx,
            "lint",
            "lint",
            "Check the catalog: ids, references, conditions, examples and the sources of every claim (exit 1 on errors)",
          ),
        )
        .demandCommand(1, "Name a catalog command: list, show or lint."),
    handler: () => undefined,
  };
}

const FORMAT_OPTION = {
  alias: "f",
  choices: ["text", "json"] as const,
  default: "text" as const,
  describe: "Output format",
} as const;

/** One of `catalog list|show|lint`, each with its own help text. */
function subcommand(
  ctx: CliContext,
  action: Args["action"],
  command: string,
  describe: string,
): CommandModule<object, Omit<Args, "action">> {
  return {
    command,
    describe,
    builder: (y) => {
      const withFormat = y.option("format", FORMAT_OPTION);
      return action === "show"
        ? withFormat.positional("id", {
            type: "string",
            describe: "Control, lesson, incident or framework id",
          })
        : withFormat;
    },
    handler: (args) => runCatalog(ctx, { ...args, action }),
  };
}

async function runCatalog(ctx: CliContext, args: Args): Promise<void> {
  const { reportDiagnostics } = await import("../context.js");
  const { DEFAULT_CATALOG_DIR } = await import("../../catalog/default-catalog.js");
  const dir = args.catalog ?? DEFAULT_CATALOG_DIR;
  const json = args.format === "json";
  if (args.action === "lint") return lintCatalogDir(ctx, dir, json);
  const { loadCatalog } = await import("../../catalog/load-catalog.js");
  const loaded = await loadCatalog(dir);
  if (!loaded.catalog) return reportDiagnostics(ctx, loaded.diagnostics);
  if (args.action === "list") {
    const { listCatalog } = await import("../../catalog/describe-catalog.js");
    ctx.io.stdout(json ? `${JSON.stringify(loaded.catalog, null, 2)}\n` : listCatalog(loaded.catalog));
    return;
  }
  await showCatalogEntry(ctx, loaded.catalog, args.id, json);
}

/** `catalog lint`: the catalog's diagnostics, and a one-line tally when it is clean. */
async function lintCatalogDir(ctx: CliContext, dir: string, json: boolean): Promise<void> {
  const { reportDiagnostics } = await import("../context.js");
  const { lintCatalog } = await import("../../catalog/lint-catalog.js");
  const result = await lintCatalog(dir);
  reportDiagnostics(ctx, result.diagnostics, json);
  if (!json && result.catalog) {
    const { meta, controls } = result.catalog;
    ctx.io.stderr(
      `${meta.id} ${meta.version}: ${controls.length} controls, ${controls.reduce((n, c) => n + c.examples.length, 0)} examples replayed, no errors\n`,
    );
  }
}

/** `catalog show <id>`: one control, lesson, incident or framework, or a usage error that suggests an id. */
async function showCatalogEntry(
  ctx: CliContext,
  catalog: Catalog,
  id: string | undefined,
  json: boolean,
): Promise<void> {
  const { entryIds, showEntry } = await import("../../catalog/describe-catalog.js");
  const { UsageError } = await import("../errors.js");
  if (!id) throw new UsageError("catalog show needs an id", "e.g. npx vaspcheck catalog show TXN-001");
  const entry = showEntry(catalog, id);
  if (!entry) {
    const { didYouMean } = await import("../../diagnostics/suggest.js");
    throw new UsageError(
      `no control, lesson, incident or framework has id "${id}"`,
      didYouMean(id, entryIds(catalog)) ?? "Run `npx vaspcheck catalog list`.",
    );
  }
  ctx.io.stdout(json ? `${JSON.stringify(entry.data, null, 2)}\n` : entry.text);
}
