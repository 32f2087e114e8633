// `vaspcheck report`: render the gap report of one answers file.

import type { Argv, CommandModule } from "yargs";
import type { Severity } from "../../model/control.js";
import type { Evaluation } from "../../model/result.js";
import { describeFormats, formatNames } from "../../report/output-format.js";
import { RENDERERS, type ReportFormat } from "../../report/renderers.js";
import { type CliContext, OUT_OPTION } from "../context.js";

/** The severities `--fail-on` takes, most severe first. */
const FAIL_ON = ["critical", "high", "medium", "low"] as const satisfies readonly Severity[];
type FailOn = (typeof FAIL_ON)[number];

interface Args {
  answers: string;
  format: ReportFormat;
  out?: string;
  "as-of"?: string;
  "fail-on"?: FailOn;
  "allow-accepted"?: boolean;
  template?: string;
  "report-config"?: string;
  "verify-evidence"?: boolean;
  sign?: string;
  "sign-passphrase-file"?: string;
  "signing-time"?: string;
  "evidence-root"?: string;
  catalog?: string;
  "max-bytes"?: number;
}

/** The report command. */
export function reportCommand(ctx: CliContext): CommandModule<object, Args> {
  return {
    command: "report <answers>",
    describe: "Evaluate an answers file and render the gap report",
    builder: reportOptions,
    handler: (args) => runReport(ctx, args),
  };
}

function reportOptions(y: Argv<object>) {
  return y
    .positional("answers", {
      type: "string",
      demandOption: true,
      describe: "Answers file (YAML, JSON, or a CSV answers sheet)",
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
      choices: FAIL_ON,
      describe:
        "Exit 1 when a gap of this severity or higher remains, including gaps under an accepted exception",
    })
    .option("allow-accepted", {
      type: "boolean",
      describe: "With --fail-on: let gaps under a valid accepted exception pass (the run says how many)",
    })
    .option("template", {
      type: "string",
      describe: "Directory with report.md.hbs (and partials/) to use instead of the shipped templates",
    })
    .option("report-config", {
      type: "string",
      describe: "YAML file with the issuing firm, report status, number, marking, opinion and signatories",
    })
    .option("verify-evidence", {
      type: "boolean",
      describe:
        "Hash every evidence file the answers cite; the report says per item whether its digest matched",
    })
    .option("sign", {
      type: "string",
      describe:
        "With --format pdf: sign the PDF with this PKCS#12 file (.p12); passphrase from VASPCHECK_SIGN_PASSPHRASE or --sign-passphrase-file",
    })
    .option("sign-passphrase-file", {
      type: "string",
      describe: "File holding the passphrase of the --sign key",
    })
    .option("signing-time", {
      type: "string",
      describe:
        "The time the signature states (ISO 8601, e.g. 2026-06-30T09:00:00Z); default: the as-of date, 00:00 UTC",
    })
    .option("evidence-root", {
      type: "string",
      describe:
        "With --verify-evidence: the folder evidence must lie in (default: the answers file's folder)",
    });
}

async function runReport(ctx: CliContext, args: Args): Promise<void> {
  const { checkDate, emit, refuseBinaryOnTerminal, reportDiagnostics } = await import("../context.js");
  const { checkOut, readInputs } = await import("../output-gate.js");
  const config = args["report-config"] === undefined ? [] : [args["report-config"]];
  await checkOut(args.out, [args.answers, ...readInputs(args), ...config]);
  const { createReport } = await import("../../pipeline/create-report.js");
  const asOf = await checkDate(args["as-of"], "--as-of");
  await refuseBinaryOnTerminal(ctx, RENDERERS[args.format], args.out);
  const result = await createReport({
    answersPath: args.answers,
    catalogDir: args.catalog,
    format: args.format,
    asOf,
    templateDir: args.template,
    maxBytes: args["max-bytes"],
    reportConfigPath: args["report-config"],
    verifyEvidence: args["verify-evidence"],
    evidenceRoot: args["evidence-root"],
  });
  reportDiagnostics(ctx, result.diagnostics);
  if (!result.ok) return;
  // The third parties' files are known only once the answers are read; an --out onto one is refused as well.
  if (result.readFiles.length > 0)
    await checkOut(args.out, [args.answers, ...readInputs(args), ...config, ...result.readFiles]);
  const output = args.sign ? await signed(ctx, args, result) : result.output;
  if (output === undefined) return;
  await emit(ctx, args.out, output);
  if (args["fail-on"])
    await failOnGaps(ctx, result.evaluation, args["fail-on"], args["allow-accepted"] === true);
}

/** `--fail-on`: lists the gaps at or above `failOn`, says how many accepted risks it let pass, sets the exit code. */
async function failOnGaps(ctx: CliContext, evaluation: Evaluation, failOn: FailOn, allowAccepted: boolean) {
  const { EXIT } = await import("../errors.js");
  const { gate } = await import("../../engine/gate.js");
  const { failing, ignored, declaredNotApplicable } = gate(evaluation, failOn, { allowAccepted });
  const ids = (list: readonly { control_id: string }[]) => list.map((c) => c.control_id).join(", ");
  if (declaredNotApplicable.length > 0)
    ctx.io.stderr(
      `vaspcheck: ${declaredNotApplicable.length} control(s) at or above ${failOn} declared not applicable by the answers, so not gated: ${ids(declaredNotApplicable)}\n`,
    );
  if (ignored.length > 0)
    ctx.io.stderr(
      `vaspcheck: --allow-accepted let ${ignored.length} gap(s) at or above ${failOn} pass under an accepted exception: ${ids(ignored)}\n`,
    );
  if (failing.length > 0) {
    const accepted = failing.filter((c) => c.status === "risk_accepted").length;
    const note =
      accepted > 0 ? ` (${accepted} under an accepted exception; --allow-accepted lets those pass)` : "";
    ctx.io.stderr(`vaspcheck: ${failing.length} gap(s) at or above ${failOn}${note}: ${ids(failing)}\n`);
    ctx.exit(EXIT.findings);
  }
}

/** The PDF signed with the `--sign` key, or undefined when it could not be (said, exit 2). */
async function signed(
  ctx: CliContext,
  args: Args,
  result: { output: string | Uint8Array; evaluation: Evaluation },
): Promise<Uint8Array | undefined> {
  const { UsageError } = await import("../errors.js");
  if (args.format !== "pdf" || typeof result.output === "string")
    throw new UsageError("--sign signs a PDF", "Add --format pdf, or leave --sign out.");
  const { readFile } = await import("node:fs/promises");
  const p12 = await readFile(args.sign as string).catch(() => undefined);
  if (!p12) throw new UsageError(`cannot read the signing key ${args.sign}`, "Name a PKCS#12 file (.p12).");
  const passphrase = args["sign-passphrase-file"]
    ? (await readFile(args["sign-passphrase-file"], "utf8").catch(() => "")).replace(/\r?\n$/, "")
    : (process.env.VASPCHECK_SIGN_PASSPHRASE ?? "");
  const time = args["signing-time"] ?? `${result.evaluation.as_of}T00:00:00Z`;
  const signingTime = new Date(time);
  if (Number.isNaN(signingTime.getTime()))
    throw new UsageError(
      `--signing-time ${time} is not a date and time`,
      "e.g. --signing-time 2026-06-30T09:00:00Z",
    );
  const { signPdf } = await import("../../trust/sign-pdf.js");
  const done = await signPdf(result.output, {
    p12,
    passphrase,
    signingTime,
    name: result.evaluation.assessment.assessor,
    reason: `Security gap report of ${result.evaluation.organization.name}, as of ${result.evaluation.as_of}`,
  });
  if ("problem" in done) throw new UsageError(done.problem, done.hint);
  ctx.io.stderr(`Signed the PDF (signing time ${signingTime.toISOString()}).\n`);
  return done.pdf;
}
