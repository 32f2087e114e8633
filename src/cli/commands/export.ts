// `npx vaspcheck export`: an answers file in another format — YAML, JSON or CSV into a pre-filled workbook, or back.
import type { CommandModule } from "yargs";
import type { CliContext } from "../context.js";

interface Args {
  answers: string;
  format?: "xlsx" | "yaml";
  out?: string;
  force: boolean;
  catalog?: string;
  "max-bytes"?: number;
}

/** The export command. */
export function exportCommand(ctx: CliContext): CommandModule<object, Args> {
  return {
    command: "export <answers>",
    describe: "Turn an answers file into a pre-filled Excel workbook, or a workbook into a YAML answers file",
    builder: (y) =>
      y
        .positional("answers", {
          type: "string",
          demandOption: true,
          describe: "A valid answers file (.yaml, .yml, .json, .csv or .xlsx)",
        })
        .option("format", {
          alias: "f",
          choices: ["xlsx", "yaml"] as const,
          describe:
            "xlsx: a workbook to fill in Excel (the default for YAML, JSON and CSV); yaml: an answers file (the default for a workbook)",
        })
        .option("out", {
          alias: "o",
          type: "string",
          describe: "Write to this file (atomically) instead of stdout",
        })
        .option("force", { type: "boolean", default: false, describe: "Overwrite an existing --out file" }),
    handler: (args) => runExport(ctx, args),
  };
}

async function runExport(ctx: CliContext, args: Args): Promise<void> {
  const { emit, refuseBinaryOnTerminal, reportDiagnostics } = await import("../context.js");
  const format = args.format ?? (/\.xlsx$/i.test(args.answers) ? "yaml" : "xlsx");
  await refuseBinaryOnTerminal(
    ctx,
    { format, extension: format, binary: format === "xlsx" },
    args.out,
    "answers",
  );
  const { checkOut, readInputs } = await import("../output-gate.js");
  await checkOut(args.out, [args.answers, ...readInputs(args)]);
  if (args.out && !args.force) {
    const { existsSync } = await import("node:fs");
    if (existsSync(args.out)) {
      const { UsageError } = await import("../errors.js");
      // A filled-in workbook is hours of an officer's work: it is never replaced unasked.
      throw new UsageError(
        `${args.out} already exists`,
        "Pass --force to overwrite it, or choose another --out.",
      );
    }
  }
  const { exportAnswers } = await import("../../pipeline/export-answers.js");
  const result = await exportAnswers({
    answersPath: args.answers,
    format,
    catalogDir: args.catalog,
    maxBytes: args["max-bytes"],
  });
  // The file's own warnings (blank questions and the like) are `validate`'s to list; export says what it drops.
  const shown = result.diagnostics.filter((d) => d.severity === "error" || d.code.startsWith("export/"));
  reportDiagnostics(ctx, shown);
  const left = result.diagnostics.length - shown.length;
  if (left > 0)
    ctx.io.stderr(
      `${left} warning(s) about the answers themselves: run \`vaspcheck validate ${args.answers}\` to see them.\n`,
    );
  if (!result.ok) return;
  await emit(ctx, args.out, result.output);
  if (args.out)
    ctx.io.stderr(
      `Wrote ${args.out}.\n${await movedParties(args.answers, args.out, result.thirdPartyFiles)}`,
    );
}

/**
 * A third party's answers file is named relative to the answers file: written elsewhere, the exported file names a
 * file that is not beside it. Said as a warning, with what to copy where.
 */
async function movedParties(from: string, to: string, names: readonly string[]): Promise<string> {
  const { dirname, resolve } = await import("node:path");
  const { existsSync } = await import("node:fs");
  const lines = names
    .filter(
      (n) => resolve(dirname(from), n) !== resolve(dirname(to), n) && !existsSync(resolve(dirname(to), n)),
    )
    .map(
      (n) =>
        `warning: the third party's answers file ${n} is named relative to the answers file; copy ${resolve(dirname(from), n)} to ${resolve(dirname(to), n)} so that ${to} finds it.\n`,
    );
  return lines.join("");
}
