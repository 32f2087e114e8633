// The answers file an exchange fills in: who, when, against which catalog, scoping, and per-control answers.
import * as z from "zod";
import { SemverSchema } from "./catalog-meta.js";
import { KebabIdSchema, ResponsesSchema } from "./control.js";
import { ReviewSchema } from "./review.js";
import { ThirdPartyRoleSchema, ThirdPartySchema } from "./third-party.js";

const isoDate = z.iso.date();
const text = z.string().trim().min(1);

/** A piece of evidence: a document, ticket or URL, optionally pinned by its SHA-256. */
export const EvidenceSchema = z
  .strictObject({
    title: text,
    path: text.optional(),
    url: z.url().optional(),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/i, "64 hexadecimal characters")
      .optional(),
    date: isoDate.optional(),
  })
  .refine((evidence) => evidence.path !== undefined || evidence.url !== undefined, {
    // An auditor must be able to find the evidence: a title alone points nowhere.
    message: "Evidence needs a `path` or a `url` an auditor can follow",
  });

/** A time-boxed, approved acceptance of the risk of not meeting a control. */
export const ExceptionSchema = z.strictObject({
  justification: text,
  approver: text,
  expires: isoDate,
});

/** The organization's plan to close a gap. */
export const RemediationPlanSchema = z.strictObject({
  owner: text,
  due: isoDate,
  management_response: text.optional(),
});

/** The answer to one control. */
export const ControlAnswerSchema = z.strictObject({
  responses: ResponsesSchema.default({}),
  not_applicable: z.strictObject({ justification: text }).optional(),
  answered_on: isoDate.optional(),
  evidence: z.array(EvidenceSchema).default([]),
  notes: z.string().nullish(),
  exception: ExceptionSchema.optional(),
  remediation_plan: RemediationPlanSchema.optional(),
});

/** Most third parties one answers file may name. */
export const MAX_THIRD_PARTIES = 100;

/** A whole answers file. */
export const AnswersSchema = z.strictObject({
  organization: z.strictObject({
    name: text,
    jurisdiction: text,
    registration: text.nullish(),
    /**
     * What the organization is to the assessment: absent for the exchange assessed; a wallet vendor's or custodian's
     * own answers file says which it is, so it is never scored as an exchange's.
     */
    role: ThirdPartyRoleSchema.optional(),
  }),
  assessment: z.strictObject({
    date: isoDate,
    assessor: text,
    scope: text,
  }),
  catalog: z.strictObject({ id: KebabIdSchema, version: SemverSchema }),
  profile: z.record(z.string(), z.unknown()).default({}),
  /** Vendors and custodians that operate controls for the organization, each with its own answers file. */
  // Bounded: each party's file is read and checked, and no exchange names a hundred vendors.
  third_parties: z.array(ThirdPartySchema).max(MAX_THIRD_PARTIES).default([]),
  answers: z.record(z.string(), z.union([ControlAnswerSchema, z.null()])).default({}),
  /** The assessor's own record (procedures, samples, conclusions); absent for a self-assessment. */
  review: ReviewSchema.optional(),
});

/** A whole answers file, after structural validation. */
export type Answers = z.infer<typeof AnswersSchema>;
/** The answer to one control. */
export type ControlAnswer = z.infer<typeof ControlAnswerSchema>;
/** A piece of evidence. */
export type Evidence = z.infer<typeof EvidenceSchema>;
