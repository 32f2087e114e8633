// `npx vaspcheck init`: write a commented answers template for the catalog.
import type { CommandModule } from "yargs";
import type { CliContext } from "../context.js";

interface Args {
  out?: string;
  format: "yaml" | "csv" | "xlsx";
  force: boolean;
  date?: string;
  bom: boolean;
  catalog?: string;
}

/** The init command. */
export function initCommand(ctx: CliContext): CommandModule<object, Args> {
  return {
    command: "init",
    describe: "Write a commented answers template for the catalog",
    builder: (y) =>
      y
        .option("out", {
          alias: "o",
          type: "string",
          describe: "Write the template to this file instead of stdout",
        })
        .option("format", {
          alias: "f",
          choices: ["yaml", "csv", "xlsx"] as const,
          default: "yaml" as const,
          describe:
            "yaml: commented answers file; csv: a sheet to fill in with a spreadsheet program; xlsx: an Excel workbook with drop-downs and checked cells (written with --out)",
        })
        .option("force", { type: "boolean", default: false, describe: "Overwrite an existing --out file" })
        .option("date", { type: "string", describe: "Pre-fill the assessment date (YYYY-MM-DD)" })
        .option("bom", {
          type: "boolean",
          default: false,
          describe: "csv: start with a UTF-8 byte order mark, so Excel on Windows reads Japanese text right",
        }),
    handler: (args) => runInit(ctx, args),
  };
}

async function runInit(ctx: CliContext, args: Args): Promise<void> {
  const { checkDate, emit, reportDiagnostics } = await import("../context.js");
  const { loadCatalog } = await import("../../catalog/load-catalog.js");
  const { DEFAULT_CATALOG_DIR } = await import("../../catalog/default-catalog.js");
  const { renderAnswersTemplate } = await import("../../template/answers-template.js");
  const date = await checkDate(args.date, "--date");
  const { checkOut, readInputs } = await import("../output-gate.js");
  await checkOut(args.out, readInputs(args));
  if (args.out && !args.force) {
    const { existsSync } = await import("node:fs");
    if (existsSync(args.out)) {
      const { UsageError } = await import("../errors.js");
      throw new UsageError(
        `${args.out} already exists`,
        "Pass --force to overwrite it, or choose another --out.",
      );
    }
  }
  const loaded = await loadCatalog(args.catalog ?? DEFAULT_CATALOG_DIR);
  if (!loaded.catalog) return reportDiagnostics(ctx, loaded.diagnostics);
  if (args.format === "xlsx") {
    const { refuseBinaryOnTerminal } = await import("../context.js");
    await refuseBinaryOnTerminal(
      ctx,
      { format: "xlsx", extension: "xlsx", binary: true },
      args.out,
      "answers",
    );
    const { writeAnswersWorkbook } = await import("../../answers/write-workbook.js");
    await emit(ctx, args.out, await writeAnswersWorkbook(loaded.catalog, { date }));
  } else if (args.format === "csv") {
    const { renderAnswersSheet } = await import("../../answers/answers-sheet.js");
    await emit(ctx, args.out, renderAnswersSheet(loaded.catalog, { date, bom: args.bom }));
  } else {
    await emit(ctx, args.out, renderAnswersTemplate(loaded.catalog, { date }));
  }
  if (args.out)
    ctx.io.stderr(`Wrote ${args.out}. Fill it in, then run: npx vaspcheck validate ${args.out}\n`);
}
