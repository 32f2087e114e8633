// The comparison PDF's heat maps: exchanges × lessons (scores, as numbers on a red–green ramp) and exchanges ×
// controls (statuses, each with its symbol as well as its colour, so no reading rests on colour alone).
import type { Status } from "../../model/result.js";
import { startSection } from "../pdf/blocks.js";
import { readableInk } from "../pdf/contrast.js";
import { INK, SIZE, STATUS_COLOR } from "../pdf/styles.js";
import { paragraph } from "../pdf/text.js";
import { NOT_COMPARED } from "./compare-model.js";
import { drawLegend, type LegendItem } from "./pdf-exposure.js";
import { drawHeatmap, HATCH, type HeatCell } from "./pdf-heatmap.js";
import type { ComparisonDrawing } from "./render-pdf.js";

/** The symbol drawn in a status cell, beside its colour. */
export const STATUS_SYMBOL: Readonly<Record<Status | "not_compared", string>> = {
  met: "✓",
  partially_met: "◐",
  not_met: "×",
  not_answered: "?",
  risk_accepted: "!",
  not_applicable: "–",
  not_compared: NOT_COMPARED.mark,
};

/** Red (0) through amber (50) to green (100); light grey when there is no score. */
export function heat(score: number | null): string {
  if (score === null) return "#d0d7de";
  const stops: [number, number, number][] = [
    [207, 34, 46],
    [212, 160, 23],
    [26, 127, 55],
  ];
  const t = Math.max(0, Math.min(100, score)) / 50;
  const [a, b] = t <= 1 ? [stops[0]!, stops[1]!] : [stops[1]!, stops[2]!];
  const f = t <= 1 ? t : t - 1;
  return `#${a
    .map((v, i) =>
      Math.round(v + (b[i]! - v) * f)
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;
}

const LESSON_LEGEND: readonly LegendItem[] = [
  { color: heat(0), label: "0" },
  { color: heat(25), label: "25" },
  { color: heat(50), label: "50" },
  { color: heat(75), label: "75" },
  { color: heat(100), label: "100 (severity-weighted score, printed in each cell)" },
  { color: heat(null), label: "Nothing in the lesson applies" },
  { color: HATCH.fill, label: "Scored on fewer controls (older catalog version)", hatched: true },
];

/** Exchanges × lessons: each cell the lesson's score, lowest overall score first. */
export function drawLessonHeatmap({ canvas, comparison, model }: ComparisonDrawing): void {
  startSection(canvas, "Heat map: exchanges × lessons", "heatmap-lessons");
  paragraph(canvas, model.prose.lesson_matrix, { size: SIZE.small, color: INK.muted, after: 3 });
  paragraph(canvas, model.lesson_legend.map((l) => `${l.number} ${l.title}`).join(" · "), {
    size: SIZE.tiny,
    color: INK.muted,
    after: 4,
  });
  drawLegend(canvas, LESSON_LEGEND);
  drawHeatmap(
    canvas,
    model.matrix.lesson_columns.map((label) => ({ label })),
    comparison.organizations.map((o, i) => ({
      label: model.matrix.rows[i]!.label.replace(/^▶ /, ""),
      highlight: o.focus,
      lead: [model.matrix.rows[i]!.score, model.matrix.rows[i]!.tier],
      cells: comparison.lessons.map((l): HeatCell => {
        const score = o.lessons[l.id] ?? null;
        const text = score === null ? "" : score.toFixed(0);
        if (l.controls.some((id) => o.not_compared.includes(id)))
          return { color: HATCH.fill, text, hatched: true };
        return { color: heat(score), text };
      }),
    })),
    {
      labelWidth: 170,
      leadWidth: 30,
      leadHeaders: ["Score", "Tier"],
      rowHeight: 11,
      verticalHeaders: false,
      maxCellWidth: 48,
    },
  );
}

/** Exchanges × controls: each cell a status colour and its symbol. */
export function drawControlHeatmap({ canvas, comparison, model }: ComparisonDrawing): void {
  startSection(canvas, "Heat map: exchanges × controls", "heatmap-controls");
  const legend: LegendItem[] = model.method.statuses.map((s) => {
    const status = s.id;
    const color = status === "not_compared" ? HATCH.fill : STATUS_COLOR[status];
    return {
      color,
      label: s.label,
      symbol: STATUS_SYMBOL[status],
      symbolColor: status === "not_compared" ? INK.text : readableInk(color),
      hatched: status === "not_compared",
    };
  });
  drawLegend(canvas, legend);
  drawHeatmap(
    canvas,
    comparison.controls.map((c) => ({ label: c.id })),
    comparison.organizations.map((o, i) => ({
      label: model.matrix.rows[i]!.label.replace(/^▶ /, ""),
      highlight: o.focus,
      lead: [],
      cells: comparison.controls.map((c): HeatCell => {
        const status = o.controls[c.id] ?? "not_applicable";
        return status === "not_compared"
          ? { color: HATCH.fill, hatched: true, text: STATUS_SYMBOL.not_compared }
          : { color: STATUS_COLOR[status], text: STATUS_SYMBOL[status] };
      }),
    })),
    {
      labelWidth: 140,
      leadWidth: 0,
      leadHeaders: [],
      rowHeight: 10,
      verticalHeaders: true,
      maxCellWidth: 16,
    },
  );
}
