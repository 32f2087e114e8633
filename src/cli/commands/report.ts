// `vaspcheck report`: render the gap report of one answers file.

import type { CommandModule } from "yargs";
import { describeFormats, formatNames } from "../../report/output-format.js";
import { RENDERERS, type ReportFormat } from "../../report/renderers.js";
import { type CliContext, OUT_OPTION } from "../context.js";

interface Args {
  answers: string;
  format: "md" | "json" | "pdf";
  out?: string;
  "as-of"?: string;
  "fail-on"?: "critical" | "high" | "medium" | "low";
  template?: string;
  catalog?: string;
  "max-bytes"?: number;
}

/** The report command. */
export function reportCommand(ctx: CliContext): CommandModule<object, Args> {
  return {
    command: "report <answers>",
    describe: "Evaluate an answers file and render the gap report",
    builder: (y) =>
      y
        .positional("answers", {
          type: "string",
          demandOption: true,
          describe: "Answers file (YAML or JSON)",
        })
        .option("format", {
          alias: "f",
          choices: formatNames(RENDERERS),
          default: "md" as ReportFormat,
          describe: describeFormats(RENDERERS),
        })
        .option("out", OUT_OPTION)
        .option("as-of", {
          type: "string",
          describe: "Evaluate as of this date (YYYY-MM-DD); default: the assessment date",
        })
        .option("fail-on", {
          choices: ["critical", "high", "medium", "low"] as const,
          describe: "Exit 1 when a gap of this severity or higher remains",
        })
        .option("template", {
          type: "string",
          describe: "Directory with report.md.hbs (and partials/) to use instead of the shipped templates",
        }),
    handler: async (args) => {
      const { checkDate, emit, refuseBinaryOnTerminal, refuseOverwritingInput, reportDiagnostics } =
        await import("../context.js");
      await refuseOverwritingInput(args.out, [args.answers]);
      const { createReport } = await import("../../pipeline/create-report.js");
      const { EXIT } = await import("../errors.js");
      const asOf = await checkDate(args["as-of"], "--as-of");
      await refuseBinaryOnTerminal(ctx, RENDERERS[args.format], args.out);
      const result = await createReport({
        answersPath: args.answers,
        catalogDir: args.catalog,
        format: args.format,
        asOf,
        templateDir: args.template,
        maxBytes: args["max-bytes"],
      });
      reportDiagnostics(ctx, result.diagnostics);
      if (!result.ok) return;
      await emit(ctx, args.out, result.output);
      if (args["fail-on"]) {
        const { SEVERITY_WEIGHT } = await import("../../engine/scoring.js");
        const floor = SEVERITY_WEIGHT[args["fail-on"]];
        const byId = new Map(result.evaluation.controls.map((c) => [c.control_id, c]));
        const failing = result.evaluation.gaps
          .map((id) => byId.get(id)!)
          .filter((c) => SEVERITY_WEIGHT[c.severity] >= floor);
        if (failing.length > 0) {
          ctx.io.stderr(
            `vaspcheck: ${failing.length} gap(s) at or above ${args["fail-on"]}: ${failing.map((c) => c.control_id).join(", ")}\n`,
          );
          ctx.exit(EXIT.findings);
        }
      }
    },
  };
}
