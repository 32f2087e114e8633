// What an audit firm adds to a report: its name and logo, status, reference, marking, limitations, opinion and
// signatories, from a validated file; without one, an unnumbered draft that expresses no opinion.
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createReport } from "../src/pipeline/create-report.js";
import { runCli } from "./helpers/cli.js";
import { FIXTURE_ANSWERS, FIXTURE_CATALOG, tempDir } from "./helpers/fixtures.js";

const answersPath = join(FIXTURE_ANSWERS, "weak.yaml");
const LOGO = new URL("../docs/branding/logo.png", import.meta.url).pathname;

function configDir(text: string, logo = true): string {
  const dir = tempDir();
  writeFileSync(join(dir, "report.yaml"), text);
  if (logo) copyFileSync(LOGO, join(dir, "logo.png"));
  return join(dir, "report.yaml");
}

const CONFIG = `firm:
  name: Example Audit LLC
  logo: logo.png
report:
  status: final
  number: EA-7
  version: "1.0"
  confidentiality: Strictly confidential
opinion: In our opinion the controls tested operate as described, except for KEY-001.
signatories:
  - role: Engagement partner
    name: A. Sato
  - role: Management
`;

async function markdown(reportConfigPath?: string) {
  const result = await createReport({ answersPath, catalogDir: FIXTURE_CATALOG, reportConfigPath });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return String(result.output);
}

describe("report configuration", () => {
  it("without one, says the report is a draft that expresses no opinion, and names no signatory", async () => {
    const md = await markdown();
    expect(md).toContain("**DRAFT · Confidential**");
    expect(md).toMatch(/\*\*Opinion\.\*\* No opinion is expressed in this draft report of a self-assessment/);
    // The assessor the answers name is a department, not the person who signs.
    expect(md).toMatch(/\| Assessor \| {2}\| {2}\| \| \|/);
    expect(md).toContain("| Management of the organization |  |  | | |");
  });

  it("puts the firm, status, reference, marking, opinion and signatories in the report, and in its digest", async () => {
    const plain = await markdown();
    const config = configDir(CONFIG);
    const md = await markdown(config);
    expect(md).toContain("**FINAL · Strictly confidential**");
    expect(md).toContain("| Issued by | Example Audit LLC |");
    expect(md).toContain("| Report reference | EA-7, version 1.0 |");
    expect(md).toContain(
      "**Opinion.** In our opinion the controls tested operate as described, except for KEY-001.",
    );
    expect(md).toContain("| Engagement partner | A. Sato |  | | |");
    const digest = (text: string) => /SHA-256 of inputs \| `([0-9a-f]{64})`/.exec(text)?.[1];
    expect(digest(md)).toMatch(/^[0-9a-f]{64}$/);
    expect(digest(md)).not.toBe(digest(plain));
    // The same inputs give the same bytes.
    expect(await markdown(config)).toBe(md);
  });

  it("embeds the logo in the PDF", async () => {
    const result = await createReport({
      answersPath,
      catalogDir: FIXTURE_CATALOG,
      reportConfigPath: configDir(CONFIG),
      format: "pdf",
    });
    if (!result.ok) throw new Error("no report");
    expect(Buffer.from(result.output as Uint8Array).toString("latin1")).toMatch(/\/Subtype \/Image/);
  });

  it("refuses a bad configuration with its place, and a logo that is not an image, without writing", async () => {
    const dir = tempDir();
    const out = join(dir, "r.md");
    const typo = configDir(CONFIG.replace("  status: final", "  status: signed"));
    const run = await runCli(
      "report",
      answersPath,
      "--catalog",
      FIXTURE_CATALOG,
      "--report-config",
      typo,
      "-o",
      out,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/report\.yaml:5:11 {2}error .*schema\/invalid-value/);
    const notImage = configDir(CONFIG, false);
    writeFileSync(join(notImage, "..", "logo.png"), "not a png");
    const bad = await runCli(
      "report",
      answersPath,
      "--catalog",
      FIXTURE_CATALOG,
      "--report-config",
      notImage,
      "-o",
      out,
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/report\.yaml:3:9 {2}error {2}The logo .* is neither a PNG nor a JPEG file/);
    // A PNG signature on a truncated file is refused before rendering, not met as an internal error.
    writeFileSync(join(notImage, "..", "logo.png"), readFileSync(LOGO).subarray(0, 30));
    const cut = await runCli(
      "report",
      answersPath,
      "--catalog",
      FIXTURE_CATALOG,
      "--report-config",
      notImage,
      "-f",
      "pdf",
      "-o",
      out,
    );
    expect(cut.code).toBe(1);
    expect(cut.stderr).toContain("cannot be used: it has no end chunk (IEND)");
    expect(() => readFileSync(out)).toThrow();
  });
});
