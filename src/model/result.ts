// The evaluation result: one versioned model that every renderer and the comparison consume.
import * as z from "zod";
import { EvidenceSchema, ExceptionSchema, RemediationPlanSchema } from "./answers.js";
import { SeveritySchema } from "./control.js";
import { RESULT_FORMAT } from "./formats.js";
import { EffectSchema, HedgeSchema, TechniqueSchema } from "./incident.js";
import { ReviewProcedureSchema } from "./review.js";
import { ThirdPartyRoleSchema } from "./third-party.js";

/** The status of a control for one organization, in report order (the one place that order is written). */
export const StatusSchema = z.enum([
  "met",
  "partially_met",
  "not_met",
  "not_answered",
  "risk_accepted",
  "not_applicable",
]);
/** The status of a control. */
export type Status = z.infer<typeof StatusSchema>;

/** One node of a rule's explanation, in pre-order; `depth` rebuilds the all/any/not tree. */
export const CheckSchema = z.object({
  rule: z.enum(["met", "partially_met", "applies_if"]),
  depth: z.int().min(0),
  kind: z.enum(["all", "any", "not", "leaf"]),
  passed: z.boolean(),
  question: z.string().optional(),
  question_text: z.string().optional(),
  op: z.string().optional(),
  expected: z.string().optional(),
  /** The literal the operator compares with (a choice id, a number, a list of choice ids), for explanations. */
  value: z.unknown().optional(),
  /** What the limit means, from the catalog's rule, when its number alone would mislead. */
  because: z.string().optional(),
  /** The answer as given; absent when the question was not answered. */
  answer: z.unknown().optional(),
  answered: z.boolean().optional(),
});
/** One node of a rule's explanation. */
export type Check = z.infer<typeof CheckSchema>;

/** The result for one control. */
export const ControlResultSchema = z.object({
  control_id: z.string(),
  title: z.string(),
  severity: SeveritySchema,
  level: z.int(),
  status: StatusSchema,
  /** Status decided by the answers alone, before any exception is applied. */
  assessed_status: StatusSchema,
  /** Why the control is not applicable: `profile` (scoping) or `answer` (justified N/A). */
  not_applicable_by: z.enum(["profile", "answer"]).optional(),
  not_applicable_justification: z.string().optional(),
  checks: z.array(CheckSchema),
  unanswered_questions: z.array(z.string()),
  exception: ExceptionSchema.extend({ expired: z.boolean() }).optional(),
  evidence: z.array(EvidenceSchema),
  notes: z.string().optional(),
  remediation_plan: RemediationPlanSchema.optional(),
  lessons: z.array(z.string()),
  /** Incidents with a step this control counters (alone or with others). */
  incidents: z.array(z.string()),
  /** Every attack step this control counters, how, and with which other controls when it takes several. */
  counters: z.array(
    z.object({
      incident: z.string(),
      step: z.string(),
      effect: EffectSchema,
      with: z.array(z.string()),
    }),
  ),
  frameworks: z.record(z.string(), z.array(z.string())),
  /** Severity weight × status gap × (1 + ½ per incident countered); 0 when there is no gap. The last ranking key. */
  risk: z.number(),
  /** What fixing this gap would change in the replay; absent when the control is not a gap. */
  exposure: z
    .object({
      /** Incidents not stopped today that this control, met, would stop on its own. */
      stops: z.array(z.string()),
      /** Incidents stopped today to which it would add an independent preventive layer. */
      deepens: z.array(z.string()),
      /** Incidents where it is one part of a preventive conjunction whose other parts are missing too. */
      part_of: z.array(z.string()),
      /** Σ incident weight over `stops`: the first ranking key. */
      stop_weight: z.number(),
      /** stop_weight plus the smaller terms for deepening, conjunction parts and weaker effects: the second key. */
      value: z.number(),
    })
    .optional(),
  /** Position in the ranked gap list (1 = fix first), absent when the control is not a gap. */
  gap_rank: z.int().optional(),
  /**
   * The third party that operates this control for the organization: its own answers decided the status, or, when
   * they are missing or stale, the control is not answered.
   */
  operated_by: z
    .object({
      name: z.string(),
      role: ThirdPartyRoleSchema,
      answers: z.enum(["current", "stale", "missing"]),
      date: z.string().optional(),
    })
    .optional(),
  /**
   * The assessor's record for this control, from the answers file's `review`. Where it has a conclusion (and the
   * profile does not scope the control out), the conclusion is the assessed status and `self_assessed` the one the
   * organization's answers gave.
   */
  review: z
    .object({
      procedure: ReviewProcedureSchema,
      sample: z.string().optional(),
      conclusion: z.enum(["met", "partially_met", "not_met"]).optional(),
      notes: z.string().optional(),
      self_assessed: StatusSchema,
      /** Whether the conclusion decided the status (it does not for a control the profile scopes out). */
      decided: z.boolean(),
      /**
       * Why a conclusion decided nothing: the profile scopes the control out, or a third party operates it and gave no
       * current answers (a review of the organization's file cannot stand in for the operator's missing answers).
       */
      undecided_because: z.enum(["profile_scope", "operator_unanswered"]).optional(),
    })
    .optional(),
  /** Choices the rule read as selected because the profile implies them, though the answer left them out. */
  implied_choices: z.array(
    z.object({ question: z.string(), value: z.string(), profile_question: z.string() }),
  ),
});
/** The result for one control. */
export type ControlResult = z.infer<typeof ControlResultSchema>;

/** Counts of controls per status. */
export const StatusCountsSchema = z.record(StatusSchema, z.int());
/** Counts of controls per status. */
export type StatusCounts = z.infer<typeof StatusCountsSchema>;

/** A score and tier over a group of controls (a lesson, an incident, a framework or everything). */
export const RollupSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** Severity-weighted score 0–100 over applicable controls; null when none applies. */
  score: z.number().nullable(),
  /** Highest level whose controls are all met (0–3); null when no control applies. */
  tier: z.int().nullable(),
  counts: StatusCountsSchema,
  controls: z.array(z.string()),
});
/** A score and tier over a group of controls. */
export type Rollup = z.infer<typeof RollupSchema>;

/** Coverage of one framework requirement. */
export const RequirementCoverageSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(["covered", "partial", "gap", "not_applicable", "not_mapped"]),
  controls: z.array(z.object({ id: z.string(), status: StatusSchema })),
});

/** A framework roll-up with per-requirement coverage. */
export const FrameworkRollupSchema = RollupSchema.extend({
  version: z.string(),
  requirements: z.array(RequirementCoverageSchema),
});
/** A framework roll-up. */
export type FrameworkRollup = z.infer<typeof FrameworkRollupSchema>;

/** The state of one countermeasure for this organization. */
export const CountermeasureStateSchema = z.enum([
  /** Every control in it is met: it has its effect. */
  "in_place",
  /** Every control is met or partially met, not all met: a preventive one then only hinders; others count for nothing. */
  "partial",
  /** Some control is not met, not answered, out of scope, or a gap under an accepted exception. */
  "absent",
  /** Its profile condition does not hold: it does not apply to this organization. */
  "not_applicable",
  /** A scoping answer its profile condition reads is blank: it is not credited. */
  "profile_unanswered",
  /** Its controls are a third party's own, and no current answers of such a party were given: it is not credited. */
  "party_unanswered",
]);

/** Replay of one countermeasure of a step. */
export const CountermeasureReplaySchema = z.object({
  effect: EffectSchema,
  state: CountermeasureStateSchema,
  controls: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      status: StatusSchema,
      /** For a third party's own control: the party whose status this is (the weakest of its kind), by name. */
      party_name: z.string().optional(),
    }),
  ),
  why: z.string(),
  /** The source key, or `catalog-judgement`. */
  source: z.string(),
  source_title: z.string().optional(),
  source_url: z.string().optional(),
  hedge: HedgeSchema.optional(),
  /** The kind of third party inside which the step happens: the controls' statuses are that party's own. */
  party: ThirdPartyRoleSchema.optional(),
});

/** Replay of one countermeasure of a step. */
export type CountermeasureReplay = z.infer<typeof CountermeasureReplaySchema>;

/** A control of this step that the record shows in place at a victim, where it did not stop a step of this kind. */
export const CounterEvidenceSchema = z.object({
  control: z.string(),
  incident_id: z.string(),
  incident_name: z.string(),
  had: z.string(),
  step: z.string(),
  techniques: z.array(TechniqueSchema),
  source_title: z.string(),
  source_url: z.string(),
  hedge: HedgeSchema.optional(),
});

/** Counter-evidence shown on a step. */
export type CounterEvidence = z.infer<typeof CounterEvidenceSchema>;

/** Replay of one attack step against the organization's controls. */
export const StepReplaySchema = z.object({
  step_id: z.string(),
  title: z.string(),
  techniques: z.array(TechniqueSchema),
  /**
   * `blocked`: a preventive countermeasure is in place; `limited`: a loss-limiting one is; `detected`: a detective
   * one is; `hindered`: a hindering one is, or a preventive one is partly in place; `open`: none of these.
   */
  verdict: z.enum(["blocked", "limited", "detected", "hindered", "open"]),
  countermeasures: z.array(CountermeasureReplaySchema),
  counter_evidence: z.array(CounterEvidenceSchema),
});
/** Replay of one attack step. */
export type StepReplay = z.infer<typeof StepReplaySchema>;

/** Replay of one incident's attack chain. */
export const IncidentReplaySchema = z.object({
  incident_id: z.string(),
  name: z.string(),
  date: z.string(),
  /**
   * `stopped`: some step is blocked; otherwise the strongest of `limited` (a step's loss is capped), `detected` (a
   * step is detected in time to respond), `hindered`, and `not_stopped`. `not_applicable`: the chain has no target here.
   */
  verdict: z.enum(["stopped", "limited", "detected", "hindered", "not_stopped", "not_applicable"]),
  not_applicable_because: z.string().optional(),
  /** The first step with the verdict that decides the incident (blocked, limited, detected or hindered). */
  decided_at: z.string().optional(),
  blocked_steps: z.int(),
  /** The fewest controls that would all have to fail for no step to be blocked; 0 when none is. */
  depth: z.int(),
  /** False only when the search ran out of budget, so that `depth` is an upper bound (never seen on a real catalog). */
  depth_exact: z.boolean(),
  /** When depth is 1: the controls any one of which, failing, would leave the chain unblocked. */
  single_points: z.array(z.string()),
  /** When not stopped: the smallest sets of controls to fix that would block a step (up to three, fewest first). */
  fixes: z.array(z.array(z.string())),
  /** loss weight × (1 + profile similarities): how much this incident counts in Fix first. */
  weight: z.number(),
  /** Why this organization resembles the victim (the profile conditions that hold). */
  similar_because: z.array(z.string()),
  /** What the victim is known to have had in place, from the record. */
  known_controls: z.array(
    z.object({
      control: z.string(),
      had: z.string(),
      did_not_stop: z.array(z.string()),
      source_title: z.string(),
      source_url: z.string(),
      hedge: HedgeSchema.optional(),
    }),
  ),
  steps: z.array(StepReplaySchema),
});
/** Replay of one incident. */
export type IncidentReplay = z.infer<typeof IncidentReplaySchema>;

/** The whole evaluation of one answers file against one catalog. */
export const EvaluationSchema = z.object({
  format: z.literal(RESULT_FORMAT),
  catalog: z.object({ id: z.string(), version: z.string(), digest: z.string() }),
  organization: z.object({ name: z.string(), jurisdiction: z.string(), registration: z.string().optional() }),
  assessment: z.object({ date: z.string(), assessor: z.string(), scope: z.string() }),
  as_of: z.string(),
  answered_catalog: z.object({ id: z.string(), version: z.string() }),
  /**
   * Who reviewed the organization's answers, when, and to what assurance; null for a self-assessment. Where the
   * review concludes on a control, the scores and the replay use that conclusion.
   */
  review: z
    .object({ reviewer: z.string(), date: z.string(), level: z.enum(["independent_review", "tested"]) })
    .nullable(),
  /** The third parties that operate controls for the organization, and whether their own answers could be used. */
  third_parties: z.array(
    z.object({
      name: z.string(),
      role: ThirdPartyRoleSchema,
      identifier: z.string().optional(),
      operates: z.array(z.string()),
      answers: z.enum(["current", "stale", "missing"]),
      /** The party's own assessment date, when its answers were given. */
      date: z.string().optional(),
      assessor: z.string().optional(),
    }),
  ),
  /** Added by the report pipeline (not by `evaluate`): which file was read and its digest. */
  inputs: z
    .object({ answers_file: z.string(), answers_sha256: z.string(), vaspcheck_version: z.string() })
    .optional(),
  overall: RollupSchema.extend({
    tier_name: z.string().nullable(),
    /** Controls the answers themselves declared not applicable (not the profile), most severe first. */
    declared_not_applicable: z.array(z.string()),
    /** The score with those controls counted as not met; null when none is declared. */
    score_counting_declared_na: z.number().nullable(),
  }),
  controls: z.array(ControlResultSchema),
  gaps: z.array(z.string()),
  lessons: z.array(RollupSchema),
  incidents: z.array(RollupSchema),
  frameworks: z.array(FrameworkRollupSchema),
  replay: z.array(IncidentReplaySchema),
  /** A small set of fixes that together block a step of every replayed attack that can be blocked (greedy). */
  fix_plan: z.object({
    steps: z.array(z.object({ controls: z.array(z.string()), stops: z.array(z.string()) })),
    /** Attacks not stopped for which the catalog has no applicable preventive countermeasure. */
    unstoppable: z.array(z.string()),
  }),
});
/** The whole evaluation of one answers file. */
export type Evaluation = z.infer<typeof EvaluationSchema>;

export { RESULT_FORMAT };
