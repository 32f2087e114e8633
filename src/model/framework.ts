// A framework (regulation or standard) and the requirement ids a control may map to.
import * as z from "zod";
import { KebabIdSchema } from "./control.js";

/** A framework with the list of its valid requirement ids. */
export const FrameworkSchema = z.strictObject({
  id: KebabIdSchema,
  name: z.string().min(1),
  version: z.string().min(1),
  /** The official text: the publisher's own site (lint checks the domain), never a blog or a mirror. */
  url: z.url(),
  /**
   * How the catalog checked its ids and titles against the text, and what it could not: said apart from the version,
   * which names only the text's edition.
   */
  checked: z.string().min(1).optional(),
  /** What the ids name, when a framework has more than one level (CCSS v9 has controls and their requirements). */
  id_kind: z.string().min(1).optional(),
  requirements: z
    .array(
      z.strictObject({
        id: z.string().min(1),
        title: z.string().min(1),
        /**
         * `regulator` for a provision that gives the supervisor a power (a report order, an improvement order)
         * rather than the exchange a duty: lint refuses a control mapped to it.
         */
        addressee: z.enum(["regulator"]).optional(),
        /** What about this requirement is not confirmed against the official text (its number, its wording). */
        unconfirmed: z.string().min(1).optional(),
      }),
    )
    .min(1),
});

/** A framework. */
export type Framework = z.infer<typeof FrameworkSchema>;
