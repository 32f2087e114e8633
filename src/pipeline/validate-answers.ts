// The one validation path of every command: parse, structure, catalog references, salvage, evaluate, quality.

import { badSheet, parseAnswersSheet } from "../answers/answers-sheet.js";
import { checkAnswers } from "../answers/check-answers.js";
import { checkCompleteness } from "../answers/completeness-check.js";
import { checkNotApplicable } from "../answers/na-checks.js";
import { checkDates, checkQuality } from "../answers/quality.js";
import { salvageAnswers } from "../answers/salvage.js";
import { loadThirdParties, type ReadParty } from "../answers/third-parties.js";
import { relaxForVersion } from "../answers/version-tolerance.js";
import { appendAll, type Diagnostic, hasErrors, sortDiagnostics } from "../diagnostics/diagnostic.js";
import { type Completeness, completenessOf } from "../engine/completeness.js";
import { evaluateControls } from "../engine/evaluate.js";
import { type Answers, AnswersSchema } from "../model/answers.js";
import type { Catalog } from "../model/catalog.js";
import { SEMVER } from "../model/catalog-meta.js";
import type { ControlResult } from "../model/result.js";
import { ThirdPartyRoleSchema } from "../model/third-party.js";
import { versionGap } from "../model/version-gap.js";
import { diagnosticsFromZod } from "../source/from-zod.js";
import type { ParseResult } from "../source/parse-yaml.js";
import { decodeText, parseBytes, readBytes, readBytesSync } from "../source/read-source.js";
import { locate, type SourceFile } from "../source/source-file.js";

/** Outcome of loading an answers file: the answers when there are no errors, and all diagnostics. */
export interface LoadAnswersResult {
  readonly answers?: Answers;
  /** Every control's result (as of `asOf`) that the quality checks were made from, present with the answers. */
  readonly results?: readonly ControlResult[];
  readonly file?: SourceFile;
  /** How much of the in-scope catalog the file answers, present with the results. */
  readonly completeness?: Completeness;
  /** The own answers of each third party the file names, by index (undefined where none could be used). */
  readonly thirdParties?: readonly (Answers | undefined)[];
  /** The third parties' files as read, by the same index. */
  readonly thirdPartyFiles?: readonly (SourceFile | undefined)[];
  readonly diagnostics: Diagnostic[];
}

/** Options of answers loading. */
export interface LoadAnswersOptions {
  /** As-of date for the quality warnings (defaults to the assessment date). */
  readonly asOf?: string;
  /** Largest accepted file size in bytes. */
  readonly maxBytes?: number;
  /**
   * Accept answers made for another version of the catalog, as `compare` and `diff` do: the errors the changelog
   * explains (the version itself, answers to removed or added controls) become warnings.
   */
  readonly tolerateVersion?: boolean;
  /**
   * Percentage (0–100) of in-scope controls that must be answered; below it every blank in-scope control is an
   * error (`answers/unanswered-control`). Default 0: incompleteness is reported, not refused.
   */
  readonly minComplete?: number;
  /** Reads a third party's own answers file; without it, third parties' files are not read (they count as missing). */
  readonly readThirdParty?: ReadParty;
  /**
   * The file is a third party's own answers: it answers the controls it operates or runs inside, not the whole
   * catalog, and its scope is the organization's profile, so completeness and a blank profile are not its problems.
   */
  readonly thirdParty?: boolean;
  /**
   * A file whose `organization.role` says it is a third party's own answers is checked as one (as `validate` does);
   * otherwise it is refused, because its answers cover only what the party operates and would score as an exchange's.
   */
  readonly acceptThirdPartyFile?: boolean;
}

/** What a third party's own answers file is not asked for (see `LoadAnswersOptions.thirdParty`). */
const NOT_ASKED_OF_A_THIRD_PARTY = new Set([
  "answers/missing-profile",
  "answers/incomplete-file",
  "answers/third-party-undeclared",
  // Read against the vendor's own profile, while its controls are evaluated on the exchange's.
  "answers/implied-choice",
]);

/** Most problems reported for one file: beyond them the list helps nobody, and printing it costs a run dearly. */
export const MAX_DIAGNOSTICS_PER_FILE = 1000;

/** Validates parsed answers against the catalog: structure, catalog references, types, then quality. */
export function validateAnswers(
  parsed: ParseResult,
  catalog: Catalog,
  options: LoadAnswersOptions = {},
): LoadAnswersResult {
  const role = declaredRole(parsed.file?.data);
  const asParty =
    options.thirdParty === true || (role !== undefined && options.acceptThirdPartyFile === true);
  // A third party's file answers what the party operates: completeness thresholds are an exchange's.
  const all = validateAll(parsed, catalog, {
    ...options,
    thirdParty: asParty,
    minComplete: asParty ? 0 : options.minComplete,
  });
  // A refused file gets its errors and the refusal only: warnings about what an exchange would lack are noise here.
  const refused =
    role !== undefined && !asParty && parsed.file
      ? {
          file: all.file,
          diagnostics: [
            ...all.diagnostics.filter((d) => d.severity === "error"),
            partyFileRefused(parsed.file, role),
          ],
        }
      : all;
  const result = asParty
    ? { ...all, diagnostics: all.diagnostics.filter((d) => !NOT_ASKED_OF_A_THIRD_PARTY.has(d.code)) }
    : refused;
  if (result.diagnostics.length <= MAX_DIAGNOSTICS_PER_FILE) return result;
  const sorted = sortDiagnostics(result.diagnostics);
  const kept = sorted.slice(0, MAX_DIAGNOSTICS_PER_FILE);
  const left = sorted.slice(MAX_DIAGNOSTICS_PER_FILE);
  // A notice among those left out stands for the problems it counts, not for one more.
  const counted = (d: Diagnostic, kind: "errors" | "warnings") =>
    d.omitted ? d.omitted[kind] : (d.severity === "error") === (kind === "errors") ? 1 : 0;
  const errors = left.reduce((n, d) => n + counted(d, "errors"), 0);
  const warnings = left.reduce((n, d) => n + counted(d, "warnings"), 0);
  const last = kept.at(-1)!;
  kept.push({
    file: last.file,
    start: last.start,
    severity: hasErrors(result.diagnostics) ? "error" : "warning",
    code: "input/too-many-problems",
    message: `${errors + warnings} more problems in this file (${errors} errors, ${warnings} warnings) are not listed (${MAX_DIAGNOSTICS_PER_FILE.toLocaleString("en-US")} are, in file order)`,
    hint: "Fix the problems listed first; they are often the cause of the rest.",
    omitted: { errors, warnings },
  });
  return { ...result, diagnostics: kept };
}

function validateAll(
  parsed: ParseResult,
  catalog: Catalog,
  options: LoadAnswersOptions = {},
): LoadAnswersResult {
  const diagnostics = [...parsed.diagnostics];
  const file = parsed.file;
  if (!file) return { diagnostics };
  if ((file.data === null || file.data === undefined) && !hasErrors(diagnostics)) {
    diagnostics.push(emptyFile(file));
    return { file, diagnostics };
  }
  const flood = controlFlood(file, catalog);
  if (flood) return { file, diagnostics: [...diagnostics, flood] };
  const structure = AnswersSchema.safeParse(file.data);
  if (!structure.success)
    appendAll(diagnostics, diagnosticsFromZod(file, structure.error.issues, [], AnswersSchema));
  appendAll(diagnostics, checkAnswers(file, catalog));
  const version = options.tolerateVersion ? answeredVersion(file.data) : undefined;
  if (version !== undefined) {
    const relaxed = relaxForVersion(diagnostics, versionGap(catalog.meta, version));
    diagnostics.splice(0, diagnostics.length, ...relaxed);
  }
  const valid = structure.success && !hasErrors(diagnostics);
  // Every problem in one pass: when there are errors, the valid parts still get their quality warnings.
  const answers = valid
    ? structure.data
    : salvageAnswers(
        file.data,
        diagnostics.filter((d) => d.severity === "error"),
      );
  if (!answers)
    return { file, completeness: completenessOnly(file, catalog, diagnostics, options), diagnostics };
  const asOf = options.asOf ?? answers.assessment.date;
  const parties = thirdParties(file, answers, catalog, options, asOf);
  appendAll(diagnostics, parties.diagnostics);
  const results = evaluateControls(catalog, answers, { asOf, thirdParties: parties.answers });
  // The organization's own answers only: an operated control's answers and evidence are in its operator's file.
  const own = results.filter((r) => r.operated_by === undefined);
  appendAll(diagnostics, checkQuality(file, answers, { controls: own, as_of: asOf }, results));
  appendAll(diagnostics, checkDates(file, file.data, answers.assessment.date));
  appendAll(diagnostics, checkNotApplicable(file, answers, catalog, own));
  const completeness = completenessOf(catalog, results);
  appendAll(
    diagnostics,
    checkCompleteness(file, results, completeness, diagnostics, options.minComplete ?? 0),
  );
  if (!valid || hasErrors(diagnostics)) return { file, completeness, diagnostics };
  return {
    answers,
    results,
    file,
    completeness,
    thirdParties: parties.answers,
    thirdPartyFiles: parties.files,
    diagnostics,
  };
}

/** The third-party role a file declares for its organization, read as written (before, or despite, validation). */
export function declaredRole(data: unknown): string | undefined {
  const organization = isRecord(data) ? data.organization : undefined;
  const role = isRecord(organization) ? organization.role : undefined;
  // Only a role the format knows makes a file a third party's; anything else is a schema error, said as such.
  return ThirdPartyRoleSchema.safeParse(role).success ? (role as string) : undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/** A third party's own file given as the submission: its answers cover what it operates, not an exchange. */
function partyFileRefused(file: SourceFile, role: string): Diagnostic {
  return {
    file: file.path,
    ...locate(file, ["organization", "role"]),
    severity: "error",
    code: "answers/third-party-file",
    message: `This is the own answers file of a third party (\`role: ${role}\`), not an exchange's: it is not scored on its own`,
    hint: "Report on the exchange whose `third_parties` names this file; `vaspcheck validate` checks it as a third party's file.",
  };
}

/**
 * Most keys `answers` may hold beyond the catalog's controls. A file of a hundred thousand unknown ids is not an
 * answers file with typos, and validating, salvaging and scoring each would cost minutes and gigabytes.
 */
const MAX_EXTRA_ANSWER_KEYS = 5000;

/** One error for an `answers` mapping with far more keys than the catalog has controls; undefined otherwise. */
function controlFlood(file: SourceFile, catalog: Catalog): Diagnostic | undefined {
  const data = file.data;
  const answers =
    typeof data === "object" && data !== null ? (data as { answers?: unknown }).answers : undefined;
  if (typeof answers !== "object" || answers === null || Array.isArray(answers)) return undefined;
  const count = Object.keys(answers).length;
  const limit = catalog.controls.length + MAX_EXTRA_ANSWER_KEYS;
  if (count <= limit) return undefined;
  return {
    file: file.path,
    ...locate(file, ["answers"], { key: true }),
    severity: "error",
    code: "input/too-large",
    message: `\`answers\` holds ${count.toLocaleString("en-US")} keys, where the catalog has ${catalog.controls.length} controls: the file is not checked further`,
    expected: `at most ${limit.toLocaleString("en-US")} keys`,
    actual: count.toLocaleString("en-US"),
    path: ["answers"],
    hint: "Check that this is an answers file for this catalog; `npx vaspcheck catalog list` shows the control ids.",
  };
}

/** Said plainly: the schema's complaint about an empty value would point at nothing the user wrote. */
function emptyFile(file: SourceFile): Diagnostic {
  return {
    file: file.path,
    start: { line: 1, column: 1 },
    severity: "error",
    code: "input/empty",
    message: "The answers file is empty",
    path: [],
    hint: "Run `npx vaspcheck init --out answers.yaml` to get a template to fill in.",
  };
}

/** The third parties' own answers files, each validated like an answers file whose own third parties are not followed. */
function thirdParties(
  file: SourceFile,
  answers: Answers,
  catalog: Catalog,
  options: LoadAnswersOptions,
  asOf: string,
) {
  return loadThirdParties(file, answers, catalog, {
    read: options.readThirdParty,
    asOf,
    validate: (parsed) =>
      validateAnswers(parsed, catalog, {
        ...options,
        readThirdParty: undefined,
        minComplete: 0,
        thirdParty: true,
      }),
  });
}

// Completeness reads which controls are answered and which the profile scopes out, never a date, so a stand-in
// assessment date cannot change it.
const STAND_IN_ASSESSMENT: Answers["assessment"] = { date: "2000-01-01", assessor: "", scope: "" };

/**
 * The completeness of a file whose assessment is itself in error, from the parts no error touches, so the
 * untouched template still says how much is answered. Adds its diagnostics; undefined when nothing is salvageable.
 */
function completenessOnly(
  file: SourceFile,
  catalog: Catalog,
  diagnostics: Diagnostic[],
  options: LoadAnswersOptions,
): Completeness | undefined {
  const errors = diagnostics.filter((d) => d.severity === "error");
  const partial = salvageAnswers(file.data, errors, STAND_IN_ASSESSMENT);
  if (!partial) return undefined;
  const results = evaluateControls(catalog, partial, { asOf: STAND_IN_ASSESSMENT.date });
  const completeness = completenessOf(catalog, results);
  appendAll(
    diagnostics,
    checkCompleteness(file, results, completeness, diagnostics, options.minComplete ?? 0),
  );
  return completeness;
}

/** Parses an answers file's bytes: a CSV answers sheet when the name ends in `.csv`, YAML or JSON otherwise. */
export function parseAnswersBytes(path: string, bytes: Uint8Array, catalog: Catalog): ParseResult {
  if (/\.xlsx$/i.test(path))
    return badSheet(
      path,
      "A third party's answers are read as YAML, JSON or CSV, not as an .xlsx workbook",
      "Export the third party's workbook to YAML (`vaspcheck export FILE.xlsx --format yaml`) and name that file.",
    );
  if (!/\.csv$/i.test(path)) return parseBytes(path, bytes);
  const decoded = decodeText(path, bytes);
  return decoded.text === undefined
    ? { diagnostics: decoded.diagnostics }
    : parseAnswersSheet(path, decoded.text, catalog);
}

/** Reads an answers file (YAML, JSON, or a CSV answers sheet) and validates it. Never throws on bad user data. */
export async function loadAnswers(
  path: string,
  catalog: Catalog,
  options: LoadAnswersOptions = {},
): Promise<LoadAnswersResult> {
  const read = await readBytes(path, options.maxBytes);
  if (!read.bytes) return { diagnostics: read.diagnostics };
  const parsed = /\.xlsx$/i.test(path)
    ? await (await import("../answers/read-workbook.js")).readAnswersWorkbook(path, read.bytes, catalog)
    : parseAnswersBytes(path, read.bytes, catalog);
  return validateAnswers(parsed, catalog, {
    readThirdParty: thirdPartyReader(catalog, options.maxBytes),
    ...options,
  });
}

/** Reads a third party's answers file through the input gate, as the answers file itself is read. */
export function thirdPartyReader(catalog: Catalog, maxBytes?: number): ReadParty {
  return (path) => {
    const read = readBytesSync(path, maxBytes);
    return read.bytes ? parseAnswersBytes(path, read.bytes, catalog) : { diagnostics: read.diagnostics };
  };
}

/** The catalog version an answers file names, when it names a well-formed one. */
function answeredVersion(data: unknown): string | undefined {
  const catalog =
    data !== null && typeof data === "object" ? (data as Record<string, unknown>).catalog : undefined;
  const version =
    catalog !== null && typeof catalog === "object"
      ? (catalog as Record<string, unknown>).version
      : undefined;
  return typeof version === "string" && SEMVER.test(version) ? version : undefined;
}
