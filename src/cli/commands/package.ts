// `npx vaspcheck package` and `sign`: a signed submission package of an answers file, and a further signature on one.
import type { CommandModule } from "yargs";
import type { CliContext } from "../context.js";

interface PackageArgs {
  answers: string;
  key: string[];
  out: string;
  "digests-only": boolean;
  "evidence-root"?: string;
  pdf: boolean;
  "as-of"?: string;
  catalog?: string;
  "max-bytes"?: number;
}

/** The package command. */
export function packageCommand(ctx: CliContext): CommandModule<object, PackageArgs> {
  return {
    command: "package <answers>",
    describe:
      "Make a signed submission package: answers, evidence (or its digests), reports and a signed statement",
    builder: (y) =>
      y
        .positional("answers", { type: "string", demandOption: true, describe: "A valid answers file" })
        .option("key", {
          type: "string",
          array: true,
          demandOption: true,
          describe: "Private key to sign with (repeat for more signers)",
        })
        .option("out", {
          alias: "o",
          type: "string",
          demandOption: true,
          describe: "The package to write (e.g. submission.vcpkg)",
        })
        .option("digests-only", {
          type: "boolean",
          default: false,
          describe: "Sign the evidence's digests but leave the files out (confidential evidence)",
        })
        .option("evidence-root", {
          type: "string",
          describe: "The folder evidence must lie in (default: the answers file's folder)",
        })
        .option("pdf", { type: "boolean", default: false, describe: "Also include the PDF report (slower)" })
        .option("as-of", { type: "string", describe: "Evaluate as of this date (YYYY-MM-DD)" }),
    handler: (args) => runPackage(ctx, args),
  };
}

async function runPackage(ctx: CliContext, args: PackageArgs): Promise<void> {
  const { checkDate, emit, reportDiagnostics } = await import("../context.js");
  const { checkOut } = await import("../output-gate.js");
  const { readFile } = await import("node:fs/promises");
  const { UsageError } = await import("../errors.js");
  await checkOut(args.out, [args.answers, ...args.key]);
  const asOf = await checkDate(args["as-of"], "--as-of");
  const keys = [];
  for (const file of args.key) {
    const pem = await readFile(file, "utf8").catch(() => undefined);
    if (pem === undefined)
      throw new UsageError(`cannot read the key ${file}`, "Make one with `vaspcheck keygen --out NAME`.");
    keys.push({ pem, file });
  }
  const { makePackage } = await import("../../pipeline/make-package.js");
  const made = await makePackage({
    answersPath: args.answers,
    keys,
    digestsOnly: args["digests-only"],
    evidenceRoot: args["evidence-root"],
    catalogDir: args.catalog,
    asOf,
    maxBytes: args["max-bytes"],
    pdf: args.pdf,
  });
  // The answers' and evidence's warnings are `validate`'s and `evidence`'s to list; a package says only what stops it.
  const errors = made.diagnostics.filter((d) => d.severity === "error");
  reportDiagnostics(ctx, errors);
  const warned = made.diagnostics.length - errors.length;
  if (made.ok && warned > 0)
    ctx.io.stderr(
      `${warned} warning(s) about the answers or the evidence: \`vaspcheck validate\` and \`vaspcheck evidence\` list them.\n`,
    );
  if (!made.ok) {
    if (made.problem) {
      ctx.io.stderr(`vaspcheck: ${made.problem}\n${made.hint ? `  hint: ${made.hint}\n` : ""}`);
      ctx.exit(1);
    }
    return;
  }
  await emit(ctx, args.out, made.bytes);
  ctx.io.stderr(
    `Wrote ${args.out}: ${made.statement.subject.length} signed files, signed by ${made.keyids.map((k) => k.slice(0, 16)).join(", ")}.\n`,
  );
}

interface SignArgs {
  package: string;
  key: string;
}

/** The sign command: one more signature (an approving officer's) on an existing package. */
export function signCommand(ctx: CliContext): CommandModule<object, SignArgs> {
  return {
    command: "sign <package>",
    describe: "Add a signature to a submission package (e.g. the approving officer's after the preparer's)",
    builder: (y) =>
      y
        .positional("package", { type: "string", demandOption: true })
        .option("key", { type: "string", demandOption: true, describe: "Private key to sign with" }),
    handler: async (args) => {
      const { readFile } = await import("node:fs/promises");
      const { UsageError } = await import("../errors.js");
      const { writeFileAtomic } = await import("../io.js");
      const [bytes, pem] = await Promise.all([
        readFile(args.package).catch(() => undefined),
        readFile(args.key, "utf8").catch(() => undefined),
      ]);
      if (!bytes)
        throw new UsageError(`cannot read ${args.package}`, "Name a package that `vaspcheck package` wrote.");
      if (pem === undefined)
        throw new UsageError(
          `cannot read the key ${args.key}`,
          "Make one with `vaspcheck keygen --out NAME`.",
        );
      const { addSignature } = await import("../../pipeline/make-package.js");
      const signed = await addSignature(bytes, { pem, file: args.key });
      if ("problem" in signed) {
        ctx.io.stderr(`vaspcheck: ${args.package}: ${signed.problem}\n`);
        ctx.exit(1);
        return;
      }
      await writeFileAtomic(args.package, signed.bytes);
      ctx.io.stderr(`Signed ${args.package} with key ${signed.keyid.slice(0, 16)}.\n`);
    },
  };
}
