// Verifies a submission package for a regulator, offline, with only the public keys it trusts: the signatures first,
// then every file's digest, the catalog it names, and the reports, rendered again from the answers inside.
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { DEFAULT_CATALOG_DIR } from "../catalog/default-catalog.js";
import { loadCatalog } from "../catalog/load-catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { type SubmissionStatement, SubmissionStatementSchema } from "../model/submission-statement.js";
import { readBytes } from "../source/read-source.js";
import { type Envelope, EnvelopeSchema, IN_TOTO_PAYLOAD_TYPE, signatureHolds } from "../trust/dsse.js";
import { keyIdOf, publicKeyFrom } from "../trust/keys.js";
import { readPackageZip } from "../trust/package-zip.js";
import { createReport } from "./create-report.js";
import { ENVELOPE_NAME } from "./make-package.js";

/** A public key the verifier trusts, and the file it came from (whose name names the signer). */
export interface TrustedKey {
  readonly pem: string;
  readonly file: string;
}

/** Options of `verifyPackage`. */
export interface VerifyPackageOptions {
  readonly packagePath: string;
  readonly trusted: readonly TrustedKey[];
  readonly catalogDir?: string;
}

/** Who signed a verified package. */
export interface Signer {
  readonly keyid: string;
  /** The trusted key file's name without its extension ("preparer", "cco"). */
  readonly name: string;
}

/** What verification found: every finding, and, once a trusted signature holds, the statement and its signers. */
export interface VerifyPackageResult {
  /** True when nothing was found wrong. */
  readonly ok: boolean;
  readonly signers: Signer[];
  readonly statement?: SubmissionStatement;
  readonly diagnostics: Diagnostic[];
  /** The package's files, once the signature holds (for `compare`, which assesses the answers inside). */
  readonly files?: ReadonlyMap<string, Uint8Array>;
}

/** Most bytes a package file may have. */
export const MAX_PACKAGE_BYTES = 256 * 1024 * 1024;

/** Verifies a package. Never throws on a hostile package; nothing in it is run or trusted before its signature. */
export async function verifyPackage(options: VerifyPackageOptions): Promise<VerifyPackageResult> {
  const file = options.packagePath;
  const finding = (code: Diagnostic["code"], message: string, hint: string, where?: string): Diagnostic => ({
    file,
    start: { line: 1, column: 1, ...(where ? { cell: where } : {}) },
    severity: "error",
    code,
    message,
    hint,
  });
  const fail = (d: Diagnostic): VerifyPackageResult => ({ ok: false, signers: [], diagnostics: [d] });
  const read = await readBytes(file, MAX_PACKAGE_BYTES);
  if (!read.bytes) return { ok: false, signers: [], diagnostics: read.diagnostics };
  const zip = readPackageZip(read.bytes);
  if ("problem" in zip)
    return fail(
      finding(
        "package/unreadable",
        `The package cannot be read safely: ${zip.problem}`,
        "Ask the sender for the package as `vaspcheck package` wrote it.",
      ),
    );
  const envelope = envelopeOf(zip.files.get(ENVELOPE_NAME));
  if ("problem" in envelope)
    return fail(
      finding(
        "package/no-signature",
        envelope.problem,
        "A package is signed by `vaspcheck package --key KEY`.",
        ENVELOPE_NAME,
      ),
    );
  const trust = trustedSigners(envelope.envelope, options.trusted);
  const distrust = trustFindings(trust, finding);
  if (distrust.length > 0) return { ok: false, signers: [], diagnostics: distrust };
  // Only now is the payload trusted enough to be read.
  const statement = statementOf(envelope.envelope);
  if (!statement)
    return fail(
      finding(
        "package/bad-statement",
        "The signed statement is not a vaspcheck submission statement",
        "Ask the sender for a package made by `vaspcheck package`.",
        ENVELOPE_NAME,
      ),
    );
  const diagnostics = await contentFindings(statement, zip.files, options.catalogDir, finding);
  return { ok: diagnostics.length === 0, signers: trust.signers, statement, diagnostics, files: zip.files };
}

/** Why the signatures are not enough: a trusted key's signature that does not hold, or none by a trusted key. */
function trustFindings(trust: ReturnType<typeof trustedSigners>, finding: Finding): Diagnostic[] {
  const hint = "Trust the sender's public key with --trust KEY.pub.";
  const out = trust.problems.map((p) => finding("package/untrusted", p, hint, ENVELOPE_NAME));
  if (trust.signers.length === 0 && out.length === 0)
    out.push(
      finding(
        "package/untrusted",
        `No signature is by a trusted key (signed by ${trust.unknown.join(", ") || "nobody"})`,
        "Pass the sender's public key with --trust KEY.pub; a key you do not trust proves nothing.",
        ENVELOPE_NAME,
      ),
    );
  return out;
}

/** What the signed statement says against what the package holds: files, catalog, and the reports rendered again. */
async function contentFindings(
  statement: SubmissionStatement,
  files: ReadonlyMap<string, Uint8Array>,
  catalogDir: string | undefined,
  finding: Finding,
): Promise<Diagnostic[]> {
  const diagnostics = [
    ...subjectFindings(statement, files, finding),
    ...(await catalogFindings(statement, catalogDir, finding)),
    ...unlistedReports(statement, files, finding),
  ];
  if (diagnostics.length > 0) return diagnostics;
  return reportFindings(statement, files, catalogDir, finding).catch(() => [
    finding(
      "package/bad-statement",
      "The answers files of the package cannot be laid out in a folder (one file's name is another's folder)",
      "Ask the sender for a package made by `vaspcheck package`.",
    ),
  ]);
}

/** Every report in the package is rendered again: one the statement leaves unlisted would escape the check. */
function unlistedReports(
  statement: SubmissionStatement,
  files: ReadonlyMap<string, Uint8Array>,
  finding: Finding,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const listed = new Set(statement.predicate.reports.map((r) => r.name));
  for (const name of files.keys())
    if (name.startsWith("reports/") && !listed.has(name))
      diagnostics.push(
        finding(
          "package/report-differs",
          `The report ${name} is not among the reports the statement has rendered again`,
          "A report that cannot be rendered again from the answers proves nothing; ask the sender.",
          name,
        ),
      );
  return diagnostics;
}

type Finding = (code: Diagnostic["code"], message: string, hint: string, where?: string) => Diagnostic;

function envelopeOf(bytes: Uint8Array | undefined): { envelope: Envelope } | { problem: string } {
  if (!bytes) return { problem: `The package holds no signature (${ENVELOPE_NAME} is missing)` };
  if (bytes.length > 16 * 1024 * 1024) return { problem: "The signature envelope is larger than 16 MiB" };
  try {
    const parsed = EnvelopeSchema.safeParse(JSON.parse(Buffer.from(bytes).toString("utf8")));
    if (!parsed.success) return { problem: "The signature envelope is not a DSSE envelope" };
    if (parsed.data.payloadType !== IN_TOTO_PAYLOAD_TYPE)
      return {
        problem: `The envelope signs a payload of type ${parsed.data.payloadType}, not an in-toto statement`,
      };
    if (parsed.data.signatures.length === 0) return { problem: "The envelope holds no signature" };
    return { envelope: parsed.data };
  } catch {
    return { problem: "The signature envelope is not JSON" };
  }
}

/** The trusted keys whose signatures hold; a signature by a trusted key that does not hold is a problem. */
function trustedSigners(envelope: Envelope, trusted: readonly TrustedKey[]) {
  const keys = new Map<string, { key: import("node:crypto").KeyObject; name: string }>();
  const problems: string[] = [];
  for (const t of trusted) {
    const read = publicKeyFrom(t.pem);
    if ("problem" in read) problems.push(`The trusted key ${t.file} cannot be used: ${read.problem}`);
    else keys.set(keyIdOf(read.key), { key: read.key, name: basename(t.file).replace(/\.(pub|pem)$/i, "") });
  }
  const signers: Signer[] = [];
  const unknown: string[] = [];
  for (const s of envelope.signatures) {
    const known = keys.get(s.keyid);
    if (!known) unknown.push(`key ${s.keyid.slice(0, 16)}…`);
    else if (signatureHolds(envelope, s, known.key)) signers.push({ keyid: s.keyid, name: known.name });
    else
      problems.push(
        `The signature by ${known.name} (key ${s.keyid.slice(0, 16)}…) does not hold: the statement was changed after it was signed, or the signature was`,
      );
  }
  return { signers, unknown, problems };
}

function statementOf(envelope: Envelope): SubmissionStatement | undefined {
  try {
    const parsed = SubmissionStatementSchema.safeParse(
      JSON.parse(Buffer.from(envelope.payload, "base64").toString("utf8")),
    );
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Every file is a subject with its digest, and every subject is a file: nothing added, removed or changed. */
function subjectFindings(
  statement: SubmissionStatement,
  files: ReadonlyMap<string, Uint8Array>,
  finding: Finding,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const named = new Set(statement.subject.map((s) => s.name));
  for (const s of statement.subject) {
    const data = files.get(s.name);
    if (!data)
      out.push(
        finding(
          "package/tampered",
          `The signed file ${s.name} is missing from the package`,
          "The package was changed after it was signed.",
          s.name,
        ),
      );
    else if (createHash("sha256").update(data).digest("hex") !== s.digest.sha256)
      out.push(
        finding(
          "package/tampered",
          `The file ${s.name} is not the one that was signed: its SHA-256 differs`,
          "The package was changed after it was signed; ask the sender for the signed one.",
          s.name,
        ),
      );
  }
  for (const e of statement.predicate.evidence)
    if (e.included && e.sha256 && files.get(e.included) && !named.has(e.included))
      out.push(
        finding(
          "package/tampered",
          `The evidence ${e.included} is not among the signed files`,
          "The package was changed after it was signed.",
          e.included,
        ),
      );
  for (const name of files.keys())
    if (name !== ENVELOPE_NAME && !named.has(name))
      out.push(
        finding(
          "package/tampered",
          `The file ${name} is in the package but was not signed`,
          "A file added after signing proves nothing; ignore it or ask the sender.",
          name,
        ),
      );
  return out;
}

async function catalogFindings(
  statement: SubmissionStatement,
  catalogDir: string | undefined,
  finding: Finding,
): Promise<Diagnostic[]> {
  const named = statement.predicate.catalog;
  const loaded = await loadCatalog(catalogDir ?? DEFAULT_CATALOG_DIR);
  const c = loaded.catalog;
  if (!c)
    return [
      finding(
        "package/catalog",
        `The catalog to verify against cannot be loaded`,
        "Pass --catalog DIR with the catalog the package names.",
      ),
    ];
  if (c.meta.id !== named.id || c.meta.version !== named.version || c.digest !== named.digest)
    return [
      finding(
        "package/catalog",
        `The package was evaluated against ${named.id} ${named.version} (digest ${named.digest.slice(0, 16)}…); the catalog here is ${c.meta.id} ${c.meta.version} (digest ${c.digest.slice(0, 16)}…)`,
        "Verify with the catalog the package names (--catalog DIR), or ask for a package made against this one.",
      ),
    ];
  return [];
}

/** Renders each report again from the answers in the package and compares it with the one signed. */
async function reportFindings(
  statement: SubmissionStatement,
  files: ReadonlyMap<string, Uint8Array>,
  catalogDir: string | undefined,
  finding: Finding,
): Promise<Diagnostic[]> {
  const p = statement.predicate;
  const dir = await mkdtemp(join(tmpdir(), "vaspcheck-verify-"));
  try {
    // Only the answers files are written out, each under the private folder, by names already checked as safe.
    for (const name of [p.answers, ...p.third_parties]) {
      const data = files.get(name);
      if (!name.startsWith("answers/") || !data)
        return [
          finding(
            "package/bad-statement",
            `The statement names ${name}, which is not an answers file of the package`,
            "Ask the sender for a package made by `vaspcheck package`.",
          ),
        ];
      await mkdir(dirname(join(dir, name)), { recursive: true });
      await writeFile(join(dir, name), data);
    }
    const out: Diagnostic[] = [];
    for (const report of p.reports) {
      const again = await createReport({
        answersPath: join(dir, p.answers),
        answersLabel: p.answers,
        catalogDir,
        asOf: p.as_of,
        format: report.format,
      });
      if (!again.ok) {
        out.push(
          finding(
            "package/report-differs",
            `The answers in the package no longer produce a ${report.format} report`,
            "The package's answers do not validate against the catalog here.",
            report.name,
          ),
        );
        continue;
      }
      const bytes =
        typeof again.output === "string" ? Buffer.from(again.output, "utf8") : Buffer.from(again.output);
      if (!bytes.equals(Buffer.from(files.get(report.name) ?? new Uint8Array())))
        out.push(
          finding(
            "package/report-differs",
            `The report ${report.name} is not the one the answers produce`,
            "The report was edited, or made by another vaspcheck version or catalog; render it again from the answers.",
            report.name,
          ),
        );
    }
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
