// `diff -f pdf`: an exchange's progress on paper, with the same sentences as the Markdown and its digest on every page.
import { describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";
import { diffFiles } from "../src/pipeline/diff-files.js";
import { buildDiffModel } from "../src/report/comparison/diff-model.js";
import { DIFF_RENDERERS } from "../src/report/comparison/render-diff.js";
import { memoryIo } from "./helpers/cli.js";
import { placedText } from "./helpers/placed-text.js";

const result = await diffFiles({
  oldPath: "examples/dmm-like-exchange.yaml",
  newPath: "examples/midsize-exchange.yaml",
});
if (!result.ok) throw new Error("diff failed");
const diff = result.diff;
const pdf = (await DIFF_RENDERERS.pdf.render(diff, { vaspcheckVersion: "test" })) as Uint8Array;
const runs = await placedText(pdf);
const text = runs.map((r) => r.text).join(" ");
const md = String(await DIFF_RENDERERS.md.render(diff, { vaspcheckVersion: "test" }));

describe("a diff as PDF", () => {
  it("states what both renderers state: the headline, the provenance and the digest", () => {
    const model = buildDiffModel(diff, { vaspcheckVersion: "test" });
    for (const sentence of [model.headline, model.provenance_note, model.digest]) {
      expect(text.replace(/\s+/g, " ")).toContain(sentence);
      expect(md.replaceAll("\\", "")).toContain(sentence);
    }
  });

  it("puts the digest and 'Page X of Y' on every page, and draws statuses in words the font has", () => {
    const digest = buildDiffModel(diff, { vaspcheckVersion: "test" }).digest;
    const pages = runs[0]!.pages;
    expect(pages).toBeGreaterThan(1);
    for (let n = 1; n <= pages; n++) {
      const page = runs.filter((r) => r.page === n).map((r) => r.text);
      expect(page).toContain(digest);
      expect(page).toContain(`Page ${n} of ${pages}`);
    }
    expect(text).toContain("Partially met");
    expect(text).not.toMatch(/\? (Met|Not met|Partially met)/);
  });

  it("is written with --out, and refused on a terminal", async () => {
    const io = memoryIo(true);
    expect(
      await main(
        ["diff", "examples/dmm-like-exchange.yaml", "examples/midsize-exchange.yaml", "-f", "pdf"],
        io,
      ),
    ).toBe(2);
    expect(io.err).toContain("--format pdf writes binary data and stdout is a terminal");
  });
});

describe("why a replay verdict moved", () => {
  it("names only controls that moved the same way as the verdict, and none for an unchanged verdict", () => {
    const change = new Map(diff.controls.map((c) => [c.control_id, c.change]));
    let named = 0;
    for (const i of diff.incidents) {
      if (i.change === "same") expect(i.changed_controls, i.name).toEqual([]);
      for (const id of i.changed_controls) {
        named++;
        expect(change.get(id), `${i.name}: ${id}`).not.toBe(i.change === "better" ? "regressed" : "improved");
      }
    }
    expect(named).toBeGreaterThan(0);
  });
});
