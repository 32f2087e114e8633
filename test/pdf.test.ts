import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PDFParse } from "pdf-parse";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";
import { createReport } from "../src/pipeline/create-report.js";
import { collectingDocument } from "../src/report/pdf/collect.js";
import { openFaces } from "../src/report/pdf/faces.js";
import { defaultFonts, glyphGuard } from "../src/report/pdf/fonts.js";
import { PAGE } from "../src/report/pdf/styles.js";
import { wrapLines } from "../src/report/pdf/wrap.js";
import { memoryIo, runCli } from "./helpers/cli.js";
import { FIXTURE_ANSWERS, FIXTURE_CATALOG, tempDir, writeTemp } from "./helpers/fixtures.js";
import { placedText } from "./helpers/placed-text.js";

/** Every control of the fixture catalog. */
const FIXTURE_CONTROL_IDS = [
  "TXN-001",
  "VND-001",
  "IAM-001",
  "WKS-001",
  "KEY-001",
  "SOC-001",
  "DET-001",
  "GOV-001",
  "HOT-001",
];

const weak = `${FIXTURE_ANSWERS}weak.yaml`;
const strong = `${FIXTURE_ANSWERS}strong.yaml`;
const JP_NAME = "株式会社テスト暗号資産取引所";
const JP_NOTE = "委託先の暗号資産ウォレットは年次で独立評価を受けている。";

async function pdf(answersPath: string, asOf?: string): Promise<Uint8Array> {
  const result = await createReport({ answersPath, catalogDir: FIXTURE_CATALOG, format: "pdf", asOf });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  expect(result.output).toBeInstanceOf(Uint8Array);
  return result.output as Uint8Array;
}

async function parse(bytes: Uint8Array) {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    const text = await parser.getText();
    const info = await parser.getInfo();
    return { text, info };
  } finally {
    await parser.destroy();
  }
}

type Outline = { title: string; items: Outline[] };
const titles = (items: readonly Outline[] | null | undefined): string[] =>
  (items ?? []).flatMap((i) => [i.title, ...titles(i.items)]);

// A temp copy of the strong fixture with a Japanese organization name and a Japanese note.
function japaneseAnswers(): string {
  const text = readFileSync(strong, "utf8")
    .replace("name: Strong Exchange Ltd", `name: ${JP_NAME}`)
    .replace(
      "    evidence: [{ title: Signing runbook, path: evidence/runbook.pdf }]",
      `    evidence: [{ title: 署名手順書, path: evidence/runbook.pdf }]\n    notes: ${JP_NOTE}`,
    );
  expect(text).toContain(JP_NAME);
  expect(text).toContain(JP_NOTE);
  return writeTemp("strong-jp.yaml", text);
}

const weakPdf = await pdf(weak);
const weakParsed = await parse(weakPdf);

describe("links in the PDF", () => {
  it("makes every cited source a clickable web link, and cross-references links inside the document", () => {
    const raw = Buffer.from(weakPdf).toString("latin1");
    const uris = [...raw.matchAll(/\/URI \(([^)]*)\)/g)].map((m) => m[1]);
    expect(uris).toContain(
      "https://www.fbi.gov/news/press-releases/fbi-dc3-and-npa-identification-of-north-korean-cyber-actors-tracked-as-tradertraitor-responsible-for-theft-of-308-million-from-bitcoindmmcom",
    );
    expect(uris.every((u) => /^https?:\/\//.test(u ?? ""))).toBe(true);
    expect(raw).toMatch(/\/S \/GoTo|\/Dest/);
  });
});

describe("PDF report content", () => {
  it("has a cover, every section, every control and the provenance", () => {
    const text = weakParsed.text.text;
    for (const expected of [
      "SECURITY GAP REPORT",
      "Weak Exchange K.K.",
      "Contents",
      "Executive summary",
      "Coverage per lesson",
      "Fix first",
      "Incident replay",
      "Findings",
      "Lessons",
      "Control details",
      "Framework coverage",
      "A. Evidence index",
      "B. Exceptions",
      "C. Management action plan",
      "D. Review by the assessor",
      "F. Unanswered questions",
      "G. Methodology and definitions",
      "H. Sign-off",
      "Bybit",
      "DMM Bitcoin",
      "SHA-256 of inputs",
    ]) {
      expect(text, expected).toContain(expected);
    }
    for (const id of FIXTURE_CONTROL_IDS) {
      expect(text, id).toContain(id);
    }
  });

  it("has more than ten pages, each after the cover with 'Page X of Y' and the report digest", () => {
    const { pages, total } = weakParsed.text;
    expect(total).toBeGreaterThan(10);
    const digest = /[0-9a-f]{64}/.exec(pages[0]!.text)?.[0];
    expect(digest).toBeDefined();
    for (const page of pages.slice(1)) {
      expect(page.text).toContain(`Page ${page.num} of ${total}`);
      expect(page.text).toContain("Weak Exchange K.K.");
    }
    // The report digest (SHA-256 of inputs) is the one printed in every footer.
    const footerDigest = /Report digest\s+([0-9a-f]{64})/.exec(pages[1]!.text)?.[1];
    expect(pages[0]!.text).toContain(footerDigest);
  });

  it("has an outline with every section and every control", () => {
    const outline = (weakParsed.info.outline ?? []) as Outline[];
    const top = outline.map((o) => o.title);
    // The outline of the view model, word for word: the Markdown report uses the same titles.
    expect(top).toEqual([
      "Cover",
      "Contents",
      "Executive summary",
      "Incident replay: could these attacks happen to us?",
      "Findings: the gaps, ranked",
      "Lessons",
      "Control details",
      "Framework coverage",
      "Appendix",
    ]);
    const details = titles(outline.find((o) => o.title === "Control details")?.items);
    for (const id of FIXTURE_CONTROL_IDS) {
      expect(
        details.some((t) => t.startsWith(`${id} — `)),
        id,
      ).toBe(true);
    }
    const appendix = titles(outline.find((o) => o.title === "Appendix")?.items);
    expect(appendix).toContain("H. Sign-off");
    expect(
      titles(outline.find((o) => o.title === "Incident replay: could these attacks happen to us?")?.items),
    ).toEqual(["Bybit (2025-02-21)", "DMM Bitcoin (2024-05-31)"]);
  });

  it("sets Title, Author, Subject and Keywords, and dates from the as-of date", () => {
    const info = weakParsed.info.info as Record<string, string>;
    expect(info.Title).toBe("Security gap report: Weak Exchange K.K.");
    expect(info.Author).toBe("Internal audit");
    expect(info.Subject).toContain("vaspcheck-test");
    expect(info.Keywords).toContain("vaspcheck");
    expect(info.CreationDate).toMatch(/^D:20260630/);
  });

  it("links findings to control details through named destinations", async () => {
    // Destination names are opaque (d00001…, so they sort alike in every locale): follow the links on TXN-001.
    const file = await getDocument({ data: new Uint8Array(weakPdf), verbosity: 0 }).promise;
    const dests = await file.getDestinations();
    const runs = await placedText(weakPdf);
    const targets: number[] = [];
    for (let n = 1; n <= file.numPages; n++) {
      const page = await file.getPage(n);
      const height = page.view[3]!;
      for (const a of await page.getAnnotations()) {
        if (a.subtype !== "Link" || typeof a.dest !== "string") continue;
        const target = dests[a.dest];
        expect(target, a.dest).toBeDefined();
        const [x1, y1, x2, y2] = a.rect as number[];
        const label = runs.filter(
          (r) =>
            r.page === n &&
            r.left >= x1! - 1 &&
            r.left <= x2! &&
            height - r.top >= y1! - 2 &&
            height - r.top <= y2! + 2,
        );
        if (label.some((r) => r.text.includes("TXN-001")))
          targets.push((await file.getPageIndex(target![0])) + 1);
      }
    }
    await file.destroy();
    expect(targets.length).toBeGreaterThan(0);
    for (const page of targets)
      expect(runs.some((r) => r.page === page && r.text.includes("TXN-001"))).toBe(true);
  });
});

/** Every text run of a PDF with its page and its baseline measured from the top of the page. */
describe("page layout", () => {
  it("keeps body text inside the body on every page, the running header above it and the footer below", async () => {
    const runs = await placedText(weakPdf);
    const pages = runs[0]!.pages;
    expect(pages).toBeGreaterThan(3);
    const bottom = PAGE.height - PAGE.margin.bottom;
    for (let n = 2; n <= pages; n++) {
      const onPage = runs.filter((r) => r.page === n);
      const above = onPage.filter((r) => r.top < PAGE.margin.top).map((r) => r.text);
      expect(above, `page ${n}`).toEqual([
        "Weak Exchange K.K.",
        "Security gap report · Draft · as of 2026-06-30",
      ]);
      const below = onPage.filter((r) => r.top > bottom).map((r) => r.text);
      expect(below, `page ${n}`).toContain(`Page ${n} of ${pages}`);
      // The marking travels with every page, not with the cover alone.
      expect(below.at(-1), `page ${n}`).toBe("DRAFT · Confidential");
      expect(
        onPage.filter((r) => r.top >= PAGE.margin.top && r.top <= bottom).length,
        `page ${n}`,
      ).toBeGreaterThan(0);
    }
  });

  it("keeps every line between the left and right margins (wrapped lines stacked, never run together)", async () => {
    const runs = await placedText(weakPdf);
    const outside = runs.filter(
      (r) => r.left < PAGE.margin.left - 0.5 || r.right > PAGE.width - PAGE.margin.right + 0.5,
    );
    expect(outside.map((r) => `p.${r.page}: ${r.text}`)).toEqual([]);
  });
});

describe("Japanese text", () => {
  it("embeds a font subset and keeps the organization name and notes extractable", async () => {
    const bytes = await pdf(japaneseAnswers());
    const { text, info } = await parse(bytes);
    expect(text.text).toContain(JP_NAME);
    expect(text.text.replace(/\s+/g, "")).toContain(JP_NOTE);
    expect(text.text).toContain("署名手順書");
    expect(text.pages[3]!.text).toContain(JP_NAME);
    expect((info.info as Record<string, string>).Title).toContain(JP_NAME);
    const raw = Buffer.from(bytes).toString("latin1");
    // A subset tag (six capitals and "+") in front of the embedded Noto Sans JP, with its glyph program.
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansJP-Regular/);
    expect(raw).toContain("/FontFile2");
  });
});

describe("determinism", () => {
  it("gives byte-identical files for the same inputs and different files for another as-of date", async () => {
    const again = await pdf(weak);
    expect(Buffer.from(again).equals(Buffer.from(weakPdf))).toBe(true);
    const later = await pdf(weak, "2026-12-31");
    expect(Buffer.from(later).equals(Buffer.from(weakPdf))).toBe(false);
    expect(Buffer.from(later).toString("latin1")).toContain("D:20261231");
  });
});

describe("CLI --format pdf", () => {
  const run = runCli;

  it("refuses to write a PDF to a terminal (exit 2), and writes it to a pipe", async () => {
    const io = memoryIo(true);
    const code = await main(["report", weak, "--catalog", FIXTURE_CATALOG, "--format", "pdf"], io);
    expect(code).toBe(2);
    expect(io.out).toBe("");
    expect(io.err).toContain("--out");
    // Only stderr a terminal (stdout redirected to a file): the PDF is written.
    const redirected = memoryIo(true, false);
    expect(await main(["report", weak, "--catalog", FIXTURE_CATALOG, "--format", "pdf"], redirected)).toBe(0);
    expect(redirected.out.startsWith("%PDF-")).toBe(true);
    const piped = await run("report", weak, "--catalog", FIXTURE_CATALOG, "--format", "pdf");
    expect(piped.code).toBe(0);
    expect(piped.stdout.startsWith("%PDF-")).toBe(true);
  });

  it("writes the file with --out, and a failed run leaves an existing file untouched", async () => {
    const dir = tempDir();
    const out = join(dir, "report.pdf");
    const ok = await run("report", weak, "--catalog", FIXTURE_CATALOG, "--format", "pdf", "--out", out);
    expect(ok.code).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString("latin1")).toBe("%PDF-");

    writeFileSync(out, "previous report");
    const broken = writeTemp("broken.yaml", readFileSync(weak, "utf8").replace("VND-001:", "VND-01:"));
    const failed = await run("report", broken, "--catalog", FIXTURE_CATALOG, "--format", "pdf", "--out", out);
    expect(failed.code).toBe(1);
    expect(readFileSync(out, "utf8")).toBe("previous report");

    const missing = await run(
      "report",
      join(dir, "nope.yaml"),
      "--catalog",
      FIXTURE_CATALOG,
      "-f",
      "pdf",
      "-o",
      out,
    );
    expect(missing.code).not.toBe(0);
    expect(readFileSync(out, "utf8")).toBe("previous report");
    expect(existsSync(`${out}.tmp`)).toBe(false);
  });
});

describe("the pdfkit behaviours the layout relies on", () => {
  const open = () =>
    collectingDocument({
      size: "A4",
      margin: 0,
      autoFirstPage: false,
      compress: false,
      info: { CreationDate: new Date(0), ModDate: new Date(0) },
    });

  it("measures widths in proportion to the size and alike on every document, so one measure serves all", () => {
    const { doc } = open();
    const faces = openFaces(defaultFonts());
    faces.register(doc);
    const text = "Signer verifies 署名 request";
    const at1 = doc.font("regular", 1).widthOfString(text);
    for (const size of [6.5, 9, 15]) {
      expect(doc.font("regular", size).widthOfString(text)).toBeCloseTo(at1 * size, 6);
      expect(faces.width("regular", size, text)).toBeCloseTo(at1 * size, 6);
    }
  });

  it("draws an unwrapped line anywhere on a page without starting another one", () => {
    const { doc, finish } = open();
    let pages = 0;
    doc.on("pageAdded", () => {
      pages += 1;
    });
    doc.addPage();
    doc.text("footer at the very bottom", 20, doc.page.height - 8, { lineBreak: false });
    doc.text("and past it", 20, doc.page.height + 4, { lineBreak: false });
    const file = Buffer.from(finish()).toString("latin1");
    expect(pages).toBe(1);
    expect(file.match(/\/Type \/Page\b/g)).toHaveLength(1);
  });

  it("hands back every byte through read(), page by page, whatever the page count", () => {
    const { doc, finish } = open();
    for (let i = 0; i < 30; i += 1) {
      doc.addPage();
      doc.text(`page ${i + 1}`, 40, 40, { lineBreak: false });
    }
    const file = Buffer.from(finish()).toString("latin1");
    expect(file.startsWith("%PDF-")).toBe(true);
    expect(file.trimEnd().endsWith("%%EOF")).toBe(true);
    expect(file.match(/\/Type \/Page\b/g)).toHaveLength(30);
  });
});

describe("text layout helpers", () => {
  const measure = (s: string) => [...s].length * 5;

  it("wraps words within the width and cuts tokens longer than a line", () => {
    const lines = wrapLines(`alpha beta gamma delta ${"x".repeat(30)} epsilon`, 50, measure);
    for (const line of lines) expect(measure(line)).toBeLessThanOrEqual(50);
    expect(lines.join(" ").replace(/\s+/g, "")).toBe(`alphabetagammadelta${"x".repeat(30)}epsilon`);
  });

  it("breaks Japanese between characters but never before closing punctuation", () => {
    const text = "委託先の評価は未実施。署名者は依頼内容を別経路で確認していない。";
    for (const width of [20, 25, 30, 35, 40, 45, 50, 55, 60]) {
      const lines = wrapLines(text, width, measure);
      expect(lines.join("")).toBe(text);
      for (const line of lines.slice(1))
        expect(line[0], `${width}: ${lines.join("|")}`).not.toMatch(/[。、）」]/);
    }
  });

  it("keeps newlines and guards glyphs the font lacks", () => {
    expect(wrapLines("one\ntwo", 100, measure)).toEqual(["one", "two"]);
    const guard = glyphGuard((cp) => cp < 0x2000 || (cp >= 0x3040 && cp < 0xa000));
    expect(guard("OK 🔥 暗号資産 ✅️")).toBe("OK ? 暗号資産 ?");
    expect(guard("plain ASCII")).toBe("plain ASCII");
  });
});
