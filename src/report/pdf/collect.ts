// A pdfkit document whose output is read off the stream as it is produced, page by page.
// Why read(): rendering is synchronous, so a 'data' listener would only run after the whole document
// sat in the stream's buffer as zlib slices, each pinning a 16 KiB slab; read() hands back a compact copy.
import PDFDocument from "pdfkit";

/** A document and the bytes it has produced so far. */
export interface CollectingDocument {
  readonly doc: PDFKit.PDFDocument;
  /** Ends the document and returns the file: complete only when nothing was left to decode (no image). */
  finish(): Uint8Array;
  /**
   * Ends the document and resolves with the file once pdfkit has written its last byte. pdfkit decodes a PNG with
   * transparency or interlacing asynchronously and writes the cross-reference table only after that, so a document
   * that may hold an image must be finished this way.
   */
  finishWhenWritten(): Promise<Uint8Array>;
}

/** Creates a document whose output is collected in memory (or dropped, for a layout pass). */
export function collectingDocument(options: PDFKit.PDFDocumentOptions, keep = true): CollectingDocument {
  const doc = new PDFDocument(options);
  const chunks: Buffer[] = [];
  const drain = () => {
    for (let chunk = doc.read() as Buffer | null; chunk !== null; chunk = doc.read() as Buffer | null) {
      if (keep) chunks.push(chunk);
    }
  };
  doc.on("pageAdded", drain);
  return {
    doc,
    finish() {
      doc.end();
      drain();
      return new Uint8Array(Buffer.concat(chunks));
    },
    finishWhenWritten() {
      return new Promise((resolve, reject) => {
        doc.on("readable", drain);
        doc.once("error", reject);
        doc.once("end", () => {
          drain();
          resolve(new Uint8Array(Buffer.concat(chunks)));
        });
        doc.end();
        drain();
      });
    },
  };
}
