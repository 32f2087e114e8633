// `npx vaspcheck validate`: check answers files, print every problem with file:line:col and how complete each file is.
import type { Argv, CommandModule } from "yargs";
import { appendAll, type Diagnostic, hasErrors } from "../../diagnostics/diagnostic.js";
import { type CliContext, numberOption } from "../context.js";

interface Args {
  answers: string[];
  format: "text" | "json";
  "as-of"?: string;
  catalog?: string;
  "max-bytes"?: number;
  "min-complete"?: number;
  "require-complete"?: boolean;
}

const MIN_COMPLETE = numberOption("--min-complete", {
  min: 0,
  max: 100,
  integer: false,
  expects: "a percentage from 0 to 100",
  example: "80",
});

/** The validate command. */
export function validateCommand(ctx: CliContext): CommandModule<object, Args> {
  return {
    command: "validate <answers..>",
    describe: "Validate answers files (YAML, JSON or CSV) against the catalog and say how complete they are",
    builder: validateOptions,
    handler: (args) => runValidate(ctx, args),
  };
}

function validateOptions(y: Argv<object>) {
  return y
    .positional("answers", {
      type: "string",
      array: true,
      demandOption: true,
      describe: "Answers files (.yaml, .yml, .json or .csv)",
    })
    .option("format", {
      alias: "f",
      choices: ["text", "json"] as const,
      default: "text" as const,
      describe: "Diagnostics format",
    })
    .option("as-of", { type: "string", describe: "Date for expiry warnings (YYYY-MM-DD)" })
    .option("min-complete", {
      type: MIN_COMPLETE.type,
      coerce: MIN_COMPLETE.coerce,
      describe:
        "Fail (exit 1) unless this percentage of in-scope controls is answered; lists every blank one",
    })
    .option("require-complete", {
      type: "boolean",
      describe: "Same as --min-complete 100: every in-scope control must be answered",
    })
    .check(MIN_COMPLETE.check);
}

async function runValidate(ctx: CliContext, args: Args): Promise<void> {
  const { checkDate, reportDiagnostics } = await import("../context.js");
  const { loadCatalog } = await import("../../catalog/load-catalog.js");
  const { declaredRole, loadAnswers } = await import("../../pipeline/validate-answers.js");
  const { DEFAULT_CATALOG_DIR } = await import("../../catalog/default-catalog.js");
  const { describeCompleteness } = await import("../completeness-text.js");
  const asOf = await checkDate(args["as-of"], "--as-of");
  const loadedCatalog = await loadCatalog(args.catalog ?? DEFAULT_CATALOG_DIR);
  const catalog = loadedCatalog.catalog;
  if (!catalog) return reportDiagnostics(ctx, loadedCatalog.diagnostics, args.format === "json");
  const minComplete = args["require-complete"] ? 100 : args["min-complete"];
  const diagnostics: Diagnostic[] = [];
  const summaries: string[] = [];
  for (const path of args.answers) {
    const loaded = await loadAnswers(path, catalog, {
      asOf,
      maxBytes: args["max-bytes"],
      minComplete,
      acceptThirdPartyFile: true,
    });
    appendAll(diagnostics, loaded.diagnostics);
    const role = loaded.answers?.organization.role ?? declaredRole(loaded.file?.data);
    if (role) summaries.push(`${path}: checked as the own answers of a ${role.replace("_", " ")}\n`);
    else if (loaded.completeness)
      summaries.push(describeCompleteness(path, loaded.completeness, hasErrors(loaded.diagnostics)));
  }
  reportDiagnostics(ctx, diagnostics, args.format === "json");
  if (args.format !== "text") return;
  ctx.io.stderr(summaries.join(""));
  if (!hasErrors(diagnostics))
    ctx.io.stderr(
      `${args.answers.length} file(s) valid against ${catalog.meta.id} ${catalog.meta.version}\n`,
    );
}
