// PDF renderer: lays the report view model out as an auditor-grade document with pdfkit.
import { metadataText } from "../document-text.js";
import type { ReportModel } from "../report-model.js";
import { collectingDocument } from "./collect.js";
import { createContext, type LayoutFacts } from "./context.js";
import { type Faces, openFaces } from "./faces.js";
import { defaultFonts, type FontSet } from "./fonts.js";
import { installPageFrame } from "./page-frame.js";
import { drawAppendix } from "./sections/appendix.js";
import { drawContents } from "./sections/contents.js";
import { drawControlDetails } from "./sections/control-details.js";
import { drawCover } from "./sections/cover.js";
import { drawFindings } from "./sections/findings.js";
import { drawFrameworks } from "./sections/frameworks.js";
import { drawLessons } from "./sections/lessons.js";
import { drawReplay } from "./sections/replay.js";
import { drawSummary } from "./sections/summary.js";
import { PAGE } from "./styles.js";
import { closeTags } from "./tags.js";

/** The drawer of each outline section: adding a section to the outline without one is a type error. */
const DRAW: Record<ReportModel["outline"][number]["id"], (ctx: ReturnType<typeof createContext>) => void> = {
  summary: drawSummary,
  replay: drawReplay,
  findings: drawFindings,
  lessons: drawLessons,
  controls: drawControlDetails,
  frameworks: drawFrameworks,
  appendix: drawAppendix,
};

/** Options of `renderPdf`. */
export interface RenderPdfOptions {
  /** Fonts to embed; default: Noto Sans JP Regular and Bold from npm, Courier for digests. */
  readonly fonts?: FontSet;
}

/**
 * Renders the gap report as a PDF. The same model always gives the same bytes: the document dates are
 * the as-of date (never the clock), and pdfkit derives the file identifier from them.
 *
 * The document is laid out twice on pdfkit's public API: the first pass draws no text and keeps no
 * output, and learns the page count and each destination's page; the second draws the same pages with
 * "Page X of Y" and the contents page numbers filled in. Why not `bufferPages`: holding every page's
 * content until the end took 3.3× the memory after imports on the 885-page bench report.
 */
export async function renderPdf(model: ReportModel, options: RenderPdfOptions = {}): Promise<Uint8Array> {
  const faces = openFaces(options.fonts ?? defaultFonts());
  const layout = drawDocument(model, faces, null);
  return drawDocument(model, faces, layout.facts).written;
}

function documentOptions(model: ReportModel, draft: boolean): PDFKit.PDFDocumentOptions {
  const date = new Date(`${model.assessment.as_of}T00:00:00Z`);
  const p = model.provenance;
  return {
    size: PAGE.size,
    // Every line is placed by the layout, so pdfkit never needs a margin to break pages on.
    margin: 0,
    autoFirstPage: false,
    bufferPages: false,
    // The layout pass's output is thrown away: compressing it would be wasted work.
    compress: !draft,
    lang: "en",
    // Tagged (a structure tree in reading order, headings, artifacts), which needs PDF 1.4 or later.
    tagged: true,
    pdfVersion: "1.7",
    displayTitle: true,
    info: {
      // Metadata is shown by viewers and printed by pdfinfo: neutralised like the text on the pages.
      Title: metadataText(model.title),
      Author: metadataText(model.assessment.assessor),
      Subject: metadataText(
        `Security gap assessment of ${model.organization.name} against ${p.catalog_id} ${p.catalog_version}, as of ${model.assessment.as_of}`,
      ),
      Keywords: metadataText(
        [
          "vaspcheck",
          "security gap report",
          "crypto-asset exchange",
          "VASP",
          p.catalog_id,
          model.organization.jurisdiction,
          `report digest ${p.inputs_sha256}`,
        ].join(", "),
      ),
      Creator: `vaspcheck ${p.vaspcheck_version}`,
      CreationDate: date,
      ModDate: date,
    },
  };
}

function drawDocument(
  model: ReportModel,
  faces: Faces,
  known: LayoutFacts | null,
): { facts: LayoutFacts; written: Promise<Uint8Array> } {
  const { doc, finish, finishWhenWritten } = collectingDocument(
    documentOptions(model, known === null),
    known !== null,
  );
  faces.register(doc);
  const ctx = createContext(doc, model, faces, known);
  installPageFrame(ctx);
  drawCover(ctx);
  drawContents(ctx);
  for (const section of model.outline) DRAW[section.id](ctx);
  closeTags(ctx.tags);
  // The layout pass draws no image, so it ends at once; the drawn pass may wait for pdfkit to decode the logo.
  const written = known === null ? Promise.resolve(finish()) : finishWhenWritten();
  return { facts: { pages: ctx.pages.count, anchorPages: ctx.anchorPages }, written };
}
