// The evaluation result: one versioned model that every renderer and the comparison consume.
import { z } from "zod";
import { EvidenceSchema, ExceptionSchema, RemediationPlanSchema } from "./answers.js";
import { SeveritySchema } from "./control.js";

/** Version of the JSON result format; bumped on any incompatible change. */
export const RESULT_FORMAT = "vaspcheck/evaluation@1";

/** The status of a control for one organization. */
export const StatusSchema = z.enum([
  "met",
  "partially_met",
  "not_met",
  "not_applicable",
  "not_answered",
  "risk_accepted",
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
  incidents: z.array(z.string()),
  blocks: z.array(z.object({ incident: z.string(), step: z.string() })),
  /** Attack steps whose loss the control caps without stopping them. */
  limits: z.array(z.object({ incident: z.string(), step: z.string() })),
  frameworks: z.record(z.string(), z.array(z.string())),
  /** Severity weight × status gap × breadth of incidents and steps covered; 0 when there is no gap. */
  risk: z.number(),
  /** Position in the ranked gap list (1 = fix first), absent when the control is not a gap. */
  gap_rank: z.int().optional(),
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

/** Replay of one attack step against the organization's controls. */
export const StepReplaySchema = z.object({
  step_id: z.string(),
  title: z.string(),
  /** `blocked`: a blocking control is met; `limited`: only a loss-limiting control is met; `partly_blocked`: a blocking control is partially met. */
  verdict: z.enum(["blocked", "limited", "partly_blocked", "open", "not_applicable"]),
  controls: z.array(
    z.object({ id: z.string(), title: z.string(), status: StatusSchema, role: z.enum(["blocks", "limits"]) }),
  ),
});
/** Replay of one attack step. */
export type StepReplay = z.infer<typeof StepReplaySchema>;

/** Replay of one incident's attack chain. */
export const IncidentReplaySchema = z.object({
  incident_id: z.string(),
  name: z.string(),
  date: z.string(),
  /**
   * `stopped`: some step is blocked; `limited`: no step is blocked but a met control caps the loss at some step;
   * `hindered`: only partly blocked steps; `not_stopped`: the chain passes.
   */
  verdict: z.enum(["stopped", "limited", "hindered", "not_stopped", "not_applicable"]),
  /** The first step that a met control blocks. */
  stopped_at: z.string().optional(),
  /** When the verdict is `limited`: the first step whose loss a met control caps. */
  limited_at: z.string().optional(),
  blocked_steps: z.int(),
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
  /** Added by the report pipeline (not by `evaluate`): which file was read and its digest. */
  inputs: z
    .object({ answers_file: z.string(), answers_sha256: z.string(), vaspcheck_version: z.string() })
    .optional(),
  overall: RollupSchema.extend({ tier_name: z.string().nullable() }),
  controls: z.array(ControlResultSchema),
  gaps: z.array(z.string()),
  lessons: z.array(RollupSchema),
  incidents: z.array(RollupSchema),
  frameworks: z.array(FrameworkRollupSchema),
  replay: z.array(IncidentReplaySchema),
});
/** The whole evaluation of one answers file. */
export type Evaluation = z.infer<typeof EvaluationSchema>;
