// A signed submission package as a submission of a comparison: verified first (signatures by trusted keys, digests,
// catalog, reports), then its answers assessed like any file, under the package's own name and digest.
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { SubmissionResult } from "../compare/submission-types.js";
import type { Assessor } from "./assess-submission.js";
import { type TrustedKey, verifyPackage } from "./verify-package.js";

/** True for a submission package, which the comparison verifies before it assesses the answers inside. */
export const isPackagePath = (path: string): boolean => /\.vcpkg$/i.test(path);

/**
 * Verifies a package and assesses its answers. A package that does not verify (no trusted key, a changed file) is an
 * invalid submission with the verifier's findings: an unverified package is never compared as if it were signed.
 */
export async function assessPackage(
  path: string,
  assessor: Assessor,
  trusted: readonly TrustedKey[],
  catalogDir?: string,
): Promise<SubmissionResult> {
  const verified = await verifyPackage({ packagePath: path, trusted, catalogDir });
  if (!verified.ok || !verified.statement || !verified.files)
    return { valid: false, file: path, diagnostics: verified.diagnostics };
  const dir = await mkdtemp(join(tmpdir(), "vaspcheck-compare-"));
  try {
    return await assessInside(path, dir, verified, assessor);
  } catch {
    // A package whose file names cannot be laid out is one invalid submission, not the end of the comparison.
    return {
      valid: false,
      file: path,
      diagnostics:
        verified.diagnostics.length > 0
          ? verified.diagnostics
          : [
              {
                file: path,
                start: { line: 1, column: 1 },
                severity: "error",
                code: "package/bad-statement",
                message: "The answers files of the package cannot be laid out in a folder",
                hint: "Ask the sender for a package made by `vaspcheck package`.",
              },
            ],
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function assessInside(
  path: string,
  dir: string,
  verified: Awaited<ReturnType<typeof verifyPackage>>,
  assessor: Assessor,
): Promise<SubmissionResult> {
  const p = verified.statement!.predicate;
  const files = verified.files!;
  // Only the answers files, already checked as safe names inside the package, are written, in a private folder.
  for (const name of [p.answers, ...p.third_parties]) {
    const data = files.get(name);
    if (!data) return { valid: false, file: path, diagnostics: verified.diagnostics };
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), data);
  }
  const result = await assessor.readAny(join(dir, p.answers));
  if (!result.valid) return { ...result, file: path };
  const digest = createHash("sha256")
    .update(await readFile(path))
    .digest("hex");
  const signers = verified.signers.map((s) => `${s.name} (key ${s.keyid.slice(0, 16)})`).join(", ");
  return {
    ...result,
    file: path,
    sha256: digest,
    signature: `verified; signed by ${signers}`,
    namedFiles: [],
    partyFiles: [],
  };
}
