// The progress diff: one organization's two submissions, as one versioned, documented JSON format.
import * as z from "zod";
import { SeveritySchema } from "./control.js";
import { DIFF_FORMAT } from "./formats.js";
import { IncidentReplaySchema, StatusSchema } from "./result.js";
import { ThirdPartyRoleSchema } from "./third-party.js";

const Score = z.number().nullable();

/** One side of the diff: which submission, and its headline numbers over the compared controls. */
export const DiffSideSchema = z.object({
  file: z.string(),
  organization: z.object({
    name: z.string(),
    jurisdiction: z.string(),
    registration: z.string().optional(),
  }),
  /** The SHA-256 of the submission file as read. */
  sha256: z.string(),
  assessment_date: z.string(),
  answered_catalog_version: z.string(),
  /** The third parties that operate controls for it, whether their own answers were used, and their files' digests. */
  third_parties: z.array(
    z.object({
      name: z.string(),
      role: ThirdPartyRoleSchema,
      operates: z.array(z.string()),
      answers: z.enum(["current", "stale", "missing"]),
      date: z.string().optional(),
      sha256: z.string().optional(),
    }),
  ),
  score: Score,
  tier: z.int().nullable(),
  tier_name: z.string().nullable(),
  /** Compared controls this submission declared not applicable by its own answer (not by its profile), catalog order. */
  declared_not_applicable: z.array(z.string()),
  /** The score with those controls counted as not met; null when it declared none. */
  score_counting_declared_na: Score,
});
/** One side of the diff. */
export type DiffSide = z.infer<typeof DiffSideSchema>;

/** How a control moved between the two submissions. */
export const ControlChangeKindSchema = z.enum([
  /** Closer to met (e.g. not met → partially met). */
  "improved",
  /** Further from met. */
  "regressed",
  /** Declared not applicable by the new submission's own answer while in scope before: it leaves the score. */
  "declared_not_applicable",
  /** The catalog version of the new submission has it; that of the old one did not. */
  "new",
  /** The catalog version of the old submission had it; that of the new one does not. */
  "removed",
  /** Its questions or rule changed between the two versions, so the statuses are not comparable. */
  "not_comparable",
  /** Another status change of equal credit: in or out of scope by the profile, an N/A withdrawn, or an exception granted or lapsed. */
  "other",
]);
/** How a control moved. */
export type ControlChangeKind = z.infer<typeof ControlChangeKindSchema>;

/** One control that changed. */
export const ControlChangeSchema = z.object({
  control_id: z.string(),
  /** Absent for a control the catalog in use no longer has. */
  title: z.string().optional(),
  severity: SeveritySchema.optional(),
  change: ControlChangeKindSchema,
  old_status: StatusSchema.nullable(),
  new_status: StatusSchema.nullable(),
  /** The status the answers alone decide, before an exception turns a gap into `risk_accepted`. */
  old_assessed_status: StatusSchema.nullable(),
  new_assessed_status: StatusSchema.nullable(),
});
/** One control that changed. */
export type ControlChange = z.infer<typeof ControlChangeSchema>;

/** A score that moved (overall or one lesson). */
export const ScoreChangeSchema = z.object({
  id: z.string(),
  title: z.string(),
  old: Score,
  new: Score,
  /** new − old, one decimal; null when either is null. */
  delta: Score,
  old_tier: z.int().nullable(),
  new_tier: z.int().nullable(),
});
/** A score that moved. */
export type ScoreChange = z.infer<typeof ScoreChangeSchema>;

/** How the replay of one incident changed. */
export const ReplayChangeSchema = z.object({
  incident_id: z.string(),
  name: z.string(),
  old_verdict: IncidentReplaySchema.shape.verdict,
  new_verdict: IncidentReplaySchema.shape.verdict,
  change: z.enum(["better", "worse", "same"]),
  /** The reason a verdict moved: controls of this incident's countermeasures whose status changed. */
  changed_controls: z.array(z.string()),
  /** True when a scoping answer this incident's replay reads changed. */
  profile_changed: z.boolean(),
});
/** How the replay of one incident changed. */
export type ReplayChange = z.infer<typeof ReplayChangeSchema>;

/** The whole diff. */
export const DiffSchema = z.object({
  format: z.literal(DIFF_FORMAT),
  catalog: z.object({ id: z.string(), version: z.string(), digest: z.string() }),
  as_of: z.string().nullable(),
  old: DiffSideSchema,
  new: DiffSideSchema,
  /** False when the two files name different organizations (by registration, or by name without one). */
  same_organization: z.boolean(),
  /** True when the "old" submission was assessed after the "new" one: every change reads backwards. */
  reversed: z.boolean(),
  /** Controls per kind of change, plus those unchanged. */
  summary: z.record(z.enum([...ControlChangeKindSchema.options, "unchanged"]), z.int().min(0)),
  overall: ScoreChangeSchema,
  lessons: z.array(ScoreChangeSchema),
  /** Every control that changed, most severe first within each kind. */
  controls: z.array(ControlChangeSchema),
  incidents: z.array(ReplayChangeSchema),
  /** Controls scored on neither side because one submission's catalog version lacks them. */
  left_out: z.array(z.object({ control_id: z.string(), explanation: z.string() })),
});
/** The whole diff. */
export type Diff = z.infer<typeof DiffSchema>;

export { DIFF_FORMAT };
