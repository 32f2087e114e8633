// CLI wiring: yargs commands, global options, exit codes and error printing. Logic lives in the library.
import yargs, { type Argv, type CommandModule } from "yargs";
import { escapeForTerminal, shortenRuns } from "../diagnostics/format.js";
import { closest } from "../diagnostics/suggest.js";
import { catalogCommand } from "./commands/catalog.js";
import { compareCommand } from "./commands/compare.js";
import { diffCommand } from "./commands/diff.js";
import { evidenceCommand } from "./commands/evidence.js";
import { exportCommand } from "./commands/export.js";
import { initCommand } from "./commands/init.js";
import { keygenCommand } from "./commands/keygen.js";
import { packageCommand, signCommand } from "./commands/package.js";
import { reportCommand } from "./commands/report.js";
import { schemaCommand } from "./commands/schema.js";
import { validateCommand } from "./commands/validate.js";
import { verifyCommand } from "./commands/verify.js";
import { type CliContext, numberOption } from "./context.js";
import { EXIT, formatUnexpected, StreamWriteError, UsageError } from "./errors.js";
import { type Io, processIo } from "./io.js";

/** Extra commands registered by later modules (compare, diff) without touching this file's logic. */
export type CommandFactory = (ctx: CliContext) => import("yargs").CommandModule<object, never>;

/** `--max-bytes`: a whole number of bytes, at least 1 (0 would refuse every file). */
const MAX_BYTES = numberOption("--max-bytes", {
  min: 1,
  integer: true,
  expects: "a whole number of bytes, 1 or more",
  example: "20000000",
});

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
    refuseStandardInput(argv);
    await parser.parseAsync();
  } catch (error) {
    // A reader that stops early (`vaspcheck report … | head`) closes the pipe; that is not an error of ours.
    if (error instanceof StreamWriteError && error.code === "EPIPE") return code;
    // Messages echo paths and arguments, which may hold control characters: never hand those to the terminal raw.
    tryStderr(io, escapeForTerminal(shortenRuns(describeFailure(error, debug, vaspcheckVersion()), 1024)));
    return EXIT.usage;
  }
  return code;
}

/** The message for an error that ended the run: a usage error in yargs' words, or `formatUnexpected`. */
function describeFailure(error: unknown, debug: boolean, version: string): string {
  if (!(error instanceof CliUsage)) return formatUnexpected(error, debug, version);
  const help = `Run \`npx vaspcheck${error.command ? ` ${error.command}` : ""} --help\` for usage.`;
  return `vaspcheck: ${error.message}\n  hint: ${error.hint ? `${error.hint} ` : ""}${help}\n`;
}

/** Prints to stderr if it still can: when stderr itself failed, the exit code is all that is left to say it. */
function tryStderr(io: Io, text: string): void {
  try {
    io.stderr(text);
  } catch {
    // Nothing else to write to.
  }
}

/** The yargs parser with every command; it reports usage errors by throwing `CliUsage` instead of exiting. */
/** Registers every command, in the order `--help` lists them. */
function registerCommands(ctx: CliContext, register: <A>(command: CommandModule<object, A>) => void): void {
  register(initCommand(ctx));
  register(validateCommand(ctx));
  register(reportCommand(ctx));
  register(catalogCommand(ctx));
  register(schemaCommand(ctx));
  register(compareCommand(ctx));
  register(diffCommand(ctx));
  register(exportCommand(ctx));
  register(evidenceCommand(ctx));
  register(keygenCommand(ctx));
  register(packageCommand(ctx));
  register(signCommand(ctx));
  register(verifyCommand(ctx));
}

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
      type: MAX_BYTES.type,
      global: true,
      coerce: MAX_BYTES.coerce,
      describe: "Refuse input files larger than this many bytes (default: 10485760, 10 MiB)",
    })
    .check(MAX_BYTES.check, true)
    .check(checkFileArguments, true)
    .option("debug", { type: "boolean", global: true, describe: "Show stack traces for internal errors" });
  const commands: string[] = [];
  const register = <A>(command: CommandModule<object, A>) => {
    commands.push(...[command.command ?? []].flat().map((spec) => spec.split(" ")[0] ?? ""));
    parser.command(command);
  };
  registerCommands(ctx, register);
  for (const factory of extra) register(factory(ctx));
  return (
    parser
      .demandCommand(1, "Name a command.")
      .strict()
      .recommendCommands()
      .version(version)
      .help()
      .alias("h", "help")
      .epilogue(EPILOGUE)
      // yargs lays out the whole help text on every command run (to cache it); wrapping it costs a report about a
      // tenth of its start-up, so the text is wrapped only when it will be shown.
      .wrap(
        argv.some((a) => a === "--help" || a === "-h") ? Math.min(110, process.stdout.columns || 100) : null,
      )
      .exitProcess(false)
      .fail((message, error) => {
        throw error ?? usageError(message, parser, argv, commands);
      })
  );
}

/** A usage error yargs found, with a suggestion and the command whose help to name. */
class CliUsage extends Error {
  constructor(
    message: string,
    readonly hint: string | undefined,
    readonly command: string | undefined,
  ) {
    super(message);
  }
}

/** The options yargs knows while it parses a command: its own and the global ones (`getOptions()`, public). */
interface KnownOptions {
  getOptions(): { readonly key: Readonly<Record<string, unknown>> };
}

const hasOptions = (parser: object): parser is KnownOptions =>
  "getOptions" in parser && typeof parser.getOptions === "function";

/**
 * A usage error in yargs' words, said once and with a suggestion: "Unknown argument: formt" gets "Did you mean
 * --format?" from the options of the command being parsed; yargs' bare "Did you mean report?" for a mistyped
 * command gets its subject.
 */
function usageError(
  message: string,
  parser: Argv,
  argv: readonly string[],
  commands: readonly string[],
): CliUsage {
  const command = argv.find((arg) => commands.includes(arg));
  const recommended = /^Did you mean (\S+)\?$/.exec(message)?.[1];
  if (recommended) {
    // yargs does not say which word it took for a command: the word closest to its recommendation.
    const words = argv.filter((arg) => !arg.startsWith("-"));
    const typed = closest(recommended, words) ?? words[0];
    return new CliUsage(`Unknown command: ${typed}`, `Did you mean \`${recommended}\`?`, undefined);
  }
  const listed = /^Unknown arguments?: (.+)$/.exec(message)?.[1]?.split(", ");
  if (!listed) return new CliUsage(message, undefined, command);
  // yargs names an unknown `--a-b` twice, as `a-b` and `aB`.
  const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  const unknown = listed.filter((name) => !listed.some((other) => other !== name && camel(other) === name));
  // One-letter names are aliases, too short to guess from; the suggestion names the option in full.
  const known = (hasOptions(parser) ? Object.keys(parser.getOptions().key) : []).filter((k) => k.length > 1);
  const suggestions = unknown
    .filter((name) => name.length > 2)
    .map((name) => closest(name, known))
    .filter((name): name is string => name !== undefined);
  return new CliUsage(
    `Unknown argument${unknown.length === 1 ? "" : "s"}: ${unknown.join(", ")}`,
    suggestions.length > 0
      ? [...new Set(suggestions)].map((name) => `Did you mean --${name}?`).join(" ")
      : undefined,
    command,
  );
}

/** The positional arguments that name files to read, in every command that has them. */
const FILE_ARGUMENTS = ["answers", "files", "inputs", "old", "new"] as const;
/** Options that name a file or folder to read: an empty value would resolve to the current directory. */
const PATH_OPTIONS = ["catalog", "template", "report-config", "pseudonym-key-file"] as const;

/**
 * `-` (standard input, which no command reads) is refused before parsing: yargs drops it from a list of files or
 * reads it as a flag, so `validate -` would validate nothing and pass.
 */
function refuseStandardInput(argv: readonly string[]): void {
  const end = argv.indexOf("--");
  if ((end < 0 ? argv : argv.slice(0, end)).includes("-"))
    throw new UsageError(
      "`-` is not a file here: vaspcheck does not read answers from standard input",
      "Save the answers to a file and name it.",
    );
}

/** A file argument must name a file: an empty name is a usage error, not a "file not found" without a name. */
function checkFileArguments(argv: Record<string, unknown>): true {
  for (const key of FILE_ARGUMENTS) {
    const values = ([] as unknown[]).concat(argv[key] ?? []);
    for (const value of values) {
      if (typeof value === "string" && value.trim() === "")
        throw new UsageError("An empty file name was given", "Name the answers file (or folder) to read.");
    }
  }
  for (const key of PATH_OPTIONS) {
    const value = argv[key];
    if (typeof value === "string" && value.trim() === "")
      throw new UsageError(
        `--${key} needs a file name, got an empty one`,
        `Name the file, or leave --${key} out.`,
      );
  }
  return true;
}
