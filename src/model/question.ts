// Typed questions: what a control (or the organization profile) asks, and what shape an answer must have.
import * as z from "zod";

/** A stable identifier: lower snake case, as used for question ids and profile keys. */
export const SnakeIdSchema = z.string().regex(/^[a-z][a-z0-9_]*$/, "lower_snake_case id");

/** One allowed value of a choice question. */
export const ChoiceSchema = z.strictObject({
  value: SnakeIdSchema,
  label: z.string().min(1),
  /**
   * The profile answer that makes this choice true whatever the control's own answer says: a DORA deadline applies
   * to a MiCA-authorised firm even when its answer forgets to select DORA. Only on multiple-choice questions.
   */
  implied_by: z.strictObject({ question: SnakeIdSchema, value: SnakeIdSchema }).optional(),
});

const base = {
  id: SnakeIdSchema,
  text: z.string().min(1),
  help: z.string().optional(),
  /** Where the catalog took the threshold this question feeds, or "catalog judgement". */
  basis: z.string().optional(),
};

/** A question with a typed answer. The `type` decides which operators may test it. */
export const QuestionSchema = z.discriminatedUnion("type", [
  z.strictObject({ ...base, type: z.literal("boolean") }),
  z.strictObject({ ...base, type: z.literal("single_choice"), choices: z.array(ChoiceSchema).min(2) }),
  z.strictObject({ ...base, type: z.literal("multiple_choice"), choices: z.array(ChoiceSchema).min(2) }),
  z.strictObject({
    ...base,
    type: z.literal("number"),
    unit: z.string().min(1),
    min: z.number().optional(),
    max: z.number().optional(),
  }),
  z.strictObject({ ...base, type: z.literal("percentage") }),
  z.strictObject({ ...base, type: z.literal("count"), unit: z.string().min(1).optional() }),
  z.strictObject({ ...base, type: z.literal("date") }),
  z.strictObject({ ...base, type: z.literal("duration"), unit: z.enum(["minutes", "hours", "days"]) }),
  z.strictObject({ ...base, type: z.literal("text") }),
]);

/** A typed question. */
export type Question = z.infer<typeof QuestionSchema>;
/** The name of a question type. */
export type QuestionType = Question["type"];
