// A control: what to check, why (lessons), how to decide, and how to fix it. Its effect on attack steps is data of
// the incidents (`countermeasures`), next to the record it is derived from.
import * as z from "zod";
import { ConditionSchema } from "./condition.js";
import { QuestionSchema, SnakeIdSchema } from "./question.js";

/** Control severity, highest first. */
export const SeveritySchema = z.enum(["critical", "high", "medium", "low"]);
/** Control severity. */
export type Severity = z.infer<typeof SeveritySchema>;

/** A control id such as `WAL-001`: a family prefix and a number. */
export const ControlIdSchema = z.string().regex(/^[A-Z]{2,5}-\d{3}$/, "control id like `WAL-001`");

/** A kebab-case id for lessons, incidents, frameworks and catalogs. */
export const KebabIdSchema = z.string().regex(/^[a-z0-9]+(?:[-.][a-z0-9]+)*$/, "kebab-case id");

/** A reference a control cites. */
export const ReferenceSchema = z.strictObject({
  title: z.string().min(1),
  url: z.url().optional(),
});

/** Question answers keyed by question id, as in an answers file. */
export const ResponsesSchema = z.record(z.string(), z.unknown());

/** A worked example the tests replay: these answers must give this status. */
export const ControlExampleSchema = z.strictObject({
  name: z.string().min(1),
  profile: z.record(SnakeIdSchema, z.unknown()).optional(),
  responses: ResponsesSchema,
  expect: z.enum(["met", "partially_met", "not_met", "not_applicable"]),
});

/** The decision rule: `met` if its condition holds, else `partially_met` if that holds, else `not_met`. */
export const RuleSchema = z.strictObject({
  met: ConditionSchema,
  partially_met: ConditionSchema.optional(),
});

/** A control of the catalog. */
export const ControlSchema = z.strictObject({
  id: ControlIdSchema,
  title: z.string().min(1),
  objective: z.string().min(1),
  severity: SeveritySchema,
  /** Maturity level the control belongs to (1 baseline … 3 advanced); tiers roll up from it as CCSS levels do. */
  level: z.int().min(1).max(3),
  lessons: z.array(KebabIdSchema).min(1),
  /**
   * A legal duty of one jurisdiction only (Japan's performance-guarantee crypto-assets): it may map to that
   * jurisdiction's law alone, where every other control needs two frameworks. Lint checks that `applies_if` scopes
   * the control to this jurisdiction.
   */
  jurisdiction_only: KebabIdSchema.optional(),
  /**
   * Why one framework is all this control can honestly map to (a practice only that framework sets): lint then
   * accepts a single mapping, and refuses the property on a control that maps to two or more.
   */
  single_framework: z.string().trim().min(1).optional(),
  /**
   * Why no step of a catalogued attack names this control (governance, customer protection after a loss, response):
   * lint requires it of a control no countermeasure names, and refuses it on one that some countermeasure names.
   */
  counters_no_step: z.string().trim().min(1).optional(),
  /**
   * Why this control is the organization's own to operate: its oversight of its vendors, its governance, its duties to
   * customers and regulators. An answers file may not hand it to a wallet vendor or custodian under
   * `third_parties[].operates`, or the vendor would answer for the exchange's oversight of itself.
   */
  retained: z.string().trim().min(1).optional(),
  /** Framework mappings: framework id → requirement ids. */
  frameworks: z.record(KebabIdSchema, z.array(z.string().min(1)).min(1)).default({}),
  questions: z.array(QuestionSchema).min(1),
  /** Profile condition; when it does not hold the control is not applicable. */
  applies_if: ConditionSchema.optional(),
  rule: RuleSchema,
  remediation: z.string().min(1),
  references: z.array(ReferenceSchema).default([]),
  examples: z.array(ControlExampleSchema).min(2),
});

/** A control of the catalog. */
export type Control = z.infer<typeof ControlSchema>;
/** A worked example of a control. */
export type ControlExample = z.infer<typeof ControlExampleSchema>;
