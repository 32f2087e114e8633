// Reads every text run of a PDF with its page and position (pdfjs), for layout assertions in tests.
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

/** One run of text as a reader places it; `top` is measured from the top of the page, in points. */
export interface PlacedRun {
  readonly page: number;
  readonly pages: number;
  readonly top: number;
  readonly left: number;
  readonly right: number;
  /** Whether the run is turned (rotated headers): its width then runs along another axis. */
  readonly turned: boolean;
  /** The run's font size in points, as placed. */
  readonly size: number;
  readonly text: string;
}

/** Every non-blank text run of a document, page by page. */
export async function placedText(bytes: Uint8Array): Promise<PlacedRun[]> {
  const file = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const runs: PlacedRun[] = [];
  for (let n = 1; n <= file.numPages; n++) {
    const page = await file.getPage(n);
    const content = await page.getTextContent();
    for (const item of content.items) {
      if (!("str" in item) || item.str.trim() === "") continue;
      const left = item.transform[4] as number;
      runs.push({
        page: n,
        pages: file.numPages,
        top: page.view[3]! - item.transform[5],
        left,
        right: left + item.width,
        turned: item.transform[1] !== 0,
        size: Math.hypot(item.transform[2] as number, item.transform[3] as number),
        text: item.str,
      });
    }
  }
  await file.destroy();
  return runs;
}
