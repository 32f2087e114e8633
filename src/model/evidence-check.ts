// What a check of the evidence files found, per evidence item: the output of `vaspcheck evidence`, and what a report
// generated with `--verify-evidence` says of each item.
import * as z from "zod";

/** What a check found of one evidence item. */
export const EvidenceStateSchema = z.enum([
  /** The file's SHA-256 is the one the answers give. */
  "verified",
  /** The file's SHA-256 differs from the one the answers give. */
  "mismatch",
  /** The file was found and hashed, but the answers give no digest to compare with. */
  "unpinned",
  /** No file at the path. */
  "missing",
  /** The path leads outside the evidence root (by its text or its links): never opened. */
  "outside_root",
  /** The path names a directory, a device or another thing that is not a regular file. */
  "not_a_file",
  /** A web address: not fetched, so not checked. */
  "url_only",
]);
/** What a check found of one evidence item. */
export type EvidenceState = z.infer<typeof EvidenceStateSchema>;

/** One evidence item and what the check found. */
export const EvidenceCheckSchema = z.object({
  control_id: z.string(),
  /** Position in the control's evidence list, from 0. */
  index: z.int().min(0),
  title: z.string(),
  location: z.string(),
  state: EvidenceStateSchema,
  /** The digest the answers give, if any. */
  declared_sha256: z.string().optional(),
  /** The digest of the file as read, when it was read. */
  actual_sha256: z.string().optional(),
  /** True when the file was modified after the assessment date (a document changed since it was cited). */
  changed_after_assessment: z.boolean(),
});
/** One evidence item and what the check found. */
export type EvidenceCheck = z.infer<typeof EvidenceCheckSchema>;
