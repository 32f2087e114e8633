// One submission in, one compact result out: validated, evaluated, and reduced to what the comparison needs.
import { resolve } from "node:path";
import { namedPartyFiles } from "../answers/third-parties.js";
import { VALUE_TYPES } from "../compare/compare.js";
import { STATUS_LETTER } from "../compare/letters.js";
import { createRowScorer } from "../compare/rows.js";
import type { SubmissionResult } from "../compare/submission-types.js";
import { type Diagnostic, hasErrors, sortDiagnostics } from "../diagnostics/diagnostic.js";
import { compileCatalog } from "../engine/compile.js";
import { thirdPartyReplay } from "../engine/evaluate.js";
import { profileFlags } from "../engine/profile-flags.js";
import { STATUSES } from "../engine/scoring.js";
import type { Answers } from "../model/answers.js";
import type { Catalog } from "../model/catalog.js";
import type { Status } from "../model/result.js";
import type { ThirdPartyRole } from "../model/third-party.js";
import type { ParseResult } from "../source/parse-yaml.js";
import { fileDigest, type SourceFile } from "../source/source-file.js";
import { type ReadSubmission, readSubmission, readSubmissionSync } from "./read-submission.js";
import { thirdPartyReader, validateAnswers } from "./validate-answers.js";

export type {
  InvalidSubmission,
  SubmissionResult,
  SubmittedOrganization,
  ValidSubmission,
} from "../compare/submission-types.js";

/** Options of submission assessment. */
export interface AssessOptions {
  /** Evaluate every submission as of this date; default: each submission's own assessment date. */
  readonly asOf?: string;
  readonly maxBytes?: number;
}

/** Assesses submissions against one catalog, preparing the catalog-only work once. */
export interface Assessor {
  /** Validates and evaluates one parsed submission. Pure: the same text gives the same result. */
  assess(parsed: ParseResult, path: string): SubmissionResult;
  /** Reads one submission (not a workbook) from disk and assesses it. Never throws on bad user data. */
  read(path: string): SubmissionResult;
  /** Reads one submission of any kind, an Excel workbook among them, and assesses it. Never throws on bad user data. */
  readAny(path: string): Promise<SubmissionResult>;
}

/** Creates an assessor for a catalog. */
export function createAssessor(catalog: Catalog, options: AssessOptions = {}): Assessor {
  const scorer = createRowScorer(catalog, new Set(catalog.controls.map((c) => c.id)));
  const compared = comparedQuestions(catalog);
  const assess = (parsed: ParseResult, path: string): SubmissionResult => {
    // The one validation path of `validate` and `report`, tolerant of another catalog version as a comparison must be.
    const checked = validateAnswers(parsed, catalog, {
      asOf: options.asOf,
      tolerateVersion: true,
      readThirdParty: thirdPartyReader(catalog, options.maxBytes),
    });
    const { answers, results, file, diagnostics } = checked;
    if (!answers || !results || !file || hasErrors(diagnostics)) {
      // Sorted only here: a valid submission's warnings are counted, never listed.
      const sorted = sortDiagnostics(diagnostics);
      return invalidResult(path, parsed, sorted);
    }
    const { statuses, assessed, declaredNotApplicable } = lettersOfResults(results);
    const flags = profileFlags(compileCatalog(catalog).plan.conditions, answers.profile, catalog.profile);
    const third = thirdPartyReplay(catalog, answers, {
      asOf: options.asOf,
      thirdParties: checked.thirdParties,
    });
    const parties = lettersOf(third.statuses);
    return {
      valid: true,
      file: path,
      sha256: fileDigest(file),
      organization: {
        name: answers.organization.name,
        jurisdiction: answers.organization.jurisdiction,
        registration: answers.organization.registration ?? undefined,
      },
      assessmentDate: answers.assessment.date,
      catalogVersion: answers.catalog.version,
      statuses,
      assessed,
      flags,
      declaredNotApplicable,
      parties,
      thirdParties: third.list,
      ...partyFilesOf(checked.thirdPartyFiles ?? [], third.list.length),
      namedFiles: namedPartyFiles(path, file.data),
      scores: scorer(statuses, assessed, flags, parties),
      values: comparedValues(compared, answers),
      assurance: answers.review
        ? `${answers.review.level === "tested" ? "tested" : "independent review"} by ${answers.review.reviewer} (${answers.review.date}), as the file states`
        : "self-assessment",
      signature: "unsigned",
      warnings: countByCode(diagnostics),
    };
  };
  const assessRead = (submission: ReadSubmission, path: string): SubmissionResult => {
    const result = assess(submission.parsed, path);
    // The fast parse has no positions: an invalid submission is assessed again to place its diagnostics.
    return result.valid || !submission.fast ? result : assess(submission.positioned(), path);
  };
  return {
    assess,
    read: (path) => assessRead(readSubmissionSync(path, catalog, options.maxBytes), path),
    readAny: async (path) => assessRead(await readSubmission(path, catalog, options.maxBytes), path),
  };
}

/** The status letters of every control, after exceptions and as assessed, and the controls declared N/A by answer. */
function lettersOfResults(
  results: readonly {
    status: Status;
    assessed_status: Status;
    not_applicable_by?: string;
    control_id: string;
  }[],
) {
  let statuses = "";
  let assessed = "";
  const declaredNotApplicable: string[] = [];
  for (const result of results) {
    statuses += STATUS_LETTER[result.status];
    assessed += STATUS_LETTER[result.assessed_status];
    if (result.not_applicable_by === "answer") declaredNotApplicable.push(result.control_id);
  }
  return { statuses, assessed, declaredNotApplicable };
}

/** An invalid submission: its diagnostics, and what it names (its organization, its vendors' files). */
function invalidResult(path: string, parsed: ParseResult, diagnostics: Diagnostic[]): SubmissionResult {
  const data = parsed.file?.data;
  return {
    valid: false,
    file: path,
    organizationName: readName(data),
    diagnostics,
    namedFiles: namedPartyFiles(path, data),
  };
}

/** The third parties' files a submission read (absolute paths) and each party's file digest, by party index. */
function partyFilesOf(files: readonly (SourceFile | undefined)[], parties: number) {
  return {
    partyFiles: files.flatMap((f) => (f ? [resolve(f.path)] : [])),
    partyDigests: Array.from({ length: parties }, (_, i) => {
      const own = files[i];
      return own ? fileDigest(own) : undefined;
    }),
  };
}

function readName(data: unknown): string | undefined {
  const name = field(field(data, "organization"), "name");
  return typeof name === "string" && name.trim() !== "" ? name.trim() : undefined;
}

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
}

/** Warning counts by code: a valid submission's warnings are counted, never kept. */
function countByCode(diagnostics: readonly { code: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const d of diagnostics) counts[d.code] = (counts[d.code] ?? 0) + 1;
  return counts;
}

/** Per kind of third party, its status codes as status letters, as a comparison keeps them. */
function lettersOf(
  statuses: Partial<Record<ThirdPartyRole, Uint8Array>>,
): Partial<Record<ThirdPartyRole, string>> {
  const out: Partial<Record<ThirdPartyRole, string>> = {};
  for (const [role, codes] of Object.entries(statuses) as [ThirdPartyRole, Uint8Array][])
    out[role] = Array.from(codes, (code) => STATUS_LETTER[STATUSES[code] as Status]).join("");
  return out;
}

/** The numeric and choice questions of the catalog, as `[control id, question id]`: the answers a comparison keeps. */
function comparedQuestions(catalog: Catalog): readonly (readonly [string, string])[] {
  return catalog.controls.flatMap((c) =>
    c.questions.filter((q) => VALUE_TYPES.has(q.type)).map((q) => [c.id, q.id] as const),
  );
}

/** The answers to those questions, keyed `CONTROL.question`; unanswered ones are absent. */
function comparedValues(
  compared: readonly (readonly [string, string])[],
  answers: Answers,
): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const [control, question] of compared) {
    const value = answers.answers[control]?.responses[question];
    if (typeof value === "number" || typeof value === "string") out[`${control}.${question}`] = value;
    else if (Array.isArray(value)) out[`${control}.${question}`] = value.map(String).join("; ");
  }
  return out;
}
