// A signed submission package: the answers (and the third parties' own answers), the evidence files or only their
// digests, the rendered reports, and an in-toto statement over all of them in a DSSE envelope, signed by one or more
// keys. A zip whose entries are dated by the assessment date.

import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { basename, dirname, relative, resolve, sep } from "node:path";
import { DEFAULT_CATALOG_DIR } from "../catalog/default-catalog.js";
import { loadCatalog } from "../catalog/load-catalog.js";
import { type Diagnostic, hasErrors } from "../diagnostics/diagnostic.js";
import type { Answers } from "../model/answers.js";
import type { EvidenceCheck } from "../model/evidence-check.js";
import {
  STATEMENT_TYPE,
  SUBMISSION_PREDICATE,
  type SubmissionStatement,
} from "../model/submission-statement.js";
import { within } from "../source/folder.js";
import { vaspcheckVersion } from "../source/package-version.js";
import { IN_TOTO_PAYLOAD_TYPE, signPayload } from "../trust/dsse.js";
import { privateKeyFrom } from "../trust/keys.js";
import { checkEvidence } from "./check-evidence.js";
import { createReport } from "./create-report.js";
import { loadAnswers } from "./validate-answers.js";

/** The name of the envelope inside a package. */
export const ENVELOPE_NAME = "attestation.dsse.json";

/** A private key and where it was read from. */
export interface SigningKey {
  readonly pem: string;
  readonly file: string;
}

/** Options of `makePackage`. */
export interface MakePackageOptions {
  readonly answersPath: string;
  readonly keys: readonly SigningKey[];
  /** Keep confidential evidence out of the package: only its digest is signed. */
  readonly digestsOnly?: boolean;
  readonly evidenceRoot?: string;
  readonly catalogDir?: string;
  readonly asOf?: string;
  readonly maxBytes?: number;
  /** Also render and include the PDF report (slower). */
  readonly pdf?: boolean;
}

/** The package, or why none was made. */
export type MakePackageResult =
  | {
      readonly ok: true;
      readonly bytes: Uint8Array;
      readonly statement: SubmissionStatement;
      readonly keyids: string[];
      readonly diagnostics: Diagnostic[];
    }
  | {
      readonly ok: false;
      readonly diagnostics: Diagnostic[];
      readonly problem?: string;
      readonly hint?: string;
    };

const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest("hex");

/** Makes a signed package of a valid answers file whose evidence is all found and matches its digests. */
export async function makePackage(options: MakePackageOptions): Promise<MakePackageResult> {
  const keys = signingKeys(options.keys);
  if ("problem" in keys) return { ok: false, diagnostics: [], ...keys };
  const loadedCatalog = await loadCatalog(options.catalogDir ?? DEFAULT_CATALOG_DIR);
  if (!loadedCatalog.catalog) return { ok: false, diagnostics: loadedCatalog.diagnostics };
  const loaded = await loadAnswers(options.answersPath, loadedCatalog.catalog, {
    maxBytes: options.maxBytes,
  });
  if (!loaded.answers || !loaded.file || hasErrors(loaded.diagnostics))
    return { ok: false, diagnostics: loaded.diagnostics };
  const evidence = await checkEvidence(loaded.file, loaded.answers, { evidenceRoot: options.evidenceRoot });
  // A package signs what the evidence is: a missing or mismatched file would be signed as what it is not.
  const broken = evidence.diagnostics.filter((d) => d.severity === "error");
  if (broken.length > 0)
    return {
      ok: false,
      diagnostics: [...loaded.diagnostics, ...broken],
      problem: "Some evidence is missing, outside the evidence folder or does not match its digest",
      hint: "Run `vaspcheck evidence FILE` and fix what it lists.",
    };
  const files = new Map<string, Uint8Array>();
  const base = dirname(resolve(options.answersPath));
  const answersName = `answers/${basename(options.answersPath)}`;
  files.set(answersName, await readFile(options.answersPath));
  const parties = await partyEntries(base, loaded.thirdPartyFiles ?? [], files);
  if ("problem" in parties)
    return { ok: false, diagnostics: [], problem: parties.problem, hint: parties.hint };
  const reports = await renderReports(options, answersName, files);
  if ("diagnostics" in reports) return { ok: false, diagnostics: reports.diagnostics };
  const root = resolve(options.evidenceRoot ?? base);
  const items = await evidenceEntries(evidence.checks, base, root, options.digestsOnly === true, files);
  const c = loadedCatalog.catalog;
  const catalog = { id: c.meta.id, version: c.meta.version, digest: c.digest };
  const statement = statementOf(
    loaded.answers,
    reports,
    answersName,
    parties.names,
    items,
    files,
    catalog,
    options,
  );
  const envelope = signedEnvelope(statement, keys.keys);
  files.set(ENVELOPE_NAME, Buffer.from(`${JSON.stringify(envelope, null, 2)}\n`, "utf8"));
  const bytes = await zipOf(files, loaded.answers.assessment.date);
  const warnings = [...loaded.diagnostics, ...evidence.diagnostics];
  return {
    ok: true,
    bytes,
    statement,
    keyids: envelope.signatures.map((s) => s.keyid),
    diagnostics: warnings,
  };
}

/** The statement in a DSSE envelope, signed by every key. */
function signedEnvelope(statement: SubmissionStatement, keys: readonly import("node:crypto").KeyObject[]) {
  const payload = Buffer.from(JSON.stringify(statement), "utf8");
  return {
    payload: payload.toString("base64"),
    payloadType: IN_TOTO_PAYLOAD_TYPE,
    signatures: keys.map((key) => signPayload(IN_TOTO_PAYLOAD_TYPE, payload, key)),
  };
}

/** The private keys to sign with, or why one cannot sign. */
function signingKeys(
  given: readonly SigningKey[],
): { keys: import("node:crypto").KeyObject[] } | { problem: string; hint: string } {
  const keys = [];
  for (const k of given) {
    const read = privateKeyFrom(k.pem);
    if ("problem" in read)
      return {
        problem: `The key ${k.file} cannot sign: ${read.problem}`,
        hint: "Make one with `vaspcheck keygen --out NAME`.",
      };
    keys.push(read.key);
  }
  return { keys };
}

/** The third parties' own answers files, by their place relative to the answers file (which must hold them). */
async function partyEntries(
  base: string,
  partyFiles: readonly ({ path: string } | undefined)[],
  files: Map<string, Uint8Array>,
): Promise<{ names: string[] } | { problem: string; hint: string }> {
  const names: string[] = [];
  for (const f of partyFiles) {
    if (!f) continue;
    const target = resolve(f.path);
    if (!within(base, target))
      return {
        problem: `The third party's answers file ${f.path} lies outside the answers file's folder`,
        hint: "Keep third parties' answers files beside the answers file (in it or a folder under it).",
      };
    const name = `answers/${relative(base, target).split(sep).join("/")}`;
    files.set(name, await readFile(target));
    names.push(name);
  }
  return { names };
}

type Reports = { name: string; format: "md" | "json" | "pdf" }[];

/** The reports, rendered as `verify` will render them again: from the answers named by their place in the package. */
async function renderReports(
  options: MakePackageOptions,
  answersName: string,
  files: Map<string, Uint8Array>,
): Promise<Reports | { diagnostics: Diagnostic[] }> {
  const formats: ("md" | "json" | "pdf")[] = options.pdf ? ["md", "json", "pdf"] : ["md", "json"];
  const reports: Reports = [];
  for (const format of formats) {
    const result = await createReport({
      answersPath: options.answersPath,
      answersLabel: answersName,
      catalogDir: options.catalogDir,
      asOf: options.asOf,
      maxBytes: options.maxBytes,
      format,
    });
    if (!result.ok) return { diagnostics: result.diagnostics };
    const name = `reports/${format === "json" ? "evaluation.json" : `report.${format}`}`;
    files.set(name, typeof result.output === "string" ? Buffer.from(result.output, "utf8") : result.output);
    reports.push({ name, format });
  }
  return reports;
}

type EvidenceItem = SubmissionStatement["predicate"]["evidence"][number];

/** Each evidence item's digest, and its file in the package unless only digests are asked for. */
async function evidenceEntries(
  checks: readonly EvidenceCheck[],
  base: string,
  root: string,
  digestsOnly: boolean,
  files: Map<string, Uint8Array>,
): Promise<EvidenceItem[]> {
  const items: EvidenceItem[] = [];
  for (const c of checks) {
    const item: EvidenceItem = { control_id: c.control_id, index: c.index, location: c.location };
    if (c.actual_sha256) item.sha256 = c.actual_sha256;
    if (!digestsOnly && c.actual_sha256 && c.state !== "url_only") {
      const target = resolve(base, c.location);
      const name = `evidence/${relative(root, target).split(sep).join("/")}`;
      if (!files.has(name)) files.set(name, await readFile(target));
      item.included = name;
    }
    items.push(item);
  }
  return items;
}

function statementOf(
  answers: Answers,
  reports: Reports,
  answersName: string,
  parties: string[],
  evidence: EvidenceItem[],
  files: ReadonlyMap<string, Uint8Array>,
  catalog: SubmissionStatement["predicate"]["catalog"],
  options: MakePackageOptions,
): SubmissionStatement {
  const names = [...files.keys()].sort();
  return {
    _type: STATEMENT_TYPE,
    subject: names.map((name) => ({ name, digest: { sha256: sha256(files.get(name)!) } })),
    predicateType: SUBMISSION_PREDICATE,
    predicate: {
      answers: answersName,
      third_parties: parties,
      organization: {
        name: answers.organization.name,
        jurisdiction: answers.organization.jurisdiction,
        ...(answers.organization.registration ? { registration: answers.organization.registration } : {}),
      },
      assessment_date: answers.assessment.date,
      as_of: options.asOf ?? answers.assessment.date,
      catalog,
      vaspcheck_version: vaspcheckVersion(),
      reports,
      evidence,
    },
  };
}

/** The files as a zip, entries in name order and dated by `day`, so the same files give the same bytes. */
export async function zipOf(files: ReadonlyMap<string, Uint8Array>, day: string): Promise<Uint8Array> {
  const { default: JSZip } = await import("jszip");
  const zip = new JSZip();
  const date = new Date(`${day}T00:00:00Z`);
  for (const name of [...files.keys()].sort())
    zip.file(name, files.get(name)!, { date, createFolders: false, unixPermissions: 0o644 });
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", platform: "UNIX" });
}

/**
 * Adds a signature to a package (an approving officer's after the preparer's): the same statement, signed by one more
 * key. The package's files are checked against the statement first, so a changed package is never signed.
 */
export async function addSignature(
  bytes: Uint8Array,
  key: SigningKey,
  day?: string,
): Promise<{ bytes: Uint8Array; keyid: string } | { problem: string }> {
  const { readPackageZip } = await import("../trust/package-zip.js");
  const { EnvelopeSchema } = await import("../trust/dsse.js");
  const zip = readPackageZip(bytes);
  if ("problem" in zip) return { problem: `the package cannot be read safely: ${zip.problem}` };
  const raw = zip.files.get(ENVELOPE_NAME);
  const parsed = raw ? EnvelopeSchema.safeParse(safeJson(raw)) : undefined;
  if (!parsed?.success) return { problem: `the package holds no DSSE envelope (${ENVELOPE_NAME})` };
  const payload = Buffer.from(parsed.data.payload, "base64");
  const statement = safeJson(payload) as SubmissionStatement | undefined;
  for (const s of statement?.subject ?? []) {
    const data = zip.files.get(s.name);
    if (!data || sha256(data) !== s.digest.sha256)
      return { problem: `its file ${s.name} is not the one the statement names` };
  }
  const read = privateKeyFrom(key.pem);
  if ("problem" in read) return { problem: `the key ${key.file} cannot sign: ${read.problem}` };
  const signature = signPayload(parsed.data.payloadType, payload, read.key);
  const signatures = [...parsed.data.signatures.filter((s) => s.keyid !== signature.keyid), signature];
  const files = new Map(zip.files);
  files.set(
    ENVELOPE_NAME,
    Buffer.from(`${JSON.stringify({ ...parsed.data, signatures }, null, 2)}\n`, "utf8"),
  );
  return {
    bytes: await zipOf(files, day ?? statement?.predicate.assessment_date ?? "1980-01-01"),
    keyid: signature.keyid,
  };
}

function safeJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(bytes).toString("utf8"));
  } catch {
    return undefined;
  }
}
