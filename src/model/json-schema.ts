// JSON Schemas generated from the zod schemas, so the documented formats can never drift from the code.
import { z } from "zod";
import { AnswersSchema } from "./answers.js";
import { EvaluationSchema, RESULT_FORMAT } from "./result.js";

/** The JSON Schema (draft 2020-12) of a published format. */
export function jsonSchemaOf(name: "evaluation" | "answers"): Record<string, unknown> {
  const schema = name === "evaluation" ? EvaluationSchema : AnswersSchema;
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return {
    ...json,
    $id: name === "evaluation" ? `urn:${RESULT_FORMAT}` : "urn:vaspcheck/answers@1",
    title:
      name === "evaluation" ? `vaspcheck evaluation result (${RESULT_FORMAT})` : "vaspcheck answers file",
  };
}
