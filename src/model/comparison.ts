// The comparison result: many submissions against one catalog, as one versioned, documented JSON format.
import * as z from "zod";
import { SeveritySchema } from "./control.js";
import { DiagnosticSchema } from "./diagnostic.js";
import { COMPARISON_FORMAT } from "./formats.js";
import { IncidentReplaySchema, StatusSchema, StepReplaySchema } from "./result.js";
import { ThirdPartyRoleSchema } from "./third-party.js";

const Share = z.number().min(0).max(100);
const Score = z.number().nullable();
/** Why a figure is null instead of a number (too few peers in scope, or a score on another catalog basis); null when given. */
const Withheld = z.string().nullable();

/** `YYYY-MM-DD`, or the quarter `YYYY-Qn` for a pseudonymised organization, so a date cannot single it out. */
export const AssessmentDateSchema = z.string().regex(/^\d{4}-(\d{2}-\d{2}|Q[1-4])$/);

/** A cell of the matrix: the control's status, or `not_compared` when the submission's catalog version cannot answer it. */
export const CellStatusSchema = z.union([StatusSchema, z.literal("not_compared")]);
/** A cell of the matrix. */
export type CellStatus = z.infer<typeof CellStatusSchema>;

/** An incident verdict in a row, or `not_comparable` when a control of its countermeasures is not compared for the row. */
export const RowVerdictSchema = z.union([IncidentReplaySchema.shape.verdict, z.literal("not_comparable")]);

/** How an answered catalog version stands against the catalog in use. */
export const CatalogStandingSchema = z.enum(["current", "older", "newer"]);

/** One organization's row of the matrix. Identifying fields are absent when the row is pseudonymised. */
export const OrganizationRowSchema = z.object({
  /** The name, or a pseudonym such as `VASP-7Q2KXM` when anonymised. */
  label: z.string(),
  pseudonymous: z.boolean(),
  /** True for the `--focus` organization. */
  focus: z.boolean(),
  name: z.string().optional(),
  jurisdiction: z.string().optional(),
  registration: z.string().optional(),
  file: z.string().optional(),
  /** SHA-256 of the submission file as read: the register of submissions names each by it, pseudonymised or not. */
  sha256: z.string(),
  /** What the figures rest on: "self-assessment", or the review the file states (reviewer, level, date). */
  assurance: z.string(),
  /** "unsigned" for a plain file; for a signed submission package that verified, who signed it. */
  signature: z.string(),
  /** SHA-256 of each third party's own answers file the submission read, in the order it names them. */
  third_party_sha256: z.array(z.string()),
  answered_catalog_version: z.string(),
  /** Whether that version is the catalog in use, older (some controls may not be compared for it) or newer. */
  catalog_standing: CatalogStandingSchema,
  /** Controls of the catalog in use this submission's version lacks or asked in an earlier form: not compared for it. */
  not_compared: z.array(z.string()),
  /** Incidents with a countermeasure control not compared for it: left out of their exposure. */
  not_comparable_incidents: z.array(z.string()),
  /** What an older or newer catalog version means for this organization, in words; null on the catalog in use. */
  version_note: z.string().nullable(),
  /** Compared controls the organization declared not applicable by its own (justified) answer, not by its profile. */
  declared_not_applicable: z.array(z.string()),
  /** `YYYY-MM-DD`; its quarter (`2026-Q2`) when the row is pseudonymised. */
  assessment_date: AssessmentDateSchema,
  /** Severity-weighted score 0–100 over the controls compared for this organization; null when none applies. */
  score: Score,
  tier: z.int().nullable(),
  /** Lesson id → score over the controls of that lesson compared for this organization. */
  lessons: z.record(z.string(), Score),
  /**
   * `CONTROL.question` → the answer to each answered numeric (number, percentage, count, duration) or choice question
   * of a compared control, a multiple choice as its values joined by `; `.
   */
  values: z.record(z.string(), z.union([z.number(), z.string()])),
  /** Control id → status (or `not_compared`), for every control of the comparison. */
  controls: z.record(z.string(), CellStatusSchema),
  /** Incident id → replay verdict and the verdict of each attack step (none when not comparable). */
  incidents: z.record(
    z.string(),
    z.object({
      verdict: RowVerdictSchema,
      steps: z.record(z.string(), StepReplaySchema.shape.verdict),
    }),
  ),
});
/** One organization's row of the matrix. */
export type OrganizationRow = z.infer<typeof OrganizationRowSchema>;

/** Sector statistics of one control, with the organizations that stand out from the sector norm. */
export const ControlStatsSchema = z.object({
  control_id: z.string(),
  title: z.string(),
  severity: SeveritySchema,
  level: z.int(),
  lessons: z.array(z.string()),
  /** Organizations whose catalog version could answer the control: the base of every count and share. */
  compared: z.int().min(0),
  /** Organizations on an older catalog version that lacks the control or asked it differently: left out of it. */
  not_compared: z.int().min(0),
  /** Compared organizations per status. */
  counts: z.record(StatusSchema, z.int().min(0)),
  /** Of `counts.not_applicable`, the organizations that declared it not applicable by their own answer. */
  not_applicable_by_answer: z.int().min(0),
  /** Percent of compared organizations per status (one decimal). */
  shares: z.record(StatusSchema, Share),
  /** The status at least `norm_threshold` percent of the organizations in scope share (when 5 or more are in scope). */
  norm: StatusSchema.nullable(),
  /** Organizations clearly below the norm (e.g. not met where the sector meets it). */
  laggards: z.array(z.string()),
  /** Organizations clearly above the norm (e.g. met where the sector does not). */
  leaders: z.array(z.string()),
});
/** Sector statistics of one control. */
export type ControlStats = z.infer<typeof ControlStatsSchema>;

/** Distribution of one lesson's scores across organizations. */
export const LessonStatsSchema = z.object({
  lesson_id: z.string(),
  title: z.string(),
  /** Organizations with a score (the lesson applies to them) over every compared control of the lesson. */
  n: z.int().min(0),
  /** Organizations left out because a control of the lesson is not compared for them (older catalog version). */
  not_comparable: z.int().min(0),
  min: Score,
  q1: Score,
  median: Score,
  q3: Score,
  max: Score,
  /** Organizations below Q1 − 1.5 × IQR (Tukey's fence). */
  low_outliers: z.array(z.string()),
});
/** Distribution of one lesson's scores. */
export type LessonStats = z.infer<typeof LessonStatsSchema>;

/** How the sector fares against one step of an attack chain. */
export const StepExposureSchema = z.object({
  step_id: z.string(),
  number: z.int().min(1),
  title: z.string(),
  /** Preventive and loss-limiting countermeasures of compared controls, as words (`prevents: A + B`). */
  countermeasures: z.array(z.string()),
  /** Compared controls in a countermeasure that would prevent this step (alone or with others). */
  controls: z.array(z.string()),
  /** Compared controls that would cap the loss of this step without stopping it. */
  limiting_controls: z.array(z.string()),
  /** Counts over the comparable organizations the incident applies to, by step verdict. */
  blocked: z.int().min(0),
  /** Organizations that do not block the step but cap its loss with a met control. */
  limited: z.int().min(0),
  detected: z.int().min(0),
  hindered: z.int().min(0),
  open: z.int().min(0),
});

/** Exposure of the sector to one incident's attack chain. */
export const ExposureSchema = z.object({
  incident_id: z.string(),
  name: z.string(),
  date: z.string(),
  /** Comparable organizations the incident applies to: the base of every count below but `not_comparable`. */
  applicable: z.int().min(0),
  stopped: z.int().min(0),
  /** Organizations that stop no step but cap the loss at one. */
  limited: z.int().min(0),
  /** Organizations that stop no step and cap no loss, but detect a step in time to respond. */
  detected: z.int().min(0),
  hindered: z.int().min(0),
  /** Organizations whose controls stop the chain at no step. */
  not_stopped: z.int().min(0),
  not_applicable: z.int().min(0),
  /** Organizations the incident applies to but for which a control of its countermeasures is not compared. */
  not_comparable: z.int().min(0),
  steps: z.array(StepExposureSchema),
  /** The step (among those some compared control addresses) that the most organizations fail to block. */
  weakest_step: z
    .object({
      step_id: z.string(),
      number: z.int().min(1),
      title: z.string(),
      not_blocked: z.int().min(0),
      of: z.int().min(0),
    })
    .nullable(),
  /** Steps no compared control would prevent: a catalog gap, not a sector one. */
  uncovered_steps: z.array(z.string()),
  /** The finding in one sentence. */
  summary: z.string(),
});
/** Exposure of the sector to one incident. */
export type Exposure = z.infer<typeof ExposureSchema>;

/** A control left out because not every submission's catalog version has it (the diff's view of two submissions). */
export const LeftOutSchema = z.object({
  control_id: z.string(),
  reason: z.enum(["added", "changed", "removed"]),
  /** The catalog version that added, changed or removed it. */
  version: z.string(),
  /** Answered catalog versions that lack it (or predate its change). */
  versions: z.array(z.string()),
  /** Compared organizations whose submission was made against those versions. */
  submissions: z.int().min(0),
  explanation: z.string(),
});
/** A control left out of the comparison. */
export type LeftOut = z.infer<typeof LeftOutSchema>;

/** A control not compared for the submissions whose older catalog version lacks it, asked it differently or had it. */
export const NotComparedSchema = LeftOutSchema.extend({
  /** Labels of the organizations it is not compared for (for `removed`: whose answers to it were ignored). */
  organizations: z.array(z.string()),
});
/** A control not compared for some submissions. */
export type NotCompared = z.infer<typeof NotComparedSchema>;

/** A submission that could not be compared, with its diagnostics. */
export const InvalidSubmissionSchema = z.object({
  file: z.string(),
  /** The organization name when it could be read (absent when anonymised). */
  organization: z.string().optional(),
  diagnostics: z.array(DiagnosticSchema),
});
/** A submission that could not be compared. */
export type InvalidSubmissionEntry = z.infer<typeof InvalidSubmissionSchema>;

/** Several submissions for one organization: which one was compared and which were set aside. */
export const DuplicateSchema = z.object({
  organization: z.string(),
  kept: z.object({ file: z.string(), assessment_date: AssessmentDateSchema }),
  ignored: z.array(
    z.object({
      file: z.string(),
      assessment_date: AssessmentDateSchema,
      /** Byte-identical to the kept file. */
      identical: z.boolean(),
    }),
  ),
  /** Why the kept one was chosen. */
  reason: z.string(),
});
/** Several submissions for one organization. */
export type Duplicate = z.infer<typeof DuplicateSchema>;

/** Where one organization stands among its peers on one lesson (or overall). */
export const FocusScoreSchema = z.object({
  id: z.string(),
  title: z.string(),
  score: Score,
  /** Peers with a score over the same controls. */
  peers: z.int().min(0),
  peer_median: Score,
  /** Percent of peers scoring lower, ties counting half; null without a score, or when `withheld` says why. */
  percentile: z.number().min(0).max(100).nullable(),
  /** Why the median and percentile are null: fewer peers than `min_peers`, or a score on another catalog basis. */
  withheld: Withheld,
});
/** Where one organization stands among its peers. */
export type FocusScore = z.infer<typeof FocusScoreSchema>;

/** One organization against its anonymised peers, for a supervisory feedback letter. */
export const FocusSchema = z.object({
  label: z.string(),
  /** Fewer peers in scope than this and a peer figure is withheld (null, with the reason), so no peer can be re-identified. */
  min_peers: z.int().min(0),
  overall: FocusScoreSchema,
  lessons: z.array(FocusScoreSchema),
  incidents: z.array(
    z.object({
      incident_id: z.string(),
      name: z.string(),
      verdict: RowVerdictSchema,
      /** Comparable peers the incident applies to. */
      peers_in_scope: z.int().min(0),
      /** Percent of those peers whose controls stop the chain; null when `withheld` says why. */
      peers_stopped_share: Share.nullable(),
      withheld: Withheld,
    }),
  ),
  /** Controls where the organization is below the sector norm. */
  lagging_controls: z.array(
    z.object({
      control_id: z.string(),
      title: z.string(),
      status: StatusSchema,
      norm: StatusSchema,
      /** Peers compared on the control and in its scope. */
      peers_in_scope: z.int().min(0),
      /** Percent of those peers that meet it; null when `withheld` says why. */
      peers_met_share: Share.nullable(),
      withheld: Withheld,
    }),
  ),
});
/** One organization against its peers. */
export type Focus = z.infer<typeof FocusSchema>;

/** The whole comparison. */
export const ComparisonSchema = z.object({
  format: z.literal(COMPARISON_FORMAT),
  catalog: z.object({ id: z.string(), version: z.string(), digest: z.string() }),
  /** The as-of date all submissions were evaluated at; null when each used its own assessment date. */
  as_of: z.string().nullable(),
  pseudonymisation: z.object({
    /** True when organizations appear under pseudonyms (`--anonymize`, or peers under `--focus`). */
    applied: z.boolean(),
    /** True when pseudonyms are an HMAC under a secret key; false for a plain SHA-256 anyone can recompute. */
    keyed: z.boolean(),
    method: z.string(),
  }),
  /** Percent of organizations in scope that must share a status for it to be the control's norm. */
  norm_threshold: Share,
  /** The smallest peer group shown under pseudonyms (`--min-peers`); a smaller one is refused, a smaller peer figure withheld. */
  min_peers: z.int().min(0),
  summary: z.object({
    files: z.int().min(0),
    compared: z.int().min(0),
    invalid: z.int().min(0),
    duplicates_ignored: z.int().min(0),
    /** Files found that are third parties' own answers files of compared submissions: read with them, not compared. */
    third_party_files: z.int().min(0),
    /** Warnings of compared submissions, by diagnostic code (run `npx vaspcheck validate` for the details). */
    warnings: z.record(z.string(), z.int().min(0)),
  }),
  /** The controls compared for at least one organization, in catalog order. */
  controls: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      severity: SeveritySchema,
      level: z.int(),
      lessons: z.array(z.string()),
    }),
  ),
  lessons: z.array(z.object({ id: z.string(), title: z.string(), controls: z.array(z.string()) })),
  /** The numeric and choice questions of the compared controls, whose answers each row's `values` holds. */
  questions: z.array(
    z.object({
      /** `CONTROL.question`, the key of `values`. */
      key: z.string(),
      control_id: z.string(),
      text: z.string(),
      type: z.string(),
      /** The unit of a number, count or duration. */
      unit: z.string().optional(),
      /** Value → label of each choice. */
      choices: z.record(z.string(), z.string()).optional(),
    }),
  ),
  /** Controls not compared for the submissions made against an older catalog version, and why. */
  not_compared: z.array(NotComparedSchema),
  /** Answered catalog versions newer than the catalog in use: compared on what the catalog in use knows. */
  newer_versions: z.array(z.object({ version: z.string(), submissions: z.int().min(0) })),
  organizations: z.array(OrganizationRowSchema),
  /**
   * Every wallet vendor or custodian the compared organizations name, most depended on first: organizations (by
   * label) that run controls through it, and the controls it runs for any of them. One vendor behind several
   * exchanges is a single point of failure for the sector.
   */
  shared_third_parties: z.array(
    z.object({
      name: z.string(),
      role: ThirdPartyRoleSchema,
      identifier: z.string().optional(),
      organizations: z.array(z.string()),
      controls: z.array(z.string()),
    }),
  ),
  control_stats: z.array(ControlStatsSchema),
  lesson_stats: z.array(LessonStatsSchema),
  exposure: z.array(ExposureSchema),
  focus: FocusSchema.nullable(),
  invalid: z.array(InvalidSubmissionSchema),
  duplicates: z.array(DuplicateSchema),
});
/** The whole comparison. */
export type Comparison = z.infer<typeof ComparisonSchema>;

export { COMPARISON_FORMAT };
