// The assessor's own layer of an answers file: what was tested, what was sampled and the assessor's conclusions.
import * as z from "zod";
import { ControlIdSchema } from "./control.js";

const text = z.string().trim().min(1);

/**
 * How far the assessor went for one control: `stated` (the answer was taken as given), `inspected` (the evidence
 * was examined), `tested` (the control's operation was tested or re-performed on a sample).
 */
export const ReviewProcedureSchema = z.enum(["stated", "inspected", "tested"]);
/** How far the assessor went for one control. */
export type ReviewProcedure = z.infer<typeof ReviewProcedureSchema>;

/** The assessor's record for one control; a conclusion replaces the self-assessed status where they differ. */
export const ControlReviewSchema = z.strictObject({
  procedure: ReviewProcedureSchema,
  /** What was sampled ("12 of 240 withdrawals of May 2026"), for inspected and tested controls. */
  sample: text.optional(),
  /** The assessor's own conclusion; without it the self-assessed status stands. */
  conclusion: z.enum(["met", "partially_met", "not_met"]).optional(),
  notes: text.optional(),
});
/** The assessor's record for one control. */
export type ControlReview = z.infer<typeof ControlReviewSchema>;

/**
 * The assessor's layer, kept apart from the organization's answers so those stay the organization's statements.
 * Its `level` is the assurance the report claims: an independent review of the answers, or tests of the controls.
 */
export const ReviewSchema = z.strictObject({
  reviewer: text,
  date: z.iso.date(),
  level: z.enum(["independent_review", "tested"]),
  controls: z.record(ControlIdSchema, ControlReviewSchema).default({}),
});
/** The assessor's layer of an answers file. */
export type Review = z.infer<typeof ReviewSchema>;
