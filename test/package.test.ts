// The signed submission package: made on one machine, verified on another with only the public key; every kind of
// tampering is a precise finding, and a hostile package is never trusted, run or extracted outside a private folder.
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { addSignature, makePackage, zipOf } from "../src/pipeline/make-package.js";
import { verifyPackage } from "../src/pipeline/verify-package.js";
import { generateKeys } from "../src/trust/keys.js";
import { readPackageZip } from "../src/trust/package-zip.js";
import { runCli } from "./helpers/cli.js";
import { tempDir } from "./helpers/fixtures.js";

/** The vendor-run example, its vendor's file and a file for every evidence item, in a folder of its own. */
function submission(): string {
  const dir = tempDir();
  mkdirSync(join(dir, "vendors"));
  for (const [from, to] of [
    ["examples/vendor-run-exchange.yaml", "answers.yaml"],
    ["examples/vendors/polaris-custody-technologies.yaml", "vendors/polaris-custody-technologies.yaml"],
  ] as const) {
    const data = parse(readFileSync(from, "utf8"));
    // The example's digests are of documents that are not shipped: each cited file is made here, and hashed anew.
    for (const answer of Object.values(data.answers ?? {}) as { evidence?: Record<string, string>[] }[])
      for (const e of answer?.evidence ?? []) {
        delete e.sha256;
        if (!e.path) continue;
        const file = join(dir, dirname(to), e.path);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, `evidence: ${e.title}`);
      }
    writeFileSync(join(dir, to), stringify(data));
  }
  return join(dir, "answers.yaml");
}

const preparer = generateKeys("ed25519");
const officer = generateKeys("ecdsa-p256");
const trusted = [
  { pem: preparer.publicPem, file: "preparer.pub" },
  { pem: officer.publicPem, file: "officer.pub" },
];

async function packaged(options: { digestsOnly?: boolean } = {}) {
  const made = await makePackage({
    answersPath: submission(),
    keys: [{ pem: preparer.privatePem, file: "preparer.key" }],
    ...options,
  });
  if (!made.ok) throw new Error(made.problem ?? JSON.stringify(made.diagnostics.slice(0, 2)));
  const signed = await addSignature(made.bytes, { pem: officer.privatePem, file: "officer.key" });
  if ("problem" in signed) throw new Error(signed.problem);
  return signed.bytes;
}

/** Verifies package bytes as a regulator would, from a file on another machine (a fresh folder). */
async function verified(bytes: Uint8Array, keys = trusted) {
  const path = join(tempDir(), "received.vcpkg");
  writeFileSync(path, bytes);
  return verifyPackage({ packagePath: path, trusted: keys });
}

/** The package with one file replaced (the envelope kept as signed). */
async function altered(bytes: Uint8Array, change: (files: Map<string, Uint8Array>) => void) {
  const read = readPackageZip(bytes);
  if ("problem" in read) throw new Error(read.problem);
  const files = new Map(read.files);
  change(files);
  return zipOf(files, "2026-05-20");
}

const codes = (r: { diagnostics: { code: string }[] }) => r.diagnostics.map((d) => d.code);

describe("a signed submission package", () => {
  it("verifies with only the public keys: both signers, every file, the catalog, the reports rendered again", async () => {
    const result = await verified(await packaged());
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.signers.map((s) => s.name).sort()).toEqual(["officer", "preparer"]);
    expect(result.statement!.predicate.reports.map((r) => r.name)).toEqual([
      "reports/report.md",
      "reports/evaluation.json",
    ]);
    expect(result.statement!.subject.some((s) => s.name.startsWith("evidence/"))).toBe(true);
  });

  it("fails on an evidence byte, an answer, the report, the catalog version, a removed signature and a swapped key", async () => {
    const bytes = await packaged();
    const first = (files: Map<string, Uint8Array>, prefix: string) =>
      [...files.keys()].find((n) => n.startsWith(prefix))!;
    const evidence = await verified(
      await altered(bytes, (f) => {
        const n = first(f, "evidence/");
        f.set(n, Buffer.concat([Buffer.from(f.get(n)!), Buffer.from("!")]));
      }),
    );
    expect(evidence.diagnostics).toContainEqual(
      expect.objectContaining({
        code: "package/tampered",
        message: expect.stringMatching(/^The file evidence\/.* is not the one that was signed/),
      }),
    );
    const answer = await verified(
      await altered(bytes, (f) =>
        f.set(
          "answers/answers.yaml",
          Buffer.from(
            Buffer.from(f.get("answers/answers.yaml")!)
              .toString()
              .replace("stale_found: 0", "stale_found: 1"),
          ),
        ),
      ),
    );
    expect(answer.diagnostics).toContainEqual(
      expect.objectContaining({
        code: "package/tampered",
        start: expect.objectContaining({ cell: "answers/answers.yaml" }),
      }),
    );
    const report = await verified(
      await altered(bytes, (f) => f.set("reports/report.md", Buffer.from("# All controls met\n"))),
    );
    expect(codes(report)).toContain("package/tampered");
    // A statement re-signed by its own signer with another catalog version, and a report the answers do not give.
    const forged = await reSigned(bytes, (s) => {
      s.predicate.catalog.version = "1.9.0";
    });
    expect(codes(await verified(forged))).toEqual(["package/catalog"]);
    const lied = await reSigned(
      await altered(bytes, (f) => f.set("reports/report.md", Buffer.from("# All controls met\n"))),
      (s) => {
        const entry = s.subject.find((x) => x.name === "reports/report.md")!;
        entry.digest.sha256 = sha("# All controls met\n");
      },
    );
    expect(codes(await verified(lied))).toEqual(["package/report-differs"]);
    const unsigned = await altered(bytes, (f) => {
      const env = JSON.parse(Buffer.from(f.get("attestation.dsse.json")!).toString());
      env.signatures = [];
      f.set("attestation.dsse.json", Buffer.from(JSON.stringify(env)));
    });
    expect(codes(await verified(unsigned))).toEqual(["package/no-signature"]);
    const stranger = generateKeys();
    expect(codes(await verified(bytes, [{ pem: stranger.publicPem, file: "stranger.pub" }]))).toEqual([
      "package/untrusted",
    ]);
    // A signature moved onto a key id the verifier trusts: the signature does not hold for that key.
    const swapped = await altered(bytes, (f) => {
      const env = JSON.parse(Buffer.from(f.get("attestation.dsse.json")!).toString());
      env.signatures = [
        {
          keyid: preparer.keyid,
          sig: env.signatures.find((s: { keyid: string }) => s.keyid === officer.keyid).sig,
        },
      ];
      f.set("attestation.dsse.json", Buffer.from(JSON.stringify(env)));
    });
    const swap = await verified(swapped);
    expect(swap.ok).toBe(false);
    expect(swap.diagnostics[0]).toMatchObject({
      code: "package/untrusted",
      message: expect.stringMatching(/by preparer .* does not hold/),
    });
  });

  it("with --digests-only signs the evidence's digests but carries none of its files", async () => {
    const bytes = await packaged({ digestsOnly: true });
    const result = await verified(bytes);
    expect(result.ok).toBe(true);
    expect(result.statement!.subject.some((s) => s.name.startsWith("evidence/"))).toBe(false);
    expect(result.statement!.predicate.evidence.every((e) => e.sha256 && !e.included)).toBe(true);
  });

  it("refuses a hostile zip before trusting anything in it: a path out of the folder, a link, a duplicate name", async () => {
    const { default: JSZip } = await import("jszip");
    for (const [build, message] of [
      [(z: InstanceType<typeof JSZip>) => z.file("../../outside.yaml", "x"), /leaves its folder/],
      [
        (z: InstanceType<typeof JSZip>) =>
          z.file("answers/link.yaml", "/etc/passwd", { unixPermissions: 0o120777 }),
        /is a symbolic link/,
      ],
      [
        (z: InstanceType<typeof JSZip>) => {
          z.file("answers/A.yaml", "x");
          z.file("answers/a.yaml", "y");
        },
        /twice/,
      ],
    ] as const) {
      const zip = new JSZip();
      build(zip);
      const bytes = await zip.generateAsync({ type: "uint8array", platform: "UNIX" });
      const result = await verified(bytes);
      expect(result.ok).toBe(false);
      expect(result.diagnostics[0]).toMatchObject({
        code: "package/unreadable",
        message: expect.stringMatching(message),
      });
    }
  });

  it("is made, signed twice and verified from the command line, with a key written for its owner only", async () => {
    const dir = tempDir();
    const answers = submission();
    expect((await runCli("keygen", "--out", join(dir, "preparer"))).code).toBe(0);
    const { statSync } = await import("node:fs");
    expect(statSync(join(dir, "preparer.key")).mode & 0o777).toBe(0o600);
    await runCli("keygen", "--out", join(dir, "cco"), "--algorithm", "ecdsa-p256");
    const out = join(dir, "sub.vcpkg");
    expect((await runCli("package", answers, "--key", join(dir, "preparer.key"), "-o", out)).code).toBe(0);
    expect((await runCli("sign", out, "--key", join(dir, "cco.key"))).code).toBe(0);
    const ok = await runCli(
      "verify",
      out,
      "--trust",
      join(dir, "preparer.pub"),
      "--trust",
      join(dir, "cco.pub"),
    );
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/verified\. Signed by preparer .*, cco /);
    copyFileSync(out, join(dir, "copy.vcpkg"));
    const bad = await runCli(
      "verify",
      join(dir, "copy.vcpkg"),
      "--trust",
      join(dir, "cco.pub"),
      "--catalog",
      "test/fixtures/catalog",
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/package\/catalog/);
  });
});

const sha = (text: string) => createHash("sha256").update(text).digest("hex");

/** The package with its statement changed and signed again by the preparer alone. */
async function reSigned(
  bytes: Uint8Array,
  change: (s: import("../src/model/submission-statement.js").SubmissionStatement) => void,
) {
  const { signPayload, IN_TOTO_PAYLOAD_TYPE } = await import("../src/trust/dsse.js");
  const { privateKeyFrom } = await import("../src/trust/keys.js");
  return altered(bytes, (f) => {
    const env = JSON.parse(Buffer.from(f.get("attestation.dsse.json")!).toString());
    const statement = JSON.parse(Buffer.from(env.payload, "base64").toString());
    change(statement);
    const payload = Buffer.from(JSON.stringify(statement));
    const key = privateKeyFrom(preparer.privatePem);
    if ("problem" in key) throw new Error(key.problem);
    env.payload = payload.toString("base64");
    env.signatures = [signPayload(IN_TOTO_PAYLOAD_TYPE, payload, key.key)];
    f.set("attestation.dsse.json", Buffer.from(JSON.stringify(env)));
  });
}

describe("compare with signed packages", () => {
  it("compares a package only once it verifies, and says who signed each submission, in every format", async () => {
    const dir = tempDir();
    const pkg = join(dir, "boreal.vcpkg");
    writeFileSync(pkg, await packaged());
    copyFileSync("examples/strong-exchange.yaml", join(dir, "strong.yaml"));
    const keyFile = join(tempDir(), "preparer.pub");
    writeFileSync(keyFile, preparer.publicPem);
    const { compareFiles } = await import("../src/pipeline/compare-files.js");
    const trustedRun = await compareFiles({
      inputs: [dir],
      jobs: 0,
      trusted: [{ pem: preparer.publicPem, file: keyFile }],
    });
    if (!trustedRun.ok) throw new Error(trustedRun.problem);
    const signatures = Object.fromEntries(
      trustedRun.comparison.organizations.map((o) => [o.file, o.signature]),
    );
    expect(signatures[pkg]).toMatch(/^verified; signed by preparer \(key [0-9a-f]{16}\)$/);
    expect(signatures[join(dir, "strong.yaml")]).toBe("unsigned");
    const row = trustedRun.comparison.organizations.find((o) => o.file === pkg)!;
    expect(row.sha256).toBe(createHash("sha256").update(readFileSync(pkg)).digest("hex"));
    const csv = await runCli("compare", dir, "-f", "csv", "--trust", keyFile, "--jobs", "0");
    expect(csv.stdout.split("\r\n")[0]).toContain("file,sha256,signature,assurance");
    expect(csv.stdout).toContain(row.sha256);
    const md = await runCli("compare", dir, "--trust", keyFile, "--jobs", "0");
    expect(md.stdout).toMatch(/verified; signed by preparer/);
    // Without the key the package is not compared: its signature proves nothing to this reader.
    const untrusted = await compareFiles({ inputs: [dir], jobs: 0 });
    if (!untrusted.ok) throw new Error(untrusted.problem);
    expect(untrusted.comparison.organizations.map((o) => o.file)).toEqual([join(dir, "strong.yaml")]);
    expect(untrusted.comparison.invalid[0]).toMatchObject({
      file: pkg,
      diagnostics: [expect.objectContaining({ code: "package/untrusted" })],
    });
  });
});
