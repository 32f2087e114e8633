// A framework (regulation or standard) and the requirement ids a control may map to.
import * as z from "zod";
import { KebabIdSchema } from "./control.js";

/** A framework with the list of its valid requirement ids. */
export const FrameworkSchema = z.strictObject({
  id: KebabIdSchema,
  name: z.string().min(1),
  version: z.string().min(1),
  url: z.url().optional(),
  requirements: z.array(z.strictObject({ id: z.string().min(1), title: z.string().min(1) })).min(1),
});

/** A framework. */
export type Framework = z.infer<typeof FrameworkSchema>;
