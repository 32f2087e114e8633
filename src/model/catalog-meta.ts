// Catalog metadata and the organization-profile (scoping) questions.
import * as z from "zod";
import { ControlIdSchema, KebabIdSchema } from "./control.js";
import { QuestionSchema } from "./question.js";

/** The shape of a semantic version `MAJOR.MINOR.PATCH`. */
export const SEMVER = /^\d+\.\d+\.\d+$/;

/** A semantic version `MAJOR.MINOR.PATCH`. */
export const SemverSchema = z.string().regex(SEMVER, "semantic version like `1.2.0`");

/** Orders two `MAJOR.MINOR.PATCH` versions (negative when `a` is older). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** One release of the catalog: which controls came and went, so old answers files can be explained. */
export const CatalogChangeSchema = z.strictObject({
  version: SemverSchema,
  summary: z.string().min(1),
  added: z.array(ControlIdSchema).default([]),
  removed: z.array(ControlIdSchema).default([]),
  /**
   * Controls asked differently (their questions, rule or scope): an answer made for the earlier version may not mean
   * the same, so a comparison leaves them out for it. A new level, mapping or basis changes no answer and is not listed.
   */
  changed: z.array(ControlIdSchema).default([]),
  /** Per control added, removed or changed: what an answer made against the earlier version has to do now. */
  for_answers: z.record(ControlIdSchema, z.string().min(1)).default({}),
});

/** The name of a maturity tier (level 1…3). */
export const TierSchema = z.strictObject({ level: z.int().min(0).max(3), name: z.string().min(1) });

/** The file `catalog.yaml`. */
export const CatalogMetaSchema = z.strictObject({
  id: KebabIdSchema,
  version: SemverSchema,
  title: z.string().min(1),
  description: z.string().min(1),
  tiers: z.array(TierSchema).length(4),
  /** The as-of date control examples are evaluated at, so date rules in examples stay stable. */
  examples_as_of: z.iso.date(),
  changelog: z.array(CatalogChangeSchema).default([]),
  /** The publishers' own domains (EUR-Lex, e-Gov, NIST …): lint accepts a framework's `url` only on one of them. */
  official_domains: z
    .array(z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, "a domain such as `eur-lex.europa.eu`"))
    .default([]),
});

/** Catalog metadata. */
export type CatalogMeta = z.infer<typeof CatalogMetaSchema>;

/** The file `profile.yaml`: scoping questions asked once per organization. */
export const ProfileFileSchema = z.strictObject({ questions: z.array(QuestionSchema).min(1) });
