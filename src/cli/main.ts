// CLI wiring: yargs commands, global options, exit codes and error printing. Logic lives in the library.
import yargs, { type Argv } from "yargs";
import { catalogCommand } from "./commands/catalog.js";
import { compareCommand } from "./commands/compare.js";
import { diffCommand } from "./commands/diff.js";
import { initCommand } from "./commands/init.js";
import { reportCommand } from "./commands/report.js";
import { schemaCommand } from "./commands/schema.js";
import { validateCommand } from "./commands/validate.js";
import type { CliContext } from "./context.js";
import { EXIT, formatUnexpected } from "./errors.js";
import { type Io, processIo } from "./io.js";

/** Extra commands registered by later modules (compare, diff) without touching this file's logic. */
export type CommandFactory = (ctx: CliContext) => import("yargs").CommandModule<object, never>;

const EPILOGUE = `Exit codes: 0 success; 1 validation errors, or --fail-on found a gap at or above that severity; 2 usage, I/O or internal error.
Docs: README.md (answers format, writing controls).`;

/** Runs the CLI with the given arguments and returns the exit code. Never calls process.exit. */
export async function main(
  argv: readonly string[],
  io: Io = processIo,
  extra: readonly CommandFactory[] = [],
): Promise<number> {
  let code: number = EXIT.ok;
  const ctx: CliContext = {
    io,
    exit: (c) => {
      code = Math.max(code, c);
    },
  };
  const debug = argv.includes("--debug");
  const { vaspcheckVersion } = await import("../source/package-version.js");
  const parser = createParser(argv, ctx, extra, vaspcheckVersion());
  try {
    await parser.parseAsync();
  } catch (error) {
    if (error instanceof CliUsage) {
      io.stderr(`vaspcheck: ${error.message}\n  hint: run \`npx vaspcheck --help\` for usage.\n`);
      return EXIT.usage;
    }
    io.stderr(formatUnexpected(error, debug, vaspcheckVersion()));
    return EXIT.usage;
  }
  return code;
}

/** The yargs parser with every command; it reports usage errors by throwing `CliUsage` instead of exiting. */
function createParser(
  argv: readonly string[],
  ctx: CliContext,
  extra: readonly CommandFactory[],
  version: string,
): Argv {
  const parser = yargs([...argv])
    .scriptName("vaspcheck")
    .usage(
      "$0 <command> [options]\n\nTurn exchange-hack lessons into a control catalog, evaluate an answers file and render a gap report.",
    )
    .option("catalog", {
      type: "string",
      global: true,
      describe: "Catalog directory (default: the shipped catalog)",
    })
    .option("max-bytes", {
      type: "number",
      global: true,
      default: 10 * 1024 * 1024,
      describe: "Refuse input files larger than this many bytes",
    })
    .option("debug", { type: "boolean", global: true, describe: "Show stack traces for internal errors" })
    .command(initCommand(ctx))
    .command(validateCommand(ctx))
    .command(reportCommand(ctx))
    .command(catalogCommand(ctx))
    .command(schemaCommand(ctx))
    .command(compareCommand(ctx))
    .command(diffCommand(ctx));
  for (const factory of extra) parser.command(factory(ctx));
  return parser
    .demandCommand(1, "Name a command.")
    .strict()
    .recommendCommands()
    .version(version)
    .help()
    .alias("h", "help")
    .epilogue(EPILOGUE)
    .wrap(Math.min(110, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new CliUsage(message);
    });
}

class CliUsage extends Error {}
