// `vaspcheck schema`: print the JSON Schema of the machine-readable formats.
import type { CommandModule } from "yargs";
import type { CliContext } from "../context.js";

interface Args {
  name: "evaluation" | "answers";
}

/** The schema command. */
export function schemaCommand(ctx: CliContext): CommandModule<object, Args> {
  return {
    command: "schema [name]",
    describe: "Print the JSON Schema of the evaluation result (report --format json) or of answers files",
    builder: (y) =>
      y.positional("name", { choices: ["evaluation", "answers"] as const, default: "evaluation" as const }),
    handler: async (args) => {
      const { jsonSchemaOf } = await import("../../model/json-schema.js");
      ctx.io.stdout(`${JSON.stringify(jsonSchemaOf(args.name), null, 2)}\n`);
    },
  };
}
