// The signed PDF: valid for pdfsig (poppler), an incremental update that keeps the unsigned report as a byte prefix,
// and the same bytes for the same signing time. The test certificate is made here with openssl, never shipped.
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli.js";
import { tempDir } from "./helpers/fixtures.js";

const has = (tool: string) => spawnSync(tool, ["-v"], { stdio: "ignore" }).error === undefined;
// `.ci/run` installs poppler-utils (pdfsig) and openssl; elsewhere the test says why it is skipped.
const TOOLS = has("pdfsig") && has("openssl");
if (!TOOLS) console.warn("sign-pdf.test: pdfsig or openssl not installed; the signed-PDF tests are skipped");

/** A self-signed certificate and key in a PKCS#12 file, with passphrase `secret`. */
function p12(dir: string): string {
  const key = join(dir, "key.pem");
  const cert = join(dir, "cert.pem");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-keyout",
      key,
      "-out",
      cert,
      "-days",
      "3650",
      "-nodes",
      "-subj",
      "/CN=Example Audit LLC (test)/O=Example Audit LLC",
    ],
    { stdio: "ignore" },
  );
  const out = join(dir, "signer.p12");
  execFileSync(
    "openssl",
    ["pkcs12", "-export", "-inkey", key, "-in", cert, "-out", out, "-passout", "pass:secret"],
    { stdio: "ignore" },
  );
  return out;
}

describe.skipIf(!TOOLS)("report --format pdf --sign", () => {
  it("signs so that pdfsig reports the signature valid, keeping the unsigned report as a byte prefix", async () => {
    const dir = tempDir();
    const key = p12(dir);
    writeFileSync(join(dir, "pass.txt"), "secret\n");
    const unsigned = join(dir, "report.pdf");
    expect((await runCli("report", "examples/strong-exchange.yaml", "-f", "pdf", "-o", unsigned)).code).toBe(
      0,
    );
    const signedPath = join(dir, "signed.pdf");
    const run = await runCli(
      "report",
      "examples/strong-exchange.yaml",
      "-f",
      "pdf",
      "-o",
      signedPath,
      "--sign",
      key,
      "--sign-passphrase-file",
      join(dir, "pass.txt"),
      "--signing-time",
      "2026-06-30T09:00:00Z",
    );
    expect(run.code).toBe(0);
    const before = readFileSync(unsigned);
    const after = readFileSync(signedPath);
    expect(after.subarray(0, before.length).equals(before)).toBe(true);
    const check = spawnSync("pdfsig", [signedPath], { encoding: "utf8" });
    expect(check.stdout).toMatch(/Signature Validation: Signature is Valid\./);
    expect(check.stdout).toMatch(/Signer Certificate Common Name: Example Audit LLC \(test\)/);
    expect(check.stdout).toMatch(/Total document signed/);
    // The same signing time gives the same bytes.
    const again = join(dir, "again.pdf");
    await runCli(
      "report",
      "examples/strong-exchange.yaml",
      "-f",
      "pdf",
      "-o",
      again,
      "--sign",
      key,
      "--sign-passphrase-file",
      join(dir, "pass.txt"),
      "--signing-time",
      "2026-06-30T09:00:00Z",
    );
    expect(readFileSync(again).equals(after)).toBe(true);
    // One byte of the report changed: the signature no longer holds.
    const tampered = Buffer.from(after);
    const at = tampered.indexOf(Buffer.from("/Title"));
    tampered[at + 8] = tampered[at + 8] === 0x41 ? 0x42 : 0x41;
    writeFileSync(join(dir, "tampered.pdf"), tampered);
    expect(spawnSync("pdfsig", [join(dir, "tampered.pdf")], { encoding: "utf8" }).stdout).not.toMatch(
      /Signature is Valid/,
    );
  });

  it("refuses a wrong passphrase and a non-PDF format with a clear message, writing nothing", async () => {
    const dir = tempDir();
    const key = p12(dir);
    writeFileSync(join(dir, "wrong.txt"), "not-it");
    const out = join(dir, "x.pdf");
    const run = await runCli(
      "report",
      "examples/strong-exchange.yaml",
      "-f",
      "pdf",
      "-o",
      out,
      "--sign",
      key,
      "--sign-passphrase-file",
      join(dir, "wrong.txt"),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot be opened|could not be signed/);
    expect(spawnSync("test", ["-e", out]).status).toBe(1);
    const md = await runCli("report", "examples/strong-exchange.yaml", "--sign", key);
    expect(md.code).toBe(2);
    expect(md.stderr).toMatch(/--sign signs a PDF/);
  });
});
