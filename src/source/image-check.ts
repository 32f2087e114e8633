// Checks a PNG or JPEG logo before the PDF library sees it: its dimensions, and for PNG that its pixel data inflates.
// Why here: pdfkit decodes PNGs with transparency or interlacing asynchronously, after the document was "ended",
// and an error there is thrown from a zlib callback no caller can catch.
import { inflateSync } from "node:zlib";

/** Most pixels a logo may have (4096 × 4096): a letterhead mark, decoded in tens of megabytes, not gigabytes. */
export const MAX_LOGO_PIXELS = 4096 * 4096;

/** What was learnt of an image: its kind and size, or why it cannot be used. */
export type ImageCheck =
  | { readonly ok: true; readonly kind: "png" | "jpeg"; readonly width: number; readonly height: number }
  | { readonly ok: false; readonly problem: string };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Samples per pixel by PNG colour type (greyscale, RGB, palette, greyscale + alpha, RGBA). */
const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** Checks `bytes` as a PNG or JPEG logo. Bounded work: the pixel limit is checked before anything is inflated. */
export function checkImage(bytes: Uint8Array): ImageCheck {
  if (PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return checkPng(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return checkJpeg(bytes);
  return { ok: false, problem: "it is neither a PNG nor a JPEG file" };
}

function tooLarge(width: number, height: number): ImageCheck | undefined {
  if (width === 0 || height === 0) return { ok: false, problem: `it is ${width} × ${height} pixels` };
  if (width * height > MAX_LOGO_PIXELS)
    return {
      ok: false,
      problem: `it is ${width} × ${height} pixels, more than the ${MAX_LOGO_PIXELS.toLocaleString("en-US")} a logo may have`,
    };
  return undefined;
}

function checkPng(bytes: Uint8Array): ImageCheck {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const idat: Uint8Array[] = [];
  let header: { width: number; height: number; depth: number; type: number; interlaced: boolean } | undefined;
  let ended = false;
  for (let at = 8; at + 8 <= bytes.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (data.length < length) return { ok: false, problem: `its ${type} chunk is cut short` };
    if (type === "IHDR" && length >= 13)
      header = {
        width: view.getUint32(at + 8),
        height: view.getUint32(at + 12),
        depth: data[8] as number,
        type: data[9] as number,
        interlaced: data[12] === 1,
      };
    if (!/^[A-Za-z]{4}$/.test(type)) return { ok: false, problem: "a chunk of it has no valid type" };
    if (type === "IDAT") idat.push(data);
    if (type === "IEND") {
      ended = true;
      break;
    }
    at += 12 + length;
  }
  if (!header) return { ok: false, problem: "it has no PNG header (IHDR)" };
  // The PDF library's reader refuses a PNG without its end chunk, so it is refused here, where it can be said.
  if (!ended) return { ok: false, problem: "it has no end chunk (IEND): the file is cut short" };
  const channels = CHANNELS[header.type];
  if (channels === undefined)
    return { ok: false, problem: `its colour type ${header.type} is not one PNG defines` };
  const large = tooLarge(header.width, header.height);
  if (large) return large;
  if (idat.length === 0) return { ok: false, problem: "it holds no image data (IDAT)" };
  const rowBytes = Math.ceil((header.width * channels * header.depth) / 8);
  // Interlaced images store seven passes, each row with its own filter byte: never more than twice the plain size.
  const expected = header.height * (rowBytes + 1);
  let inflated: Buffer;
  try {
    inflated = inflateSync(Buffer.concat(idat), { maxOutputLength: expected * 2 + 64 });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: `its pixel data cannot be decompressed (${reason})` };
  }
  if (!header.interlaced && inflated.length !== expected)
    return {
      ok: false,
      problem: `its pixel data holds ${inflated.length} bytes where ${header.width} × ${header.height} pixels need ${expected}`,
    };
  return { ok: true, kind: "png", width: header.width, height: header.height };
}

/** Start-of-frame markers a PDF reader decodes: baseline, extended sequential and progressive (DCT, Huffman). */
const SOF = new Set([0xc0, 0xc1, 0xc2]);
/** Start-of-frame markers of JPEG kinds PDF readers do not decode (lossless, hierarchical, arithmetic). */
const OTHER_SOF = new Set([0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);
/** Start of scan: the compressed image data follows it. */
const SOS = 0xda;

function checkJpeg(bytes: Uint8Array): ImageCheck {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let frame: ImageCheck | undefined;
  for (let at = 2; at + 4 <= bytes.length; ) {
    if (bytes[at] !== 0xff) return { ok: false, problem: "its markers are damaged" };
    const marker = bytes[at + 1] as number;
    const length = view.getUint16(at + 2);
    if (OTHER_SOF.has(marker))
      return {
        ok: false,
        problem: "it is a lossless, hierarchical or arithmetic-coded JPEG, which PDF readers do not show",
      };
    if (SOF.has(marker)) {
      if (at + 10 > bytes.length) break;
      frame = jpegFrame(view, at);
      if (!frame.ok) return frame;
    }
    if (marker === SOS)
      return frame ?? { ok: false, problem: "it has no JPEG frame header before its image data" };
    at += 2 + length;
  }
  return {
    ok: false,
    problem: frame
      ? "it holds no image data (no start of scan): the file is cut short"
      : "it has no JPEG frame header",
  };
}

/** A frame header's size, 8-bit precision and 1, 3 or 4 components (grey, YCbCr, CMYK): what a PDF can show. */
function jpegFrame(view: DataView, at: number): ImageCheck {
  const precision = view.getUint8(at + 4);
  const height = view.getUint16(at + 5);
  const width = view.getUint16(at + 7);
  const components = view.getUint8(at + 9);
  if (precision !== 8)
    return { ok: false, problem: `its samples are ${precision}-bit; a PDF logo needs 8-bit` };
  if (![1, 3, 4].includes(components))
    return { ok: false, problem: `it has ${components} colour components; a PDF logo needs 1, 3 or 4` };
  return tooLarge(width, height) ?? { ok: true, kind: "jpeg", width, height };
}
