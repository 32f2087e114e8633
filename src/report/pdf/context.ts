// The state of one report PDF rendering: the shared canvas plus the report's view model.
import type { ReportModel } from "../report-model.js";
import { type LayoutFacts, openCanvas, type PdfCanvas } from "./canvas.js";
import type { Faces } from "./faces.js";
import { PAGE } from "./styles.js";
import { installContinuedCaptions } from "./text.js";

export { anchor, bookmark, type LayoutFacts } from "./canvas.js";

/** Everything a report section needs to draw. */
export interface PdfContext extends PdfCanvas {
  readonly model: ReportModel;
}

/**
 * Creates the rendering context. `known` is null in the layout pass, whose drawing is thrown away; the
 * second pass lays out the same pages and prints the numbers the first one found.
 */
export function createContext(
  doc: PDFKit.PDFDocument,
  model: ReportModel,
  faces: Faces,
  known: LayoutFacts | null,
): PdfContext {
  const canvas = openCanvas(doc, faces, PAGE, { layoutPass: known === null, known });
  installContinuedCaptions(canvas);
  return { ...canvas, model };
}

/** The opening paragraph the outline gives a section (the Markdown report prints the same), if any. */
export function sectionIntro(ctx: PdfContext, id: ReportModel["outline"][number]["id"]): string | null {
  return ctx.model.outline.find((s) => s.id === id)?.intro ?? null;
}

/** The title the outline gives a section, so the PDF and the Markdown report name it alike. */
export function sectionTitle(ctx: PdfContext, id: ReportModel["outline"][number]["id"]): string {
  return ctx.model.outline.find((s) => s.id === id)?.title ?? id;
}
