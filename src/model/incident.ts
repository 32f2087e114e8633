// An incident: a dated, sourced loss, the attack chain that caused it, what would have countered each step, and
// what the victim is known to have had in place.
import * as z from "zod";
import { ConditionSchema } from "./condition.js";
import { ControlIdSchema, KebabIdSchema } from "./control.js";
import { ThirdPartyRoleSchema } from "./third-party.js";

/**
 * What an attack step did, from a small closed set, so that a control's failure in one incident can be checked
 * against its claims on steps of the same kind in every other incident.
 */
export const TechniqueSchema = z.enum([
  "reconnaissance",
  "social-engineering",
  "malicious-code",
  "session-theft",
  "credential-misuse",
  "intrusion",
  "key-theft",
  "undisclosed-method",
  "supply-chain-tampering",
  "signer-deception",
  "destination-change",
  "privileged-contract-call",
  "delegation-abuse",
  "quorum-capture",
  "preparation",
  "outflow",
  "late-detection",
]);
/** What an attack step did. */
export type Technique = z.infer<typeof TechniqueSchema>;

/**
 * How a countermeasure acts on a step when every control in it is met: it `prevents` the step as it happened, `detects`
 * it in time to respond, `hinders` it (makes it less likely without stopping it), or `limits` the loss.
 */
export const EffectSchema = z.enum(["prevents", "detects", "hinders", "limits"]);
/** How a countermeasure acts on a step. */
export type Effect = z.infer<typeof EffectSchema>;

/** How firmly the source states a fact: as fact, or only as likely, reported, suspected or claimed. */
export const HedgeSchema = z.enum(["likely", "reported", "suspected", "claimed"]);

/** The source of a claim: a key of the incident's `sources`, or `catalog-judgement` said as such. */
export const SourceRefSchema = z.string().regex(/^[A-Za-z0-9-]+$/, "a source key such as `F1`");

/** The key that marks a relation as the catalog's own judgement rather than something a source states. */
export const JUDGEMENT = "catalog-judgement";

/**
 * One way to counter a step: one control, or a conjunction of controls that only together have the effect (a quorum
 * **and** independent verification of what is signed).
 */
export const CountermeasureSchema = z.strictObject({
  controls: z.array(ControlIdSchema).min(1).max(4),
  effect: EffectSchema,
  /** One line: why these controls have this effect on this step. */
  why: z.string().min(1),
  source: SourceRefSchema,
  hedge: HedgeSchema.optional(),
  /** Profile condition: the countermeasure counts only for organizations it holds for. */
  applies_if: ConditionSchema.optional(),
  /**
   * The step happens inside this kind of third party (a vendor engineer's machine, a vendor's front-end), so the
   * controls are the party's own, decided by its answers file, never by the exchange's answers.
   */
  party: ThirdPartyRoleSchema.optional(),
});
/** One way to counter a step. */
export type Countermeasure = z.infer<typeof CountermeasureSchema>;

/** One step of an attack chain. */
export const AttackStepSchema = z.strictObject({
  id: KebabIdSchema,
  title: z.string().min(1),
  description: z.string().min(1),
  techniques: z.array(TechniqueSchema).min(1),
  countermeasures: z.array(CountermeasureSchema).default([]),
});

/**
 * Counter-evidence from the record: a control the victim is known to have had, and the steps it did not stop. Every
 * technique of those steps counts as having got past it, so a claim that it prevents such a step elsewhere is
 * rejected; `defeated_by` may narrow that set only with `narrowed_because` saying why (an allowlist is not defeated by
 * deception, only by a call that is not a transfer).
 */
export const KnownControlSchema = z.strictObject({
  control: ControlIdSchema,
  /** What the victim had, in the source's words. */
  had: z.string().min(1),
  source: SourceRefSchema,
  hedge: HedgeSchema.optional(),
  did_not_stop: z.array(KebabIdSchema).min(1),
  defeated_by: z.array(TechniqueSchema).min(1).optional(),
  narrowed_because: z.string().min(1).optional(),
});
/** A control the victim is known to have had. */
export type KnownControl = z.infer<typeof KnownControlSchema>;

/** The techniques that got past a known control: those it names, or else every technique of the steps it did not stop. */
export function defeatedBy(known: KnownControl, incident: Pick<Incident, "attack_chain">): Technique[] {
  if (known.defeated_by) return known.defeated_by;
  const steps = incident.attack_chain.filter((s) => known.did_not_stop.includes(s.id));
  return [...new Set(steps.flatMap((s) => s.techniques))];
}

/** Who is blamed, and how firmly. */
export const AttributionSchema = z.strictObject({
  actor: z.string().min(1),
  confidence: z.enum(["official", "suspected", "unknown"]),
  by: z.string().optional(),
});

/** A source the incident's facts and relations cite by key. */
export const IncidentSourceSchema = z.strictObject({
  key: SourceRefSchema,
  title: z.string().min(1),
  url: z.url(),
});

/** A profile condition under which an organization resembles the victim, so the incident weighs more in Fix first. */
export const SimilarWhenSchema = z.strictObject({ if: ConditionSchema, why: z.string().min(1) });

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
  sources: z.array(IncidentSourceSchema).min(1),
  /** Profile condition: when it does not hold, the chain has no target in this organization (no hot wallet to drain). */
  applies_if: ConditionSchema.optional(),
  /** Said in the report when `applies_if` does not hold. */
  not_applicable_because: z.string().min(1).optional(),
  similar_when: z.array(SimilarWhenSchema).default([]),
  known_controls: z.array(KnownControlSchema).default([]),
  attack_chain: z.array(AttackStepSchema).min(1),
});

/** A security incident. */
export type Incident = z.infer<typeof IncidentSchema>;
/** One step of an attack chain. */
export type AttackStep = z.infer<typeof AttackStepSchema>;
