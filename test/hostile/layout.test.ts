// Hostile text lengths in the PDF: line breaking and ellipsis do bounded work per character, and long tokens stay in their box (D9).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ellipsize, MAX_LINE_UNITS, wrapLines } from "../../src/report/pdf/wrap.js";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/fixtures.js";
import { placedText } from "../helpers/placed-text.js";

const EXAMPLE = new URL("../../examples/midsize-exchange.yaml", import.meta.url).pathname;

/** A measure of 5 points per character that counts how many characters it was asked to measure. */
function countingMeasure() {
  const counter = { units: 0 };
  const measure = (text: string) => {
    counter.units += text.length;
    return text.length * 5;
  };
  return { counter, measure };
}

describe("D9: linear-time text layout", () => {
  it("D9: wrapping a 30,000-character token measures each character a bounded number of times", () => {
    const { counter, measure } = countingMeasure();
    const token = "B".repeat(30_000);
    const lines = wrapLines(token, 400, measure);
    expect(lines.join("")).toBe(token);
    expect(lines.every((line) => line.length === 80)).toBe(true);
    // Prefix re-measuring made this grow with the square of the length (hundreds of millions here).
    expect(counter.units).toBeLessThan(10 * token.length);
  });

  it("D9: a clipped text stops breaking once its lines are full, and ellipsis works on one line", () => {
    const { counter, measure } = countingMeasure();
    const lines = wrapLines(`${"a/".repeat(500_000)}`, 400, measure, 1);
    expect(lines.length).toBe(2);
    expect(counter.units).toBeLessThan(10_000);
    const cut = ellipsize("B".repeat(MAX_LINE_UNITS * 4), 400, measure);
    expect(cut.endsWith("…")).toBe(true);
    expect(measure(cut)).toBeLessThanOrEqual(400);
    expect(ellipsize("BBBB", 3, measure)).toBe("…");
  });

  it("D9: a report whose name is 30,000 letters without a space renders, cut and ellipsized within the margins", async () => {
    const dir = tempDir();
    const answers = join(dir, "long.yaml");
    const name = "B".repeat(30_000);
    writeFileSync(answers, readFileSync(EXAMPLE, "utf8").replace(/^ {2}name: .*$/m, `  name: ${name}`));
    const pdf = join(dir, "long.pdf");
    const run = await runCli("report", answers, "-f", "pdf", "-o", pdf, "--as-of", "2026-06-01");
    expect(run.code).toBe(0);
    const runs = (await placedText(readFileSync(pdf))).filter((r) => r.text.includes("BBBBBBBB"));
    expect(runs.length).toBeGreaterThan(10);
    // A4 is 595.28 points wide with 50-point margins.
    for (const r of runs) {
      expect(r.left).toBeGreaterThanOrEqual(49.9);
      expect(r.right).toBeLessThanOrEqual(595.28 - 49.9);
    }
    // The running header of every body page shows the name on one line, ending in an ellipsis.
    const headers = runs.filter((r) => r.top < 50 && r.page > 1);
    expect(headers.length).toBe(runs[0]!.pages - 1);
    expect(headers.every((r) => r.text.endsWith("…"))).toBe(true);
  });

  it("N5: a name of zero-width spaces is shown as visible escapes, one line per header, within the margins", async () => {
    const dir = tempDir();
    const answers = join(dir, "zw.yaml");
    const name = "\\u200B".repeat(20_000);
    writeFileSync(
      answers,
      readFileSync(EXAMPLE, "utf8").replace(/^ {2}name: .*$/m, () => `  name: "${name}"`),
    );
    const pdf = join(dir, "zw.pdf");
    const run = await runCli("report", answers, "-f", "pdf", "-o", pdf, "--as-of", "2026-06-01");
    expect(run.code).toBe(0);
    const runs = (await placedText(readFileSync(pdf))).filter((r) => r.text.includes("\\u200B\\u200B"));
    const headers = runs.filter((r) => r.top < 50 && r.page > 1);
    expect(headers.length).toBe(runs[0]!.pages - 1);
    expect(headers.every((r) => r.text.endsWith("…") && r.right <= 595.28 - 49.9)).toBe(true);
    expect(runs.some((r) => r.text.includes("\u200B"))).toBe(false);
  });
});
