// `npx vaspcheck keygen`: a signing key pair for submission packages, the private key readable by its owner only.
import type { CommandModule } from "yargs";
import type { CliContext } from "../context.js";

interface Args {
  out: string;
  algorithm: "ed25519" | "ecdsa-p256";
  force: boolean;
}

/** The keygen command. */
export function keygenCommand(ctx: CliContext): CommandModule<object, Args> {
  return {
    command: "keygen",
    describe: "Write a key pair for signing submission packages: NAME.key (private, mode 600) and NAME.pub",
    builder: (y) =>
      y
        .option("out", {
          alias: "o",
          type: "string",
          demandOption: true,
          describe: "NAME: writes NAME.key and NAME.pub",
        })
        .option("algorithm", { choices: ["ed25519", "ecdsa-p256"] as const, default: "ed25519" as const })
        .option("force", { type: "boolean", default: false, describe: "Overwrite existing key files" }),
    handler: async (args) => {
      const { existsSync } = await import("node:fs");
      const { writeFile, chmod } = await import("node:fs/promises");
      const { UsageError } = await import("../errors.js");
      const { generateKeys } = await import("../../trust/keys.js");
      const [priv, pub] = [`${args.out}.key`, `${args.out}.pub`];
      for (const f of [priv, pub])
        if (existsSync(f) && !args.force)
          throw new UsageError(
            `${f} already exists`,
            "A key is never replaced unasked: pass --force, or choose another --out.",
          );
      const keys = generateKeys(args.algorithm);
      // Created with the restrictive mode from the start, so the key is never readable by others, even briefly.
      await writeFile(priv, keys.privatePem, { mode: 0o600, flag: args.force ? "w" : "wx" });
      await chmod(priv, 0o600);
      await writeFile(pub, keys.publicPem, { mode: 0o644, flag: args.force ? "w" : "wx" });
      ctx.io.stderr(
        `Wrote ${priv} (private: keep it secret) and ${pub} (give it to whoever verifies). Key id ${keys.keyid}.\n`,
      );
    },
  };
}
