// Opens a tagged PDF on the shared canvas, for the documents besides the report (sector report, letter, diff): the
// metadata, the "(continued)" captions, a footer drawn as an artifact on every page, and the structure closed at the end.
import { metadataText } from "../document-text.js";
import { type LayoutFacts, openCanvas, type PageGeometry, type PdfCanvas } from "./canvas.js";
import { collectingDocument } from "./collect.js";
import type { Faces } from "./faces.js";
import { asArtifact, closeTags } from "./tags.js";
import { installContinuedCaptions } from "./text.js";

/** What a document says about itself in its metadata. */
export interface DocumentInfo {
  readonly title: string;
  readonly subject: string;
  readonly author?: string;
  readonly keywords: string;
  readonly creator: string;
  /** `YYYY-MM-DD`: creation and modification date, so the bytes depend on the input only. */
  readonly date: string;
}

/** An open document: its canvas, and the two ways to end it (see `collectingDocument`). */
export interface TaggedDocument {
  readonly canvas: PdfCanvas;
  finish(): Uint8Array;
  finishWhenWritten(): Promise<Uint8Array>;
}

/**
 * Opens a document of `page` geometry. `known` is null in the layout pass (nothing drawn as text, output thrown
 * away); `footer` is drawn on every page, as page furniture.
 */
export function openTaggedDocument(
  options: {
    readonly page: PageGeometry;
    readonly layout?: "portrait" | "landscape";
    readonly info: DocumentInfo;
    readonly known: LayoutFacts | null;
    readonly footer: (canvas: PdfCanvas) => void;
  },
  faces: Faces,
): TaggedDocument {
  const { info, known } = options;
  const date = new Date(`${/^\d{4}-\d{2}-\d{2}$/.test(info.date) ? info.date : "1970-01-01"}T00:00:00Z`);
  const { doc, finish, finishWhenWritten } = collectingDocument(
    {
      size: "A4",
      layout: options.layout ?? "portrait",
      // Every line is placed by the canvas, so pdfkit never needs a margin to break pages on.
      margin: 0,
      autoFirstPage: false,
      // The layout pass's output is thrown away: compressing it would be wasted work.
      compress: known !== null,
      lang: "en",
      // Tagged (a structure tree in reading order, headings, artifacts), which needs PDF 1.4 or later.
      tagged: true,
      pdfVersion: "1.7",
      displayTitle: true,
      info: {
        // Metadata is shown by viewers and printed by pdfinfo: neutralised like the text on the pages.
        Title: metadataText(info.title),
        Subject: metadataText(info.subject),
        ...(info.author ? { Author: metadataText(info.author) } : {}),
        Keywords: metadataText(info.keywords),
        Creator: info.creator,
        CreationDate: date,
        ModDate: date,
      },
    },
    known !== null,
  );
  faces.register(doc);
  const canvas = openCanvas(doc, faces, options.page, { layoutPass: known === null, known });
  installContinuedCaptions(canvas);
  doc.on("pageAdded", () => asArtifact(canvas.tags, () => options.footer(canvas)));
  return {
    canvas,
    finish: () => {
      closeTags(canvas.tags);
      return finish();
    },
    finishWhenWritten: () => {
      closeTags(canvas.tags);
      return finishWhenWritten();
    },
  };
}
