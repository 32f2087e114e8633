// `npx vaspcheck verify`: for a regulator, check a submission package offline against the public keys it trusts.
import type { CommandModule } from "yargs";
import type { CliContext } from "../context.js";

interface Args {
  package: string;
  trust: string[];
  format: "text" | "json";
  catalog?: string;
}

/** The verify command. */
export function verifyCommand(ctx: CliContext): CommandModule<object, Args> {
  return {
    command: "verify <package>",
    describe:
      "Verify a submission package: signatures by trusted keys, every file's digest, the catalog, the reports",
    builder: (y) =>
      y
        .positional("package", { type: "string", demandOption: true })
        .option("trust", {
          type: "string",
          array: true,
          demandOption: true,
          describe: "Public key files (NAME.pub) of the signers you trust",
        })
        .option("format", { alias: "f", choices: ["text", "json"] as const, default: "text" as const }),
    handler: async (args) => {
      const { readFile } = await import("node:fs/promises");
      const { UsageError } = await import("../errors.js");
      const { reportDiagnostics } = await import("../context.js");
      const trusted = [];
      for (const file of args.trust) {
        const pem = await readFile(file, "utf8").catch(() => undefined);
        if (pem === undefined)
          throw new UsageError(`cannot read the trusted key ${file}`, "Name the sender's NAME.pub file.");
        trusted.push({ pem, file });
      }
      const { verifyPackage } = await import("../../pipeline/verify-package.js");
      const result = await verifyPackage({ packagePath: args.package, trusted, catalogDir: args.catalog });
      if (args.format === "json")
        ctx.io.stdout(
          `${JSON.stringify({ ok: result.ok, signers: result.signers, findings: result.diagnostics, predicate: result.statement?.predicate ?? null }, null, 2)}\n`,
        );
      reportDiagnostics(ctx, result.diagnostics);
      if (result.ok && args.format === "text") {
        const p = result.statement!.predicate;
        ctx.io.stdout(
          `${args.package}: verified. Signed by ${result.signers.map((s) => `${s.name} (${s.keyid.slice(0, 16)}…)`).join(", ")}; ${result.statement!.subject.length} files match their digests; ${p.organization.name}, assessed ${p.assessment_date}, against ${p.catalog.id} ${p.catalog.version}; ${p.reports.length} reports rendered again and identical.\n`,
        );
      }
    },
  };
}
