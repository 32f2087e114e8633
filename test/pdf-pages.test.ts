// What a reader checks page by page without looking: every page says whose content it carries, links are there,
// and no text leaves the page's box. Rendered from the shipped DMM-like example, whose 130-odd pages break
// inside replay chains, tables and control details.

import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { describe, expect, it } from "vitest";
import { createReport } from "../src/pipeline/create-report.js";
import { PAGE, SIZE } from "../src/report/pdf/styles.js";
import { placedText } from "./helpers/placed-text.js";

const result = await createReport({ answersPath: "examples/dmm-like-exchange.yaml", format: "pdf" });
if (!result.ok) throw new Error("the example does not render");
const bytes = result.output as Uint8Array;
const runs = await placedText(bytes);
const pages = runs[0]!.pages;
const body = (n: number) =>
  runs
    .filter((r) => r.page === n && r.top >= PAGE.margin.top && r.top <= PAGE.height - PAGE.margin.bottom)
    .sort((a, b) => a.top - b.top || a.left - b.left);

describe("the pages of the PDF report", () => {
  it("opens every page after the cover with the heading of a block or a '(continued)' caption", () => {
    expect(pages).toBeGreaterThan(60);
    const bare: string[] = [];
    for (let n = 2; n <= pages; n++) {
      const lines = body(n);
      const first = lines[0]!;
      const line = lines.filter((r) => Math.abs(r.top - first.top) < 2);
      const text = line.map((r) => r.text).join(" ");
      // A heading that opens a block of its own: a section, an incident, a lesson, a framework, a control.
      const isHeading = line.some((r) => r.size >= SIZE.h2 - 0.1) || /^(\d+\. )?[A-Z]{3}-\d{3} — /.test(text);
      if (!isHeading && !text.trimEnd().endsWith("(continued)")) bare.push(`p.${n}: ${text.slice(0, 80)}`);
    }
    expect(bare).toEqual([]);
  });

  it("never ends a page on a heading: a heading keeps what follows it on its page", () => {
    const orphans: string[] = [];
    for (let n = 2; n <= pages; n++) {
      const lines = body(n);
      const last = lines.at(-1);
      if (!last) continue;
      const line = lines.filter((r) => Math.abs(r.top - last.top) < 2);
      if (line.every((r) => r.size >= SIZE.h3 - 0.1 && r.size < SIZE.h1))
        orphans.push(`p.${n}: ${line.map((r) => r.text).join(" ")}`);
    }
    expect(orphans).toEqual([]);
  });

  it("keeps every text run inside the page, between the margins", () => {
    const outside = runs.filter(
      (r) => !r.turned && (r.left < PAGE.margin.left - 0.5 || r.right > PAGE.width - PAGE.margin.right + 0.5),
    );
    expect(outside.map((r) => `p.${r.page}: ${r.text.slice(0, 40)}`)).toEqual([]);
  });

  it("carries web links for sources and internal links for cross-references", async () => {
    const file = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
    let uri = 0;
    let internal = 0;
    for (let n = 1; n <= file.numPages; n++) {
      for (const a of await (await file.getPage(n)).getAnnotations()) {
        if (a.subtype !== "Link") continue;
        if (a.url) uri++;
        else if (a.dest) internal++;
      }
    }
    await file.destroy();
    expect(uri).toBeGreaterThan(50);
    expect(internal).toBeGreaterThan(100);
  });

  it("heads each framework with its name and version, and keeps the catalog's provenance notes in the method", () => {
    const text = runs.map((r) => r.text).join(" ");
    expect(text).not.toContain("How the catalog checked it");
    const method = runs.findIndex((r) => r.text.startsWith("How the framework ids were checked"));
    expect(method).toBeGreaterThan(0);
    const after = runs
      .slice(method)
      .map((r) => r.text)
      .join(" ");
    expect(after).toContain("the ids are vaspcheck's");
  });
});

describe("the PDF report as an accessible document", () => {
  it("is tagged, says its language, and gives each page a structure of headings and paragraphs", async () => {
    const file = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
    expect(await file.getMarkInfo()).toMatchObject({ Marked: true });
    const { info } = (await file.getMetadata()) as { info: { Language?: string; PDFFormatVersion?: string } };
    expect(info.Language).toBe("en");
    expect(info.PDFFormatVersion).toBe("1.7");
    const roles = new Set<string>();
    const walk = (node: { role?: string; children?: unknown[] } | null) => {
      if (!node) return;
      if (node.role) roles.add(node.role);
      for (const child of node.children ?? []) walk(child as { role?: string; children?: unknown[] });
    };
    for (let n = 1; n <= Math.min(file.numPages, 40); n++)
      walk(await (await file.getPage(n)).getStructTree());
    await file.destroy();
    for (const role of ["Document", "Sect", "H1", "H2", "H3", "P"]) expect(roles, role).toContain(role);
  });
});

describe("the Markdown report's tables", () => {
  it("print no escaped backtick in any table row of the shipped examples", async () => {
    for (const example of [
      "dmm-like-exchange",
      "midsize-exchange",
      "strong-exchange",
      "vendor-run-exchange",
    ]) {
      const md = await createReport({ answersPath: `examples/${example}.yaml`, format: "md" });
      if (!md.ok) throw new Error(`${example} does not render`);
      const rows = String(md.output)
        .split("\n")
        .filter((line) => line.startsWith("|") && line.includes("\\`"));
      expect(rows, example).toEqual([]);
    }
  });
});
