// The in-toto statement a submission package is signed over: every file of the package as a subject with its
// digest, and what the submission is (organization, catalog, as-of date, evidence) as its predicate.
import * as z from "zod";

/** The predicate type of a vaspcheck submission. */
export const SUBMISSION_PREDICATE = "urn:vaspcheck:submission:v1";
/** The in-toto statement type. */
export const STATEMENT_TYPE = "https://in-toto.io/Statement/v1";

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** The statement of a submission package. */
export const SubmissionStatementSchema = z.strictObject({
  _type: z.literal(STATEMENT_TYPE),
  subject: z.array(z.strictObject({ name: z.string(), digest: z.strictObject({ sha256 }) })).max(10_000),
  predicateType: z.literal(SUBMISSION_PREDICATE),
  predicate: z.strictObject({
    /** The answers file inside the package. */
    answers: z.string(),
    /** Third parties' own answers files inside the package. */
    third_parties: z.array(z.string()),
    organization: z.strictObject({
      name: z.string(),
      jurisdiction: z.string(),
      registration: z.string().optional(),
    }),
    assessment_date: z.string(),
    as_of: z.string(),
    catalog: z.strictObject({ id: z.string(), version: z.string(), digest: z.string() }),
    vaspcheck_version: z.string(),
    /** The rendered reports inside the package, re-rendered by `verify`. */
    reports: z.array(z.strictObject({ name: z.string(), format: z.enum(["md", "json", "pdf"]) })),
    /** Each evidence item: its digest, and whether the file itself is in the package. */
    evidence: z.array(
      z.strictObject({
        control_id: z.string(),
        index: z.int().min(0),
        location: z.string(),
        sha256: sha256.optional(),
        included: z.string().optional(),
      }),
    ),
  }),
});
/** The statement of a submission package. */
export type SubmissionStatement = z.infer<typeof SubmissionStatementSchema>;
