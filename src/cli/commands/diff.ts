// `vaspcheck diff`: one exchange's progress between two submissions.

import type { Argv, CommandModule } from "yargs";
import { DIFF_RENDERERS, type DiffFormat } from "../../report/comparison/render-diff.js";
import { describeFormats, formatNames } from "../../report/output-format.js";
import { type CliContext, OUT_OPTION } from "../context.js";

interface Args {
  old: string;
  new: string;
  format: DiffFormat;
  out?: string;
  "as-of"?: string;
  template?: string;
  catalog?: string;
  "max-bytes"?: number;
}

/** The diff command. */
export function diffCommand(ctx: CliContext): CommandModule<object, Args> {
  return {
    command: "diff <old> <new>",
    describe:
      "Show one exchange's progress: what improved, regressed, came and went between two answers files",
    builder: diffOptions,
    handler: (args) => runDiff(ctx, args),
  };
}

function diffOptions(y: Argv<object>) {
  return y
    .positional("old", { type: "string", demandOption: true, describe: "The earlier answers file" })
    .positional("new", { type: "string", demandOption: true, describe: "The later answers file" })
    .option("format", {
      alias: "f",
      choices: formatNames(DIFF_RENDERERS),
      default: "md" as DiffFormat,
      describe: describeFormats(DIFF_RENDERERS),
    })
    .option("out", OUT_OPTION)
    .option("as-of", {
      type: "string",
      describe: "Evaluate both as of this date (YYYY-MM-DD); default: each one's assessment date",
    })
    .option("template", {
      type: "string",
      describe: "Directory with diff.md.hbs to use instead of the shipped template",
    });
}

async function runDiff(ctx: CliContext, args: Args): Promise<void> {
  const { checkDate, emit, refuseBinaryOnTerminal, reportDiagnostics } = await import("../context.js");
  const { checkOut, readInputs } = await import("../output-gate.js");
  await checkOut(args.out, [args.old, args.new, ...readInputs(args)]);
  await refuseBinaryOnTerminal(ctx, DIFF_RENDERERS[args.format], args.out, "progress");
  const asOf = await checkDate(args["as-of"], "--as-of");
  const { diffFiles } = await import("../../pipeline/diff-files.js");
  const result = await diffFiles({
    oldPath: args.old,
    newPath: args.new,
    catalogDir: args.catalog,
    asOf,
    maxBytes: args["max-bytes"],
  });
  reportDiagnostics(ctx, result.diagnostics);
  if (!result.ok) return;
  // The vendors' files are known only now: the output must not replace one of them either.
  if (result.readFiles.length > 0)
    await checkOut(args.out, [args.old, args.new, ...readInputs(args), ...result.readFiles]);
  if (!result.diff.same_organization) {
    const { escapeForTerminal } = await import("../../diagnostics/format.js");
    ctx.io.stderr(
      `${escapeForTerminal(
        `vaspcheck: warning: ${args.old} and ${args.new} name different organizations (${result.diff.old.organization.name}, ${result.diff.new.organization.name}).`,
      )}\n`,
    );
  }
  const { vaspcheckVersion } = await import("../../source/package-version.js");
  const output = await DIFF_RENDERERS[args.format].render(result.diff, {
    vaspcheckVersion: vaspcheckVersion(),
    templateDir: args.template,
  });
  await emit(ctx, args.out, output);
}
