// Methodology and definitions: statuses, score, severity weights, tiers and the replay verdicts.
import { heading, labelValues } from "../blocks.js";
import type { PdfContext } from "../context.js";
import { APPENDIX_PART, SECTION } from "../dests.js";
import { INCIDENT_COLOR, INK, SIZE, STATUS_COLOR, STEP_COLOR } from "../styles.js";
import { drawTable } from "../table.js";
import { paragraph } from "../text.js";

type Methodology = PdfContext["model"]["appendix"]["methodology"];

/** Draws the appendix part on methodology and definitions. */
export function drawMethodology(ctx: PdfContext, section: PDFKit.PDFOutline): void {
  const m = ctx.model.appendix.methodology;
  heading(
    ctx,
    APPENDIX_PART.methodology.title,
    2,
    { dest: SECTION.methodology, outline: section, caption: APPENDIX_PART.methodology.title },
    80,
  );
  paragraph(
    ctx,
    "vaspcheck evaluates each control's rule against the organization's answers as of the as-of date. " +
      `${ctx.model.assurance.statement} Evidence is listed as cited, ` +
      "with its SHA-256 where one was given, so that a reviewer can confirm the documents seen are the ones listed.",
    { size: SIZE.small, after: 6 },
  );
  drawStatusDefinitions(ctx, m);
  drawScoringDefinitions(ctx, m);
  drawVerdictDefinitions(ctx, m);
  drawFrameworkSources(ctx);
}

/** Where each framework's ids and titles were checked: provenance belongs with the method, not under the framework's heading. */
function drawFrameworkSources(ctx: PdfContext): void {
  const checked = ctx.model.frameworks.filter((fw) => fw.checked);
  if (checked.length === 0) return;
  heading(ctx, "How the framework ids were checked", 3, {}, 40);
  labelValues(
    ctx,
    checked.map((fw) => [`${fw.name} — ${fw.version}`, fw.checked ?? ""] as [string, string]),
    { labelWidth: 130, size: SIZE.small },
  );
}

function drawStatusDefinitions(ctx: PdfContext, m: Methodology): void {
  heading(ctx, "Control statuses", 3, {}, 40);
  drawTable(
    ctx,
    [
      {
        header: "Status",
        width: 22,
        cell: (s) => ({
          runs: [{ text: s.label, style: { font: "bold", color: STATUS_COLOR[s.status] } }],
          marker: { kind: "dot", color: STATUS_COLOR[s.status] },
        }),
      },
      { header: "Meaning", width: 78, cell: (s) => s.definition },
    ],
    m.statuses,
    { caption: "Control statuses" },
  );
}

function drawScoringDefinitions(ctx: PdfContext, m: Methodology): void {
  heading(ctx, "Score, risk and tiers", 3, {}, 60);
  labelValues(
    ctx,
    [
      ["Score", m.rules.score],
      ["Severity weights", m.weights.map((w) => `${w.severity} ${w.weight}`).join(", ")],
      ["Fix first", ctx.model.fix_plan.explanation],
      ["Fix plan", ctx.model.fix_plan.method],
      ["Risk", m.rules.risk],
      ["Tier", m.rules.tier],
      ["Tiers", m.tiers.map((t) => `${t.level} ${t.name}`).join(", ")],
    ],
    { labelWidth: 90, size: SIZE.small },
  );
}

function drawVerdictDefinitions(ctx: PdfContext, m: Methodology): void {
  heading(ctx, "Attack-step verdicts", 3, {}, 40);
  verdictTable(
    ctx,
    m.step_verdicts.map((v) => [v.verdict, v.label, v.definition] as const),
    STEP_COLOR,
    "Attack-step verdicts",
  );
  heading(ctx, "Incident verdicts", 3, {}, 40);
  verdictTable(
    ctx,
    m.incident_verdicts.map((v) => [v.verdict, v.label, v.definition] as const),
    INCIDENT_COLOR,
    "Incident verdicts",
  );
}

function verdictTable(
  ctx: PdfContext,
  rows: readonly (readonly [string, string, string])[],
  colors: Record<string, string>,
  caption: string,
): void {
  drawTable(
    ctx,
    [
      {
        header: "Verdict",
        width: 28,
        cell: ([key, label]) => ({
          runs: [{ text: label, style: { font: "bold", color: colors[key] ?? INK.muted } }],
          marker: { kind: "dot", color: colors[key] ?? INK.muted },
        }),
      },
      { header: "Meaning", width: 72, cell: ([, , meaning]) => meaning },
    ],
    rows,
    { caption },
  );
}
