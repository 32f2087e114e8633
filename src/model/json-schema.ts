// JSON Schemas generated from the zod schemas, so the documented formats can never drift from the code.
import * as z from "zod";
import { AnswersSchema } from "./answers.js";
import { COMPARISON_FORMAT, ComparisonSchema } from "./comparison.js";
import { DIFF_FORMAT, DiffSchema } from "./diff.js";
import { EvaluationSchema, RESULT_FORMAT } from "./result.js";

const FORMATS = {
  evaluation: {
    schema: EvaluationSchema,
    id: RESULT_FORMAT,
    title: `vaspcheck evaluation result (${RESULT_FORMAT})`,
  },
  answers: { schema: AnswersSchema, id: "vaspcheck/answers@1", title: "vaspcheck answers file" },
  comparison: {
    schema: ComparisonSchema,
    id: COMPARISON_FORMAT,
    title: `vaspcheck comparison (${COMPARISON_FORMAT})`,
  },
  diff: { schema: DiffSchema, id: DIFF_FORMAT, title: `vaspcheck progress diff (${DIFF_FORMAT})` },
} as const;

/** The JSON Schema (draft 2020-12) of a published format. */
export function jsonSchemaOf(name: keyof typeof FORMATS): Record<string, unknown> {
  const format = FORMATS[name];
  const json = z.toJSONSchema(format.schema, { io: "input", unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  return { ...json, $id: `urn:${format.id}`, title: format.title };
}
