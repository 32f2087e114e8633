// The sector comparison as PDF: cover, findings, exposure, sector tables, heat maps, register of submissions, method.
import type { Comparison } from "../../model/comparison.js";
import type { LayoutFacts } from "../pdf/canvas.js";
import { openFaces } from "../pdf/faces.js";
import { defaultFonts, type FontSet } from "../pdf/fonts.js";
import { buildComparisonModel, type ComparisonModel } from "./compare-model.js";
import { dayOf } from "./day-of.js";
import { type ComparisonCanvas, type ComparisonInfo, openComparisonCanvas } from "./pdf-canvas.js";
import { drawCover, drawDeclared, drawFindings } from "./pdf-cover.js";
import { drawExposure, drawIncidentSteps } from "./pdf-exposure.js";
import { drawControlHeatmap, drawLessonHeatmap } from "./pdf-maps.js";
import { drawControlTable, drawLessonTable, drawMethod, drawRegister } from "./pdf-tables.js";

/** Options of `renderComparisonPdf`. */
export interface ComparisonPdfOptions {
  readonly vaspcheckVersion: string;
  /** Fonts to embed; default: those of the PDF report (Noto Sans JP, so Japanese names render). */
  readonly fonts?: FontSet;
}

/** Everything a section of the comparison PDF draws from. */
export interface ComparisonDrawing {
  readonly canvas: ComparisonCanvas;
  readonly model: ComparisonModel;
  readonly comparison: Comparison;
}

/**
 * Renders a comparison as PDF. Deterministic: the document date is the as-of date, or else the latest assessment
 * date among the submissions, never the clock. Laid out twice, like the report: the first pass learns the page count
 * that the second prints as "Page X of Y".
 */
export function renderComparisonPdf(comparison: Comparison, options: ComparisonPdfOptions): Uint8Array {
  const model = buildComparisonModel(comparison, options);
  const dates = comparison.organizations.map((o) => dayOf(o.assessment_date)).sort();
  const info: ComparisonInfo = {
    title: model.title,
    subject: `Comparison of ${comparison.summary.compared} submissions against ${model.provenance.catalog}`,
    date: comparison.as_of ?? dates.at(-1) ?? "1970-01-01",
    creator: `vaspcheck ${options.vaspcheckVersion} compare`,
    digest: model.provenance.digest,
    marking: model.issuer.marking,
  };
  const faces = openFaces(options.fonts ?? defaultFonts());
  const layout = drawAll(comparison, model, openComparisonCanvas(info, faces, null));
  return drawAll(comparison, model, openComparisonCanvas(info, faces, layout.facts)).bytes;
}

function drawAll(
  comparison: Comparison,
  model: ComparisonModel,
  canvas: ComparisonCanvas,
): { facts: LayoutFacts; bytes: Uint8Array } {
  const d: ComparisonDrawing = { canvas, model, comparison };
  drawCover(d);
  drawFindings(d);
  drawExposure(d);
  drawIncidentSteps(d);
  drawControlTable(d);
  drawLessonTable(d);
  drawLessonHeatmap(d);
  drawControlHeatmap(d);
  drawRegister(d);
  drawDeclared(d);
  drawMethod(d);
  const bytes = canvas.finish();
  return { facts: { pages: canvas.pages.count, anchorPages: canvas.anchorPages }, bytes };
}
