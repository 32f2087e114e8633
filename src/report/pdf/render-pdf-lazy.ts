// Lazy entry point of the PDF renderer for the public API: pdfkit loads only when a PDF is rendered.
import type { ReportModel } from "../report-model.js";
import type { RenderPdfOptions } from "./render-pdf.js";

export type { RenderPdfOptions };

/** Renders the gap report as a PDF (see `render-pdf.ts`); loads pdfkit on first use. */
export async function renderPdf(model: ReportModel, options: RenderPdfOptions = {}): Promise<Uint8Array> {
  const { renderPdf: render } = await import("./render-pdf.js");
  return render(model, options);
}
