// `npx vaspcheck evidence`: check the evidence files an answers file cites, and record their digests on request.
import type { CommandModule } from "yargs";
import type { CliContext } from "../context.js";

interface Args {
  answers: string;
  "evidence-root"?: string;
  "write-digests": boolean;
  format: "text" | "json";
  catalog?: string;
  "max-bytes"?: number;
}

/**
 * The evidence command. A command of its own, not an option of `validate`: `validate` reads the answers file alone,
 * and this reads every file the answers name (of any size, from an evidence folder) and can write the answers file.
 */
export function evidenceCommand(ctx: CliContext): CommandModule<object, Args> {
  return {
    command: "evidence <answers>",
    describe:
      "Check the evidence files an answers file cites: found, inside the evidence folder, matching their SHA-256",
    builder: (y) =>
      y
        .positional("answers", { type: "string", demandOption: true, describe: "A valid answers file" })
        .option("evidence-root", {
          type: "string",
          describe:
            "The folder evidence must lie in (default: the answers file's folder); nothing outside it is read",
        })
        .option("write-digests", {
          type: "boolean",
          default: false,
          describe:
            "Add the SHA-256 of each found file that has none, in place (YAML files; comments and layout kept)",
        })
        .option("format", { alias: "f", choices: ["text", "json"] as const, default: "text" as const }),
    handler: (args) => runEvidence(ctx, args),
  };
}

async function runEvidence(ctx: CliContext, args: Args): Promise<void> {
  const { reportDiagnostics } = await import("../context.js");
  const { loadCatalog } = await import("../../catalog/load-catalog.js");
  const { DEFAULT_CATALOG_DIR } = await import("../../catalog/default-catalog.js");
  const { loadAnswers } = await import("../../pipeline/validate-answers.js");
  const { UsageError } = await import("../errors.js");
  if (args["write-digests"] && !/\.ya?ml$/i.test(args.answers))
    throw new UsageError(
      "--write-digests writes into a YAML answers file",
      "Export the answers to YAML first (`vaspcheck export FILE --format yaml`), or add the digests in the sheet.",
    );
  const loadedCatalog = await loadCatalog(args.catalog ?? DEFAULT_CATALOG_DIR);
  if (!loadedCatalog.catalog) return reportDiagnostics(ctx, loadedCatalog.diagnostics);
  const loaded = await loadAnswers(args.answers, loadedCatalog.catalog, {
    maxBytes: args["max-bytes"],
    acceptThirdPartyFile: true,
  });
  const errors = loaded.diagnostics.filter((d) => d.severity === "error");
  if (!loaded.answers || !loaded.file || errors.length > 0) return reportDiagnostics(ctx, errors);
  const { checkEvidence } = await import("../../pipeline/check-evidence.js");
  const { checks, diagnostics } = await checkEvidence(loaded.file, loaded.answers, {
    evidenceRoot: args["evidence-root"],
  });
  let written = 0;
  if (args["write-digests"]) {
    const { withDigests } = await import("../../pipeline/write-digests.js");
    const { text, added } = withDigests(loaded.file.text, checks);
    if (added > 0) {
      const { writeFileAtomic } = await import("../io.js");
      await writeFileAtomic(args.answers, text);
    }
    written = added;
  }
  if (args.format === "json")
    ctx.io.stdout(`${JSON.stringify({ checks, digests_written: written }, null, 2)}\n`);
  else ctx.io.stdout(summary(checks, written, args.answers));
  const shown = args["write-digests"]
    ? diagnostics.filter((d) => d.code !== "evidence/unpinned")
    : diagnostics;
  reportDiagnostics(ctx, shown);
}

function summary(
  checks: readonly import("../../model/evidence-check.js").EvidenceCheck[],
  written: number,
  file: string,
): string {
  const count = (state: string) => checks.filter((c) => c.state === state).length;
  const lines = checks.map(
    (c) =>
      `${c.control_id} #${c.index + 1}  ${c.state.padEnd(12)}  ${c.location}${c.changed_after_assessment ? "  (modified after the assessment date)" : ""}`,
  );
  const totals = `${checks.length} evidence items: ${count("verified")} verified, ${count("mismatch")} mismatched, ${count("unpinned")} without a digest, ${count("missing") + count("not_a_file")} not found, ${count("outside_root")} outside the evidence folder, ${count("url_only")} web addresses (not checked)`;
  const wrote = written > 0 ? `\nWrote ${written} digest(s) into ${file}.` : "";
  return `${lines.join("\n")}${lines.length > 0 ? "\n" : ""}${totals}.${wrote}\n`;
}
