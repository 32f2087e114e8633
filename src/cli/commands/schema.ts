// `vaspcheck schema`: print the JSON Schema of the machine-readable formats.
import type { CommandModule } from "yargs";
import type { CliContext } from "../context.js";

interface Args {
  name: "evaluation" | "answers" | "comparison" | "diff";
}

/** The schema command. */
export function schemaCommand(ctx: CliContext): CommandModule<object, Args> {
  return {
    command: "schema [name]",
    describe:
      "Print the JSON Schema of a JSON format: evaluation (report), answers, comparison (compare) or diff",
    builder: (y) =>
      y.positional("name", {
        choices: ["evaluation", "answers", "comparison", "diff"] as const,
        default: "evaluation" as const,
      }),
    handler: async (args) => {
      const { jsonSchemaOf } = await import("../../model/json-schema.js");
      ctx.io.stdout(`${JSON.stringify(jsonSchemaOf(args.name), null, 2)}\n`);
    },
  };
}
