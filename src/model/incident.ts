// An incident: a dated, sourced loss with the attack chain that caused it.
import { z } from "zod";
import { KebabIdSchema } from "./control.js";

/** One step of an attack chain. */
export const AttackStepSchema = z.strictObject({
  id: KebabIdSchema,
  title: z.string().min(1),
  description: z.string().min(1),
});

/** Who is blamed, and how firmly. */
export const AttributionSchema = z.strictObject({
  actor: z.string().min(1),
  confidence: z.enum(["official", "suspected", "unknown"]),
  by: z.string().optional(),
});

/** A security incident the catalog learns from. */
export const IncidentSchema = z.strictObject({
  id: KebabIdSchema,
  name: z.string().min(1),
  date: z.iso.date(),
  loss: z.string().min(1),
  loss_usd: z.number().nonnegative().optional(),
  attribution: AttributionSchema,
  summary: z.string().min(1),
  root_cause: z.string().min(1),
  aftermath: z.string().optional(),
  sources: z.array(z.strictObject({ title: z.string().min(1), url: z.url() })).min(1),
  attack_chain: z.array(AttackStepSchema).min(1),
});

/** A security incident. */
export type Incident = z.infer<typeof IncidentSchema>;
/** One step of an attack chain. */
export type AttackStep = z.infer<typeof AttackStepSchema>;
