// What the comparison keeps of one submission: the compact result of validating and evaluating it.
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Evaluation } from "../model/result.js";
import type { PartyLetters, RowScores } from "./rows.js";

/** Who a submission is from, as written in it. */
export interface SubmittedOrganization {
  readonly name: string;
  readonly jurisdiction: string;
  readonly registration?: string;
}

/** A submission that could be compared. Statuses follow the catalog's control order. */
export interface ValidSubmission {
  readonly valid: true;
  readonly file: string;
  readonly sha256: string;
  readonly organization: SubmittedOrganization;
  readonly assessmentDate: string;
  readonly catalogVersion: string;
  /** One `STATUS_LETTER` per catalog control: the status after exceptions. */
  readonly statuses: string;
  /** One `STATUS_LETTER` per catalog control: the status decided by the answers alone. */
  readonly assessed: string;
  /** The profile as the replay reads it (`profileFlags` over the catalog's replay conditions). */
  readonly flags: string;
  /** Controls the organization declared not applicable by its own (justified) answer, not by its profile; catalog order. */
  readonly declaredNotApplicable: readonly string[];
  /** Per kind of third party with current answers, its own statuses as the replay reads them. */
  readonly parties: PartyLetters;
  /** The third parties' own answers files this submission read (absolute paths): they are not submissions. */
  readonly partyFiles: readonly string[];
  /** Every third party's answers file the submission names (absolute paths), read or refused: outputs spare them. */
  readonly namedFiles: readonly string[];
  /** The third parties that operate controls for the organization, as its report lists them. */
  readonly thirdParties: Evaluation["third_parties"];
  /** The SHA-256 of each third party's own answers file as read, by the index of `thirdParties` (absent: not used). */
  readonly partyDigests: readonly (string | undefined)[];
  /** Scores over every catalog control; recomputed only when its catalog version leaves controls out. */
  readonly scores: RowScores;
  /**
   * `CONTROL.question` → the answer to each answered numeric or choice question (a multiple choice as its values
   * joined by `; `): what a regulator compares across exchanges besides statuses, such as cold-storage shares.
   */
  readonly values: Readonly<Record<string, number | string>>;
  /**
   * What the figures rest on: "self-assessment", or the reviewer and level the file's `review` claims. Shown beside every
   * row, since a review block is only as good as its author, which only a signature by the reviewer's key shows.
   */
  readonly assurance: string;
  /** "unsigned" for a plain file; for a signed package that verified, who signed it. */
  readonly signature: string;
  /** Warning counts by diagnostic code (warnings are counted, not kept, so memory stays flat). */
  readonly warnings: Readonly<Record<string, number>>;
}

/** A submission that could not be compared, with every diagnostic found. */
export interface InvalidSubmission {
  readonly valid: false;
  readonly file: string;
  /** The organization name, when the file is readable enough to tell. */
  readonly organizationName?: string;
  readonly diagnostics: readonly Diagnostic[];
  /** Every third party's answers file the submission names (absolute paths), read or refused: outputs spare them. */
  readonly namedFiles?: readonly string[];
}

/** The compact result of one submission. */
export type SubmissionResult = ValidSubmission | InvalidSubmission;
