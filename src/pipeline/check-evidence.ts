// Evidence that is checked: each evidence file an answers file names is found inside the evidence root, hashed
// (streaming), and compared with the digest the answers give; nothing outside the root is ever opened.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { lstat, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Answers } from "../model/answers.js";
import type { EvidenceCheck, EvidenceState } from "../model/evidence-check.js";
import { realOrSelf, within } from "../source/folder.js";
import { locate, type SourceFile } from "../source/source-file.js";

export type { EvidenceCheck, EvidenceState } from "../model/evidence-check.js";

/** Options of `checkEvidence`. */
export interface CheckEvidenceOptions {
  /** The folder evidence must lie in; default: the answers file's folder. */
  readonly evidenceRoot?: string;
}

/** Checks every evidence item of valid answers. Never throws on a user's file. */
export async function checkEvidence(
  file: SourceFile,
  answers: Answers,
  options: CheckEvidenceOptions = {},
): Promise<{ checks: EvidenceCheck[]; diagnostics: Diagnostic[] }> {
  const base = dirname(resolve(file.path));
  const root = resolve(options.evidenceRoot ?? base);
  const checks: EvidenceCheck[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const [id, answer] of Object.entries(answers.answers)) {
    if (!answer) continue;
    for (const [index, item] of answer.evidence.entries()) {
      const check = await checkItem(id, index, item, base, root, answers.assessment.date);
      checks.push(check);
      const problem = diagnosticOf(check, file);
      if (problem) diagnostics.push(problem);
    }
  }
  return { checks, diagnostics };
}

type Item = Answers["answers"][string] extends infer A
  ? A extends { evidence: (infer E)[] }
    ? E
    : never
  : never;

async function checkItem(
  id: string,
  index: number,
  item: Item,
  base: string,
  root: string,
  assessed: string,
): Promise<EvidenceCheck> {
  const about = {
    control_id: id,
    index,
    title: item.title,
    location: item.path ?? item.url ?? "",
    ...(item.sha256 ? { declared_sha256: item.sha256.toLowerCase() } : {}),
    changed_after_assessment: false,
  };
  if (item.path === undefined) return { ...about, state: "url_only" };
  const target = resolve(base, item.path);
  // By its text first, then by where its links lead: a `../../etc/passwd` or a link out of the root is never read.
  if (!within(root, target) || !within(realOrSelf(root), realOrSelf(target)))
    return { ...about, state: "outside_root" };
  const found = await lstat(target).catch(() => undefined);
  if (!found) return { ...about, state: "missing" };
  const info = found.isSymbolicLink() ? await stat(target).catch(() => undefined) : found;
  if (!info?.isFile()) return { ...about, state: info ? "not_a_file" : "missing" };
  const actual = await hashFile(target);
  if (actual === undefined) return { ...about, state: "missing" };
  const changed = info.mtime.toISOString().slice(0, 10) > assessed;
  const state =
    about.declared_sha256 === undefined
      ? "unpinned"
      : about.declared_sha256 === actual
        ? "verified"
        : "mismatch";
  return { ...about, state, actual_sha256: actual, changed_after_assessment: changed };
}

/** The SHA-256 of a file, read as a stream so that a large file takes no more memory than a small one. */
function hashFile(path: string): Promise<string | undefined> {
  return new Promise((done) => {
    const hash = createHash("sha256");
    createReadStream(path)
      .on("data", (chunk) => hash.update(chunk))
      .on("error", () => done(undefined))
      .on("end", () => done(hash.digest("hex")));
  });
}

const MESSAGES: Partial<
  Record<EvidenceState, { code: Diagnostic["code"]; severity: Diagnostic["severity"]; hint: string }>
> = {
  mismatch: {
    code: "evidence/mismatch",
    severity: "error",
    hint: "The file is not the one the answers cite: cite the file that was seen, or correct its `sha256`.",
  },
  missing: {
    code: "evidence/missing",
    severity: "error",
    hint: "Give the path of the file, relative to the answers file.",
  },
  outside_root: {
    code: "evidence/outside-root",
    severity: "error",
    hint: "Keep evidence beside the answers file, or name the folder that holds it with --evidence-root.",
  },
  not_a_file: { code: "evidence/missing", severity: "error", hint: "Name a file, not a folder." },
  unpinned: {
    code: "evidence/unpinned",
    severity: "warning",
    hint: "Run `vaspcheck evidence FILE --write-digests` to record its SHA-256, so a reviewer can confirm the file seen.",
  },
};

function diagnosticOf(check: EvidenceCheck, file: SourceFile): Diagnostic | undefined {
  const path = ["answers", check.control_id, "evidence", check.index, "path"];
  const place = { file: file.path, ...locate(file, path) };
  const what = `Evidence ${check.index + 1} of \`${check.control_id}\` (\`${check.location}\`)`;
  if (check.changed_after_assessment && (check.state === "verified" || check.state === "unpinned"))
    return {
      ...place,
      severity: "warning",
      code: "evidence/changed-after",
      message: `${what} was modified after the assessment date`,
      hint: "Cite the version that was assessed, or date the evidence; a changed file may not be what was seen.",
    };
  const said = MESSAGES[check.state];
  if (!said) return undefined;
  const message =
    check.state === "mismatch"
      ? `${what} does not match its digest`
      : check.state === "outside_root"
        ? `${what} lies outside the evidence folder; it was not read`
        : check.state === "unpinned"
          ? `${what} has no \`sha256\`: it was found but cannot be confirmed`
          : `${what} is not found`;
  return {
    ...place,
    severity: said.severity,
    code: said.code,
    message,
    ...(check.state === "mismatch" ? { expected: check.declared_sha256, actual: check.actual_sha256 } : {}),
    hint: said.hint,
  };
}
