// Conditions as data: all / any / not over typed leaf comparisons from a closed operator set.
import * as z from "zod";
import { SnakeIdSchema } from "./question.js";

const scalar = z.union([z.string(), z.number(), z.boolean()]);

/**
 * A leaf's own fields, plus `because`: what the limit means, for a limit whose number alone misleads
 * ("at most 99 %" means "no N-of-N"). The explanation of a failed check quotes it.
 */
const leaf = <T extends z.ZodRawShape>(shape: T) =>
  z.strictObject({ question: SnakeIdSchema, ...shape, because: z.string().min(1).optional() });

/** A leaf comparison of one answer with a literal. `question` names a question of the control or a profile key. */
export const LeafSchema = z.discriminatedUnion("op", [
  leaf({ op: z.literal("equals"), value: scalar }),
  leaf({ op: z.literal("not_equals"), value: scalar }),
  leaf({ op: z.literal("one_of"), value: z.array(z.string()).min(1) }),
  leaf({ op: z.literal("includes"), value: z.string() }),
  leaf({ op: z.literal("includes_all"), value: z.array(z.string()).min(1) }),
  leaf({ op: z.literal("includes_any"), value: z.array(z.string()).min(1) }),
  leaf({ op: z.literal("selected_at_least"), value: z.int().min(0) }),
  leaf({ op: z.literal("at_least"), value: z.number() }),
  leaf({ op: z.literal("at_most"), value: z.number() }),
  leaf({ op: z.literal("within_days"), value: z.int().min(0) }),
  leaf({ op: z.literal("answered") }),
]);

/** A leaf comparison. */
export type Leaf = z.infer<typeof LeafSchema>;
/** The name of an operator. */
export type Operator = Leaf["op"];

/** A condition tree. Depth is bounded by the lint (conditions that need more belong in code review). */
export type Condition = Leaf | { all: Condition[] } | { any: Condition[] } | { not: Condition };

/** Schema for a condition tree. Recursive, so the type above is the one place it is spelled out. */
export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    LeafSchema,
    z.strictObject({ all: z.array(ConditionSchema).min(1) }),
    z.strictObject({ any: z.array(ConditionSchema).min(1) }),
    z.strictObject({ not: ConditionSchema }),
  ]),
);
