// The third parties an answers file names: their controls exist and have one operator, the organization does not
// answer them itself, and each party's own answers file is found inside the answers folder, valid and current.
import { dirname, join, relative, resolve } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { didYouMean } from "../diagnostics/suggest.js";
import { THIRD_PARTY_STALE_AFTER_DAYS } from "../engine/third-parties.js";
import type { Answers } from "../model/answers.js";
import type { Catalog } from "../model/catalog.js";
import { daysBetween } from "../model/dates.js";
import type { DiagnosticCode } from "../model/diagnostic-codes.js";
import { normalizeName } from "../model/names.js";
import { realOrSelf, staysInside } from "../source/folder.js";
import type { ParseResult } from "../source/parse-yaml.js";
import { locate, type SourceFile } from "../source/source-file.js";

/** Validates one third party's own answers file (the caller's validation path, without third parties of its own). */
export type ValidateParty = (parsed: ParseResult) => {
  answers?: Answers;
  file?: SourceFile;
  diagnostics: Diagnostic[];
};

/** Reads a file for a third party; the caller's input gate applies. */
export type ReadParty = (path: string) => ParseResult;

/** The parties' own answers by index (undefined where none could be used), and what was found on the way. */
export interface ThirdPartyAnswers {
  readonly answers: (Answers | undefined)[];
  /** The parties' own files as read, where their answers are used. */
  readonly files: (SourceFile | undefined)[];
  readonly diagnostics: Diagnostic[];
}

/** Checks the third parties of an answers file and loads their own answers files. */
export function loadThirdParties(
  file: SourceFile,
  answers: Answers,
  catalog: Catalog,
  io: { read?: ReadParty; validate: ValidateParty; asOf: string },
): ThirdPartyAnswers {
  const diagnostics: Diagnostic[] = [];
  const emit = (
    path: (string | number)[],
    code: DiagnosticCode,
    message: string,
    hint: string,
    warn = false,
  ) =>
    diagnostics.push({
      file: file.path,
      ...locate(file, path),
      severity: warn ? "warning" : "error",
      code,
      message,
      path,
      hint,
    });
  checkOperators(answers, catalog, emit);
  checkDeclared(answers, file.data, emit);
  const files: (SourceFile | undefined)[] = [];
  // One file named by many parties is read and validated once, and its problems are listed once.
  const once = readOnce(io);
  const kept = new Set<ReturnType<ValidateParty>>();
  const loaded = answers.third_parties.map((party, i) =>
    loadParty(file.path, party, ["third_parties", i], once, {
      emit,
      keep: (own) => {
        if (!kept.has(own)) diagnostics.push(...own.diagnostics);
        kept.add(own);
        files[i] = own.answers ? own.file : undefined;
      },
    }),
  );
  return { answers: loaded, files, diagnostics };
}

/** The same reader and validator, each file read and validated at most once (by its resolved path). */
function readOnce(io: { read?: ReadParty; validate: ValidateParty; asOf: string }) {
  const reads = new Map<string, ParseResult>();
  const checks = new WeakMap<ParseResult, ReturnType<ValidateParty>>();
  const read = io.read;
  return {
    asOf: io.asOf,
    read:
      read &&
      ((path: string) => {
        const known = reads.get(path) ?? read(path);
        reads.set(path, known);
        return known;
      }),
    validate: (parsed: ParseResult) => {
      const known = checks.get(parsed) ?? io.validate(parsed);
      checks.set(parsed, known);
      return known;
    },
  };
}

type Emit = (
  path: (string | number)[],
  code: DiagnosticCode,
  message: string,
  hint: string,
  warn?: boolean,
) => void;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * Every third party's answers file an answers document names, resolved against its folder, as written: also the
 * ones refused (outside the folder) and those of an invalid file, so that no output is ever written over one.
 */
export function namedPartyFiles(answersPath: string, data: unknown): string[] {
  const written = isRecord(data) && Array.isArray(data.third_parties) ? data.third_parties : [];
  const folder = dirname(resolve(answersPath));
  return written.flatMap((p) =>
    isRecord(p) && typeof p.answers === "string" && p.answers.trim() !== ""
      ? [resolve(folder, p.answers)]
      : [],
  );
}

/** A wallet vendor the profile declares is named, so the steps that happen inside it can be decided by its answers. */
function checkDeclared(answers: Answers, data: unknown, emit: Emit): void {
  if (answers.profile.uses_wallet_vendor !== true) return;
  // Read as written: a named vendor whose entry has an error is still named (the error says what is wrong).
  const written = isRecord(data) && Array.isArray(data.third_parties) ? data.third_parties : [];
  // Any entry counts: one with a misspelt role is still a named party, and its own error says what is wrong.
  if (written.some((p) => isRecord(p) && p.role !== "custodian")) return;
  emit(
    ["profile", "uses_wallet_vendor"],
    "answers/third-party-undeclared",
    "The profile says a wallet vendor builds, operates or relays part of the wallet system, but `third_parties` names none",
    "Name it under `third_parties` (role `wallet_vendor`) with its own answers file: until then no step of an attack that happens inside the vendor is credited.",
    true,
  );
}

/** Every operated control exists, has one operator, and is not also answered by the organization itself. */
function checkOperators(answers: Answers, catalog: Catalog, emit: Emit): void {
  const known = new Set(catalog.controls.map((c) => c.id));
  const retained = new Map(
    catalog.controls.flatMap((c) => (c.retained ? [[c.id, c.retained] as const] : [])),
  );
  const operatedBy = new Map<string, { name: string; index: number }>();
  answers.third_parties.forEach((party, i) => {
    party.operates.forEach((id, j) => {
      const refused = refusal(id, party.name, operatedBy.get(id), i, { known, retained });
      if (refused) {
        emit(["third_parties", i, "operates", j], ...refused);
        return;
      }
      operatedBy.set(id, { name: party.name, index: i });
      const own = answers.answers[id];
      if (own && Object.keys(own.responses).length > 0)
        emit(
          ["answers", id, "responses"],
          "answers/third-party-conflict",
          `${id} is operated by ${party.name}, whose own answers decide it, but this file answers it too`,
          "Remove these responses (keep notes and evidence of your oversight), or take the control off the party's `operates`.",
        );
    });
  });
}

/** Why party `index` cannot operate control `id`: unknown, kept by the organization, listed twice or taken. */
function refusal(
  id: string,
  name: string,
  other: { name: string; index: number } | undefined,
  index: number,
  catalog: { known: ReadonlySet<string>; retained: ReadonlyMap<string, string> },
): [DiagnosticCode, string, string] | undefined {
  if (!catalog.known.has(id))
    return [
      "answers/unknown-control",
      `Unknown control \`${id}\``,
      didYouMean(id, catalog.known) ?? "Use a control id of the catalog.",
    ];
  const why = catalog.retained.get(id);
  if (why !== undefined)
    return [
      "answers/retained-control",
      `${id} is the organization's own to operate: ${name} cannot answer it`,
      `${why} Answer it in this file and take it off the party's \`operates\`.`,
    ];
  if (other?.index === index)
    return [
      "answers/third-party-conflict",
      `${id} is listed twice in the \`operates\` of ${name}`,
      "List each control once.",
    ];
  if (other !== undefined)
    return [
      "answers/third-party-conflict",
      `${id} is operated by both ${other.name} and ${name}`,
      "Name one operator per control.",
    ];
  return undefined;
}

/** A warning when a party's answers are older than the as-of date allows. */
function checkCurrent(
  own: Answers,
  name: string,
  asOf: string,
  warn: (code: DiagnosticCode, message: string, hint: string) => void,
): void {
  const age = daysBetween(own.assessment.date, asOf);
  if (age < 0)
    warn(
      "answers/third-party-stale",
      `${name}'s answers are dated ${own.assessment.date}, after ${asOf}: they cannot describe that day, so they decide nothing`,
      `Use ${name}'s answers made on or before the assessment date, or evaluate as of a later date with --as-of.`,
    );
  if (age > THIRD_PARTY_STALE_AFTER_DAYS)
    warn(
      "answers/third-party-stale",
      `${name}'s answers are dated ${own.assessment.date}, ${age} days before ${asOf}: they decide nothing, and the controls it operates count as not answered`,
      `Ask ${name} for answers made within ${THIRD_PARTY_STALE_AFTER_DAYS} days of the assessment.`,
    );
}

/**
 * The path of `name` next to the answers file (as the user named that file, so messages show it the same way), when
 * it stays inside that file's folder.
 */
function insideFolder(answersPath: string, name: string): string | undefined {
  // A symbolic link inside the folder may point anywhere: the file it reaches must be inside the folder too.
  if (!staysInside(dirname(answersPath), name)) return undefined;
  const folder = resolve(dirname(answersPath));
  const path = resolve(folder, name);
  if (realOrSelf(path) === realOrSelf(resolve(answersPath))) return undefined;
  return join(dirname(answersPath), relative(folder, path));
}

/**
 * Whether a party's answers file is the party's own: the same name, or its registration is the identifier given
 * (matched as submissions are: case, width, spacing and punctuation do not make another company).
 */
function sameParty(own: Answers, party: Answers["third_parties"][number]): boolean {
  if (normalizeName(own.organization.name) === normalizeName(party.name)) return true;
  const registration = own.organization.registration;
  return (
    party.identifier !== undefined &&
    !!registration &&
    normalizeName(registration) === normalizeName(party.identifier)
  );
}

/** One party's own answers, when they are named, inside the folder, valid, current enough to check and its own. */
function loadParty(
  answersPath: string,
  party: Answers["third_parties"][number],
  at: (string | number)[],
  io: { read?: ReadParty; validate: ValidateParty; asOf: string },
  out: { emit: Emit; keep: (own: ReturnType<ValidateParty>) => void },
): Answers | undefined {
  if (party.answers === undefined) {
    out.emit(
      [...at, "name"],
      "answers/third-party-unanswered",
      `${party.name} operates ${party.operates.length} controls, but its own answers file is not given: they count as not answered`,
      "Ask the party for its answers to the vaspcheck questionnaire and name the file in `answers`.",
      true,
    );
    return undefined;
  }
  const path = insideFolder(answersPath, party.answers);
  if (path === undefined) {
    out.emit(
      [...at, "answers"],
      "answers/third-party-path",
      `\`${party.answers}\` is outside the folder of this answers file (or is this file itself), so it is not read`,
      "Put the party's own answers file in this folder (or below it) and name it relative to this file.",
    );
    return undefined;
  }
  if (!io.read) return undefined;
  const read = io.read(path);
  if (!read.file && read.diagnostics.some((d) => d.code === "input/read-failed")) {
    // Said where the user names the file, as a problem of the submission, not an I/O failure of the run.
    const cause =
      read.diagnostics.find((d) => d.code === "input/read-failed")?.message ?? "it cannot be read";
    out.emit(
      [...at, "answers"],
      "answers/third-party-path",
      `\`${party.answers}\` cannot be read (${cause}), so ${party.name}'s controls count as not answered`,
      "Put the party's own answers file at this path, next to this answers file.",
    );
    return undefined;
  }
  const own = io.validate(read);
  out.keep(own);
  if (!own.answers) return undefined;
  return usableParty(own.answers, party, at, io.asOf, out.emit) ? own.answers : undefined;
}

/** Whether a party's own valid answers can be used for it: its declared role, its date and its name all agree. */
function usableParty(
  own: Answers,
  party: Answers["third_parties"][number],
  at: (string | number)[],
  asOf: string,
  emit: Emit,
): boolean {
  const warn = (code: DiagnosticCode, message: string, hint: string) =>
    emit([...at, "answers"], code, message, hint, true);
  const role = own.organization.role;
  if (role !== undefined && role !== party.role) {
    emit(
      [...at, "role"],
      "answers/third-party-file",
      `\`${party.answers}\` declares its organization a ${role.replace("_", " ")}, not a ${party.role.replace("_", " ")}`,
      "Give the party the role its own file declares, or name the right file.",
    );
    return false;
  }
  if (role === undefined)
    warn(
      "answers/third-party-file",
      `\`${party.answers}\` does not say it is a third party's own file: named on its own, it would be scored as an exchange's`,
      `Add \`role: ${party.role}\` under its \`organization\`.`,
    );
  checkCurrent(own, party.name, asOf, warn);
  if (!sameParty(own, party)) {
    emit(
      [...at, "answers"],
      "answers/third-party-mismatch",
      `\`${party.answers}\` is the answers of ${own.organization.name}, not of ${party.name}`,
      "Name the party's own answers file, or correct its name here (or give the same `identifier` as its `registration`).",
    );
    return false;
  }
  for (const id of party.operates) {
    const exception = Object.hasOwn(own.answers, id) ? own.answers[id]?.exception : undefined;
    if (exception)
      warn(
        "answers/third-party-exception",
        `\`${party.answers}\` accepts the gap of ${id} as a risk (approved by ${exception.approver}): that is ${party.name}'s acceptance, not yours, so ${id} is scored on its answers, not as an accepted risk`,
        `The risk of a control operated for you is yours: record your own decision in your risk register, and ask ${party.name} to close the gap.`,
      );
  }
  return true;
}
