// A pdfkit document that copies its output into fixed-size blocks the moment it is produced.
// Why: rendering is synchronous, so a Readable would hold every chunk until the event loop turns, and
// zlib returns each compressed stream as a view into a 16 KiB slab: a 4 MiB PDF pinned about 40 MiB.
import PDFDocument from "pdfkit";

/** A document and the bytes it has produced so far. */
export interface CollectingDocument {
  readonly doc: PDFKit.PDFDocument;
  /** The finished file; valid once `doc.end()` has returned. */
  bytes(): Uint8Array;
}

const BLOCK = 1 << 20;

/** Creates a document whose output is collected in memory. */
export function collectingDocument(options: PDFKit.PDFDocumentOptions): CollectingDocument {
  // Fixed-size blocks, joined once at the end: growing one buffer by doubling would leave the
  // discarded halves as garbage.
  const blocks: Uint8Array[] = [];
  let block = new Uint8Array(BLOCK);
  let used = 0;
  let ended = false;
  class Collecting extends PDFDocument {
    // pdfkit writes through Readable#push; taking the chunks here bypasses the stream's buffering.
    override push(chunk: Uint8Array | null): boolean {
      if (chunk === null) {
        ended = true;
        return false;
      }
      let offset = 0;
      while (offset < chunk.length) {
        if (used === block.length) {
          blocks.push(block);
          block = new Uint8Array(BLOCK);
          used = 0;
        }
        const take = Math.min(chunk.length - offset, block.length - used);
        block.set(chunk.subarray(offset, offset + take), used);
        used += take;
        offset += take;
      }
      return true;
    }
  }
  const doc = new Collecting(options);
  return {
    doc,
    bytes() {
      if (!ended) throw new Error("the PDF document has not ended");
      const out = new Uint8Array(blocks.length * BLOCK + used);
      blocks.forEach((b, i) => {
        out.set(b, i * BLOCK);
      });
      out.set(block.subarray(0, used), blocks.length * BLOCK);
      return out;
    },
  };
}
