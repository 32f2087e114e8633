// `vaspcheck compare`: the regulator's view over many submissions.

import type { Argv, CommandModule } from "yargs";
import type { Comparison } from "../../model/comparison.js";
import type { CompareFilesResult } from "../../pipeline/compare-files.js";
import { COMPARISON_RENDERERS, type ComparisonFormat } from "../../report/comparison/render-comparison.js";
import type { DocumentInput } from "../../report/document-view.js";
import { describeFormats, formatNames } from "../../report/output-format.js";
import { type CliContext, numberOption, OUT_OPTION } from "../context.js";

interface Args {
  inputs: string[];
  format: ComparisonFormat;
  out?: string;
  anonymize?: boolean;
  "pseudonym-key-file"?: string;
  trust?: string[];
  focus?: string;
  "min-peers"?: number;
  "as-of"?: string;
  jobs?: number;
  template?: string;
  "report-config"?: string;
  catalog?: string;
  "max-bytes"?: number;
}

const JOBS = numberOption("--jobs", {
  min: 0,
  max: 64,
  integer: true,
  expects: "a whole number from 0 to 64",
  example: "4",
});
const MIN_PEERS = numberOption("--min-peers", {
  min: 0,
  integer: true,
  expects: "a whole number of 0 or more",
  example: "5",
});

/** The compare command. */
export function compareCommand(ctx: CliContext): CommandModule<object, Args> {
  return {
    command: "compare <inputs..>",
    describe: "Compare many answers files: who is exposed to which attack, and where the sector is weak",
    builder: compareOptions,
    handler: (args) => runCompare(ctx, args),
  };
}

function compareOptions(y: Argv<object>) {
  return y
    .positional("inputs", {
      type: "string",
      array: true,
      demandOption: true,
      describe: "Answers files, or directories searched recursively for .yaml/.yml/.json/.csv",
    })
    .option("format", {
      alias: "f",
      choices: formatNames(COMPARISON_RENDERERS),
      default: "md" as ComparisonFormat,
      describe: describeFormats(COMPARISON_RENDERERS),
    })
    .option("out", OUT_OPTION)
    .option("anonymize", {
      type: "boolean",
      describe: "Show organizations under stable pseudonyms (set VASPCHECK_PSEUDONYM_KEY to key them)",
    })
    .option("pseudonym-key-file", {
      type: "string",
      describe: "File holding the secret key for pseudonyms (instead of VASPCHECK_PSEUDONYM_KEY)",
    })
    .option("focus", {
      type: "string",
      describe: "Organization (name or registration) to show against its anonymised peers",
    })
    .option("min-peers", {
      type: MIN_PEERS.type,
      coerce: MIN_PEERS.coerce,
      describe:
        "Smallest peer group shown under --anonymize or --focus (default 5); fewer peers are refused (re-identification)",
    })
    .option("as-of", {
      type: "string",
      describe: "Evaluate every submission as of this date (YYYY-MM-DD); default: each one's assessment date",
    })
    .option("jobs", {
      alias: "j",
      type: JOBS.type,
      coerce: JOBS.coerce,
      describe: "Worker threads (0: none); default: one per CPU when the inputs exceed 32 MiB",
    })
    .option("template", {
      type: "string",
      describe:
        "Directory with compare.md.hbs (and compare-partials/, letter.md.hbs) to use instead of the shipped templates",
    })
    .option("report-config", {
      type: "string",
      describe:
        "YAML file naming who issues it: with --focus the letter's sender, logo, reference, date, marking and signatories; without, the sector report's issuer, reference, date and marking",
    })
    .option("trust", {
      type: "string",
      array: true,
      describe:
        "Public keys (NAME.pub) a signed submission package (.vcpkg) must be signed by; packages are verified first",
    })
    .check(JOBS.check)
    .check(MIN_PEERS.check);
}

async function runCompare(ctx: CliContext, args: Args): Promise<void> {
  const { emit, refuseBinaryOnTerminal, reportDiagnostics } = await import("../context.js");
  await checkCompareOut(args);
  const { UsageError } = await import("../errors.js");
  const { asOf, pseudonymKey } = await checkCompareArgs(ctx, args);
  await refuseBinaryOnTerminal(ctx, COMPARISON_RENDERERS[args.format], args.out, "comparison");
  // Read before the comparison: a broken letterhead stops the run before the work, and nothing is written.
  const document = await letterhead(ctx, args);
  if (document === false) return;
  const result = await compareWithProgress(ctx, args, asOf, pseudonymKey);
  if (!result.ok && result.problem) throw new UsageError(result.problem, result.hint);
  reportDiagnostics(ctx, result.diagnostics);
  if (!result.ok) return;
  // The vendors' own files are known only once the submissions are read: the output must spare them too.
  if (result.readFiles.length > 0) await checkCompareOut(args, result.readFiles);
  const { vaspcheckVersion } = await import("../../source/package-version.js");
  const output = await COMPARISON_RENDERERS[args.format].render(result.comparison, {
    vaspcheckVersion: vaspcheckVersion(),
    templateDir: args.template,
    document,
  });
  await emit(ctx, args.out, output);
  ctx.io.stderr(describeSummary(result.comparison));
}

/**
 * The output gate for compare: `--out` must not be, or lie inside, anything compare reads. Besides the named
 * inputs that is every file found in them (a link found in a directory may point anywhere), the catalog, the
 * template directory and the key file.
 */
async function checkCompareOut(args: Args, readFiles: readonly string[] = []): Promise<void> {
  if (args.out === undefined) return;
  const { checkOut, readInputs } = await import("../output-gate.js");
  const { collectInputs } = await import("../../pipeline/collect.js");
  // A directory that cannot be walked is compare's to report; the named inputs are still checked.
  const found = await collectInputs(args.inputs).catch(() => ({ files: [] }));
  const extra = [args["pseudonym-key-file"], args["report-config"], ...(args.trust ?? [])].filter(
    (f): f is string => f !== undefined,
  );
  await checkOut(args.out, [...args.inputs, ...found.files, ...readInputs(args), ...extra, ...readFiles]);
}

/** Validates `--as-of`, reads the pseudonym key and warns when pseudonyms would go unkeyed. */
async function checkCompareArgs(
  ctx: CliContext,
  args: Args,
): Promise<{ asOf: string | undefined; pseudonymKey: string | undefined }> {
  const { checkDate } = await import("../context.js");
  const asOf = await checkDate(args["as-of"], "--as-of");
  const pseudonymKey = await readKey(args["pseudonym-key-file"]);
  if ((args.anonymize || args.focus !== undefined) && !pseudonymKey) {
    ctx.io.stderr(
      "vaspcheck: warning: pseudonyms are not keyed; anyone with the list of organization names can recompute them.\n" +
        "  hint: set VASPCHECK_PSEUDONYM_KEY (or --pseudonym-key-file) to a secret before publishing.\n",
    );
  }
  return { asOf, pseudonymKey };
}

async function compareWithProgress(
  ctx: CliContext,
  args: Args,
  asOf: string | undefined,
  pseudonymKey: string | undefined,
): Promise<CompareFilesResult> {
  const { compareFiles } = await import("../../pipeline/compare-files.js");
  const { createProgress } = await import("../../pipeline/progress.js");
  const progress = createProgress(ctx.io.stderr, ctx.io.isTty);
  const trusted = await trustedKeys(args.trust ?? []);
  return compareFiles({
    trusted,
    inputs: args.inputs,
    catalogDir: args.catalog,
    maxBytes: args["max-bytes"],
    jobs: args.jobs,
    asOf,
    anonymize: args.anonymize,
    pseudonymKey,
    focus: args.focus,
    minPeers: args["min-peers"],
    onProgress: progress.update,
  }).finally(progress.done);
}

/** The closing line on stderr: what was compared and what was set aside. */
function describeSummary(comparison: Comparison): string {
  const s = comparison.summary;
  const older = comparison.organizations.filter((o) => o.not_compared.length > 0).length;
  return (
    `Compared ${s.compared} organization(s) from ${s.files} file(s)` +
    (s.invalid > 0 ? `; ${s.invalid} invalid submission(s) not compared (see above)` : "") +
    (s.duplicates_ignored > 0 ? `; ${s.duplicates_ignored} duplicate submission(s) set aside` : "") +
    (older > 0
      ? `; ${older} submission(s) made against an older catalog version, not compared on the controls it lacks`
      : "") +
    ".\n"
  );
}

async function readKey(file: string | undefined): Promise<string | undefined> {
  if (file === undefined) return process.env.VASPCHECK_PSEUDONYM_KEY || undefined;
  const { readGatedText } = await import("../../source/input-gate.js");
  const { UsageError } = await import("../errors.js");
  // Through the input gate like every other input: a FIFO or a device as the key file is refused, never waited on.
  const key = await readGatedText(file, 64 * 1024).catch((error: unknown) => {
    throw new UsageError(
      `cannot read the pseudonym key file ${file}${error instanceof Error ? ` (${error.message})` : ""}`,
      "Name a regular file of at most 64 KiB holding the secret.",
    );
  });
  if (key.trim() === "") throw new UsageError(`the pseudonym key file ${file} is empty`);
  return key.trim();
}

/**
 * The letterhead of a `--focus` letter, or the issuer of the sector report, read from `--report-config` through the
 * same loader as a report's; its
 * problems are reported as the submissions' are (exit 1), and then it is false. `--out` may not name it or its logo.
 */
async function letterhead(ctx: CliContext, args: Args): Promise<DocumentInput | undefined | false> {
  const path = args["report-config"];
  if (path === undefined) return undefined;
  const { loadReportConfig } = await import("../../pipeline/report-config.js");
  const loaded = await loadReportConfig(path);
  const { reportDiagnostics } = await import("../context.js");
  reportDiagnostics(ctx, loaded.diagnostics);
  if (!loaded.config || !loaded.sha256) return false;
  if (loaded.logoPath) await checkCompareOut(args, [loaded.logoPath]);
  return { config: loaded.config, logo: loaded.logo, file: path, sha256: loaded.sha256 };
}

/** The public keys `--trust` names, read as text (a key that cannot be used is said by the verification). */
async function trustedKeys(files: readonly string[]) {
  const { readFile } = await import("node:fs/promises");
  const { UsageError } = await import("../errors.js");
  const keys = [];
  for (const file of files) {
    const pem = await readFile(file, "utf8").catch(() => undefined);
    if (pem === undefined)
      throw new UsageError(`cannot read the trusted key ${file}`, "Name the sender's NAME.pub file.");
    keys.push({ pem, file });
  }
  return keys;
}
