// What an audit firm adds to a report it issues: who issues it, its status and number, its marking, the scope's
// limits, the opinion and who signs. A small YAML file, validated like every other input.
import * as z from "zod";

const text = z.string().trim().min(1);

/** One signature block: the role always, the person's name and title only when the firm gives them. */
export const SignatorySchema = z.strictObject({
  role: text,
  name: text.optional(),
  title: text.optional(),
});

/** The report configuration file (`--report-config`). */
export const ReportConfigSchema = z.strictObject({
  firm: z
    .strictObject({
      name: text,
      /** A PNG or JPEG file, relative to this file. */
      logo: text.optional(),
    })
    .optional(),
  report: z
    .strictObject({
      status: z.enum(["draft", "final"]).default("draft"),
      number: text.optional(),
      version: text.optional(),
      confidentiality: text.default("Confidential"),
      /** The date of issue (`YYYY-MM-DD`); without it a supervisory letter is dated as of its evaluation. */
      date: z.iso.date().optional(),
    })
    .default({ status: "draft", confidentiality: "Confidential" }),
  /** What the work did not cover or rely on, in the firm's words. */
  limitations: text.optional(),
  /** The firm's opinion or conclusion; without it the report says that none is expressed. */
  opinion: text.optional(),
  /** Who signs: at most 12 blocks, as many as a sign-off page holds. */
  signatories: z.array(SignatorySchema).min(1).max(12).optional(),
});
/** The report configuration. */
export type ReportConfig = z.infer<typeof ReportConfigSchema>;
