// The supervisory feedback letter (`compare --focus`): letter-shaped, and peers in aggregate only, so the addressee
// cannot re-identify a peer from what it receives.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";
import { compareFiles } from "../src/pipeline/compare-files.js";
import { percentileBand } from "../src/report/comparison/letter-model.js";
import { renderLetterPdf } from "../src/report/comparison/render-letter-pdf.js";
import { renderComparisonMarkdown } from "../src/report/comparison/render-markdown.js";
import { memoryIo } from "./helpers/cli.js";
import { asOrganization, tempDir, writeTemp } from "./helpers/fixtures.js";
import { placedText } from "./helpers/placed-text.js";

const strong = readFileSync("examples/strong-exchange.yaml", "utf8");
const midsize = readFileSync("examples/midsize-exchange.yaml", "utf8");

/** Six peers with names that must never reach the letter, and the addressee. */
function sector(): string {
  const dir = tempDir();
  for (let i = 0; i < 6; i++)
    writeFileSync(
      join(dir, `peer-${i}.yaml`),
      asOrganization(i % 2 ? strong : midsize, `Secret Peer ${i} K.K.`, `SP-${i}`),
    );
  writeFileSync(join(dir, "addressee.yaml"), asOrganization(midsize, "Addressee Exchange K.K.", "AD-1"));
  return dir;
}

async function letter(dir: string) {
  const result = await compareFiles({
    inputs: [dir],
    jobs: 0,
    focus: "Addressee Exchange K.K.",
    pseudonymKey: "k",
  });
  if (!result.ok) throw new Error(result.problem ?? "compare failed");
  const md = await renderComparisonMarkdown(result.comparison, { vaspcheckVersion: "test" });
  const pdf = await renderLetterPdf(result.comparison, { vaspcheckVersion: "test" });
  const text = (await placedText(pdf)).map((r) => r.text).join(" ");
  return { comparison: result.comparison, md, text };
}

describe("the supervisory feedback letter", () => {
  it("is addressed, dated and referenced, with the position per lesson and its percentile band", async () => {
    const { md, text } = await letter(sector());
    for (const out of [md, text]) {
      expect(out).toContain("Addressee Exchange K.K.");
      expect(out).toContain("Reference");
      expect(out).toContain("Your position among your peers");
      expect(out).toMatch(/Lowest quarter|Second quarter|Third quarter|Highest quarter/);
    }
    expect(text).toMatch(/Page 1 of \d/);
  });

  it("shows no peer's name, registration, pseudonym or file", async () => {
    const { md, text, comparison } = await letter(sector());
    const peers = comparison.organizations.filter((o) => !o.focus);
    expect(peers.length).toBe(6);
    for (const out of [md, text]) {
      expect(out).not.toMatch(/Secret Peer|SP-\d|peer-\d\.yaml/);
      for (const p of peers) expect(out).not.toContain(p.label);
    }
  });

  it("counts its pages right on every page, with the closing request kept beside the first signatures", async () => {
    const dir = sector();
    const result = await compareFiles({
      inputs: [dir],
      jobs: 0,
      focus: "Addressee Exchange K.K.",
      pseudonymKey: "k",
    });
    if (!result.ok) throw new Error("compare failed");
    const runs = await placedText(await renderLetterPdf(result.comparison, { vaspcheckVersion: "test" }));
    const pages = runs[0]!.pages;
    for (let n = 1; n <= pages; n++)
      expect(runs.filter((r) => r.page === n).map((r) => r.text)).toContain(`Page ${n} of ${pages}`);
    const closing = runs.find((r) => r.text.startsWith("We ask you to"));
    const signature = runs.find((r) => r.text === "Signature");
    expect(closing?.page).toBe(signature?.page);
  });

  it("bands percentiles by quarter", () => {
    expect([0, 24.9, 25, 49.9, 50, 74.9, 75, 100, null].map(percentileBand)).toEqual([
      "Lowest quarter",
      "Lowest quarter",
      "Second quarter",
      "Second quarter",
      "Third quarter",
      "Third quarter",
      "Highest quarter",
      "Highest quarter",
      "—",
    ]);
  });

  it("takes its letterhead from --report-config, which also names the sector report's issuer", async () => {
    const dir = sector();
    const config = writeTemp(
      "letterhead.yaml",
      "firm:\n  name: Example Supervisor\nreport:\n  number: ES-7\n  date: 2026-11-30\n",
    );
    const io = memoryIo();
    const code = await main(
      ["compare", dir, "--jobs", "0", "--focus", "Addressee Exchange K.K.", "--report-config", config],
      io,
    );
    expect(code).toBe(0);
    expect(io.out).toContain("**Example Supervisor**");
    expect(io.out).toContain("| Reference | ES-7 |");
    // Dated the day of issue the letterhead gives, not the day of a self-assessment.
    expect(io.out).toMatch(/\| Date \| 2026-11-30 \|/);
    // Without --focus it names the issuer of the sector report, on its cover and beside every page's digest.
    const out = join(tempDir(), "sector.pdf");
    const sectorRun = memoryIo();
    expect(
      await main(
        ["compare", dir, "--jobs", "0", "--report-config", config, "-f", "pdf", "-o", out],
        sectorRun,
      ),
    ).toBe(0);
    const runs = await placedText(readFileSync(out));
    const first = runs
      .filter((r) => r.page === 1)
      .map((r) => r.text)
      .join(" ");
    expect(first).toContain("Issued by");
    expect(first).toContain("Example Supervisor");
    expect(first).toContain("2026-11-30");
    const last = runs
      .filter((r) => r.page === runs[0]!.pages)
      .map((r) => r.text)
      .join(" ");
    expect(last).toContain("Confidential");
  });
});

describe("what the letter says of the addressee's own declarations", () => {
  it("names the controls the addressee declared not applicable, and asks for their justification", async () => {
    const dir = sector();
    const declared = readFileSync(join(dir, "addressee.yaml"), "utf8").replace(
      /^ {2}SOC-003:\n(?: {4}.*\n)+/m,
      "  SOC-003:\n    not_applicable:\n      justification: Our staff never receive unsolicited contacts, as the whole team works in one closed office.\n",
    );
    writeFileSync(join(dir, "addressee.yaml"), declared);
    const { md, text } = await letter(dir);
    for (const out of [md, text]) {
      expect(out).toContain("Controls you declared not applicable");
      expect(out).toContain("SOC-003");
      expect(out).toContain("the justification of every control you declared not applicable");
      // A band over what is left after a declaration may flatter: the row says what was left out.
      expect(out).toMatch(/quarter; 1 control you declared not applicable left out/);
    }
  });

  it("asks only about what it found: no request about controls below the norm when there are none", async () => {
    const { md, comparison } = await letter(sector());
    if (comparison.focus?.lagging_controls.length === 0) {
      expect(md).toContain("On no control are you below the sector norm.");
      expect(md).not.toContain("the controls where you are below the sector norm");
    } else expect(md).toContain("the controls where you are below the sector norm");
    // No control below the norm rests on fewer peers than the minimum.
    for (const l of comparison.focus?.lagging_controls ?? [])
      expect(l.peers_in_scope).toBeGreaterThanOrEqual(5);
  });
});
