import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluate } from "../src/engine/evaluate.js";
import { EvaluationSchema } from "../src/model/result.js";
import { createReport } from "../src/pipeline/create-report.js";
import { escapeCell, escapeInline } from "../src/report/markdown-escape.js";
import { buildReportModel } from "../src/report/report-model.js";
import {
  FIXTURE_ANSWERS,
  FIXTURE_CATALOG,
  fixtureAnswers,
  fixtureCatalog,
  tempDir,
  writeTemp,
} from "./helpers/fixtures.js";

const render = async (
  answersPath: string,
  extra: { asOf?: string; format?: "md" | "json"; templateDir?: string } = {},
) => {
  const result = await createReport({ answersPath, catalogDir: FIXTURE_CATALOG, ...extra });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.output as string;
};
const weakPath = `${FIXTURE_ANSWERS}weak.yaml`;
const strongPath = `${FIXTURE_ANSWERS}strong.yaml`;

describe("Markdown report", async () => {
  const md = await render(weakPath);

  it("has a header with organization, dates, catalog, version and input digests", () => {
    expect(md).toMatch(/^# Security gap report: Weak Exchange K\.K\./);
    expect(md).toContain("| As-of date | 2026-06-30 |");
    expect(md).toContain("| Catalog | `vaspcheck-test` 1.0.0");
    expect(md).toMatch(/\| SHA-256 of answers \| `[0-9a-f]{64}` \|/);
    expect(md).toMatch(/\| SHA-256 of inputs \| `[0-9a-f]{64}` \|/);
  });

  it("summarises score, tier, status counts and the gaps to fix first", () => {
    expect(md).toMatch(/\*\*Score: \d+\.\d%\*\*/);
    expect(md).toContain("**Tier: 0 – Exposed**");
    expect(md).toContain("| ❌ Not met | 7 |");
    // Fix first leads with a control that would stop the DMM Bitcoin attack on its own.
    expect(md).toMatch(
      /\| 1 \| \[[A-Z]+-\d+\]\(#[a-z]+-\d+\) [^|]+\| critical \| ❌ Not met \| Bybit, DMM Bitcoin \|/,
    );
  });

  it("answers where the DMM Bitcoin attack would have been stopped", () => {
    expect(md).toContain(
      "| [DMM Bitcoin](#incident-dmm-bitcoin-2024) | 2024-05-31 | Would NOT have been stopped | — | 0 |",
    );
    const section = md.slice(md.indexOf("### DMM Bitcoin"), md.indexOf("## Lessons"));
    expect(section).toContain("Would NOT have been stopped");
    expect(section).toMatch(
      /\| 5 \| A legitimate transaction request is manipulated \| 🔓 Open \| would hinder: \[KEY-001\]\(#key-001\) Not met — missing<br>would prevent: \[TXN-001\]\(#txn-001\) Not met — missing \|/,
    );
  });

  it("explains each gap: checks with answer and requirement, evidence, remediation", () => {
    const detail = md.slice(md.indexOf('<a id="key-001">'));
    expect(detail).toContain(
      "❌ How many distinct people hold signing keys (or key shares) for the wallet holding most customer funds? — answer: **1 signer**, required: at least 3 signers",
    );
    // The gap list says it in one sentence per question, in the officer's words: labels, yes/no, what is missing.
    expect(md).toMatch(
      /for the wallet holding most customer funds\? Answered 1 signer; required: at least 3 signers\. What share .*\? Answered 100%; required: at most 99%\./,
    );
    expect(detail).toContain("**Notes:** Keys are managed together and one operator signs.");
    expect(detail).toContain("**Remediation:** Move customer funds to an M-of-N wallet");
  });

  it("covers lessons, frameworks and the appendix", () => {
    for (const heading of [
      "## Lessons",
      "## Framework coverage",
      "### NIST Cybersecurity Framework — 2\\.0 (CSWP 29, 26 February 2024)\n",
      "### A. Evidence index",
      "### B. Exceptions",
      "### C. Management action plan",
      "### D. Review by the assessor",
      "### E. Controls not applicable",
      "### F. Unanswered questions",
      "### G. Methodology and definitions",
      "### H. Sign-off",
      "## Findings: the gaps, ranked",
      "## Control details",
    ]) {
      expect(md).toContain(heading);
    }
    expect(md).toContain("| HOT-001 | Daily cold-ratio reconciliation | evidence/cold-ratio.xlsx |");
  });

  it("is byte-identical for the same inputs and changes with --as-of", async () => {
    expect(await render(weakPath)).toBe(md);
    const later = await render(weakPath, { asOf: "2027-01-01" });
    expect(later).not.toBe(md);
    expect(later).toContain("| As-of date | 2027-01-01 |");
  });

  it("escapes hostile text from the answers file so tables and markup survive", async () => {
    const text = readFileSync(weakPath, "utf8")
      .replace("name: Weak Exchange K.K.", 'name: "Evil | Corp *bold* `code` <script>alert(1)</script>"')
      .replace(
        "notes: Keys are managed together and one operator signs.",
        'notes: "# Heading\\n| a | b |\\n- item <img src=x onerror=alert(1)>"',
      );
    const out = await render(writeTemp("hostile.yaml", text));
    expect(out).not.toContain("<script>");
    expect(out).not.toContain("<img");
    expect(out).toContain(
      "| Organization | Evil \\| Corp \\*bold\\* \\`code\\` &lt;script&gt;alert(1)&lt;/script&gt; |",
    );
    expect(out).toContain(
      "**Notes:** \\# Heading  \n\\| a \\| b \\|  \n\\- item &lt;img src=x onerror=alert(1)&gt;",
    );
    const tableRows = out.split("\n").filter((l) => l.startsWith("| Organization"));
    expect(tableRows).toHaveLength(1);
  });

  it("keeps multi-line names and answers text from opening headings, lists or table rows", async () => {
    const text = readFileSync(weakPath, "utf8")
      .replace("name: Weak Exchange K.K.", 'name: "Evil\\n# Injected heading\\n| x | y |\\n- injected item"')
      .replace(
        "    notes: Keys are managed together and one operator signs.",
        [
          "    remediation_plan:",
          '      owner: "Ops\\n# Owner heading"',
          '      due: "2026-12-31"',
          '      management_response: "Agreed\\n\\n## Response section\\n1. step"',
          "    exception:",
          '      justification: "Legacy\\n# Exception heading\\n\\n- listed"',
          '      approver: "CISO\\n# Approver heading"',
          '      expires: "2026-01-01"',
        ].join("\n"),
      );
    const out = await render(writeTemp("multiline.yaml", text));
    const lines = out.split("\n");
    // Each hostile value stays inside the one line its template gives it.
    expect(lines.filter((l) => l.includes("Injected heading"))).toEqual([
      "# Security gap report: Evil # Injected heading \\| x \\| y \\| - injected item",
      "| Organization | Evil<br>\\# Injected heading<br>\\| x \\| y \\|<br>\\- injected item |",
    ]);
    expect(out).toContain(
      "owner Ops # Owner heading, due 2026-12-31. Management response: Agreed ## Response section 1. step",
    );
    expect(out).toContain(
      "**Exception:** Legacy # Exception heading - listed (approved by CISO # Approver heading,",
    );
    for (const injected of [
      "# Owner",
      "## Response",
      "1. step",
      "# Exception",
      "- listed",
      "# Approver",
      "- injected",
      "| x |",
    ])
      expect(lines.some((l) => l.startsWith(injected))).toBe(false);
  });

  it("renders with a custom template directory", async () => {
    const dir = tempDir();
    cpSync(new URL("../templates/", import.meta.url).pathname, dir, { recursive: true });
    writeFileSync(join(dir, "report.md.hbs"), "Custom for {{md organization.name}}: {{summary.score}}\n");
    expect(await render(strongPath, { templateDir: dir })).toBe("Custom for Strong Exchange Ltd: 100.0%\n");
  });
});

describe("precompiled templates", () => {
  // The build precompiles the shipped templates into dist/; `npm test` builds before it runs the suites.
  const built = () => import("../dist/report/markdown.js");

  it("render the same Markdown as the template sources, for every shipped set", async () => {
    const { loadTemplates, renderMarkdown } = await built();
    const catalog = await fixtureCatalog();
    const model = buildReportModel(evaluate(catalog, fixtureAnswers("weak")), catalog, {
      answersFile: "weak.yaml",
      answersSha256: "0".repeat(64),
      vaspcheckVersion: "test",
    });
    const pre = await loadTemplates();
    expect(pre.precompiled?.digest).toBe(pre.digest);
    const plain = await loadTemplates(undefined, "report", "partials", { precompiled: false });
    expect(plain.precompiled).toBeUndefined();
    const md = renderMarkdown(model, pre);
    expect(md).toContain("# Security gap report: Weak Exchange K.K.");
    expect(md).toBe(renderMarkdown(model, plain));
    for (const [name, partials] of [
      ["compare", "compare-partials"],
      ["diff", "diff-partials"],
    ] as const) {
      expect((await loadTemplates(undefined, name, partials)).precompiled).toBeDefined();
    }
  });

  it("are not used once a template differs from the shipped one", async () => {
    const { DEFAULT_TEMPLATE_DIR, loadTemplates } = await built();
    const dir = tempDir();
    cpSync(DEFAULT_TEMPLATE_DIR, dir, { recursive: true });
    expect((await loadTemplates(dir)).precompiled).toBeDefined();
    writeFileSync(join(dir, "partials", "gap.hbs"), "changed {{id}}\n");
    expect((await loadTemplates(dir)).precompiled).toBeUndefined();
  });
});

describe("escaping helpers", () => {
  it("neutralises block markers only at line start and HTML everywhere", () => {
    expect(escapeInline("1. first")).toBe("1\\. first");
    expect(escapeInline("- item")).toBe("\\- item");
    expect(escapeInline("a - b & c")).toBe("a - b &amp; c");
    expect(escapeCell("line one\nline | two")).toBe("line one<br>line \\| two");
  });

  it("keeps inline text on one line", () => {
    expect(escapeInline("Evil\n# Heading\r\n| a |\r- item")).toBe("Evil # Heading \\| a \\| - item");
    expect(escapeInline("\n# Heading")).toBe(" \\# Heading");
  });
});

describe("JSON result", () => {
  it("is the full evaluation in the documented, versioned schema", async () => {
    const json = JSON.parse(await render(weakPath, { format: "json" }));
    const parsed = EvaluationSchema.parse(json);
    expect(parsed.format).toBe("vaspcheck/evaluation@4");
    expect(parsed.controls).toHaveLength(9);
    expect(parsed.inputs?.answers_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(parsed.replay.find((r) => r.incident_id === "dmm-bitcoin-2024")?.verdict).toBe("not_stopped");
  });
});

describe("controls the profile scopes out", () => {
  it("get one row with the scoping answer instead of a detail page, and every link to them lands there", async () => {
    const result = await createReport({ answersPath: "examples/strong-exchange.yaml" });
    if (!result.ok) throw new Error("no report");
    const md = String(result.output);
    expect(md.match(/<a id="txn-003"><\/a>/g)).toHaveLength(1);
    expect(md).not.toMatch(/^### \d+\. TXN-003/m);
    expect(md).toMatch(
      /TXN-003 [^|]+\| Out of scope per the profile: Which custody technologies protect customer assets\? \(answered MPC/,
    );
    // Every in-document link has a target.
    const targets = new Set([...md.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]));
    const links = [...md.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]);
    expect(links.filter((l) => !targets.has(l))).toEqual([]);
  });
});
