// Bytes to text: UTF-8 only, and a refusal that says where the first bad byte is and which encoding it looks like.
import type { Diagnostic, Point } from "../diagnostics/diagnostic.js";

/** Byte-order marks of encodings that are not UTF-8, longest first (UTF-32 LE begins like UTF-16 LE). */
const OTHER_ENCODINGS: readonly (readonly [string, readonly number[]])[] = [
  ["UTF-32 (little-endian)", [0xff, 0xfe, 0x00, 0x00]],
  ["UTF-32 (big-endian)", [0x00, 0x00, 0xfe, 0xff]],
  ["UTF-16 (little-endian)", [0xff, 0xfe]],
  ["UTF-16 (big-endian)", [0xfe, 0xff]],
];

const HINT = "Save it as UTF-8 text (YAML, JSON, or CSV for answers sheets).";

/** Decodes bytes as UTF-8 text, refusing other encodings, invalid UTF-8 and binary (NUL) content. */
export function decodeText(path: string, bytes: Uint8Array): { text?: string; diagnostics: Diagnostic[] } {
  const fail = (start: Point, message: string) => ({
    diagnostics: [
      { file: path, start, severity: "error" as const, code: "input/not-utf8" as const, message, hint: HINT },
    ],
  });
  const other = OTHER_ENCODINGS.find(([, mark]) => mark.every((byte, i) => bytes[i] === byte));
  if (other) return fail({ line: 1, column: 1 }, `File is ${other[0]} text, not UTF-8`);
  const text = decodeUtf8(bytes);
  if (text === undefined) {
    const bad = firstInvalidByte(bytes);
    const from = sequenceStart(bytes, bad);
    const shown = [...bytes.subarray(from, bad + 1)].map(
      (b) => `0x${b.toString(16).toUpperCase().padStart(2, "0")}`,
    );
    const what = shown.length === 1 ? `byte ${shown[0]} is` : `bytes ${shown.join(" ")} are`;
    return fail(pointAt(bytes, from), `File is not UTF-8 text: ${what} not a UTF-8 character`);
  }
  const nul = text.indexOf("\u0000");
  if (nul >= 0) {
    const start = pointAt(bytes, new TextEncoder().encode(text.slice(0, nul)).length);
    return fail(
      start,
      "File contains NUL bytes, so it is binary (or UTF-16 without a byte-order mark), not text",
    );
  }
  return { text, diagnostics: [] };
}

function decodeUtf8(bytes: Uint8Array, stream = false): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes, { stream });
  } catch {
    return undefined;
  }
}

/**
 * Offset of the first byte that makes the text invalid. A streaming decode accepts a sequence cut short at the
 * end, so "this prefix is valid" holds for every prefix up to the bad byte and fails after it: a bisection.
 */
function firstInvalidByte(bytes: Uint8Array): number {
  let good = 0;
  let bad = bytes.length;
  while (bad - good > 1) {
    const mid = (good + bad) >> 1;
    if (decodeUtf8(bytes.subarray(0, mid), true) === undefined) bad = mid;
    else good = mid;
  }
  return good;
}

/** Where the character that `bad` breaks begins: the lead byte of a sequence it cuts short, else `bad` itself. */
function sequenceStart(bytes: Uint8Array, bad: number): number {
  for (let i = bad - 1; i >= Math.max(0, bad - 3); i--) {
    const byte = bytes[i] ?? 0;
    if (byte >= 0xc0) return i;
    if (byte < 0x80) break;
  }
  return bad;
}

/** Line and column (in UTF-16 code units, as the YAML positions are, from 1) of a byte offset of valid UTF-8 before it. */
function pointAt(bytes: Uint8Array, offset: number): Point {
  // lastIndexOf counts a negative start from the end, so the first byte is handled apart.
  const lineStart = offset === 0 ? 0 : bytes.lastIndexOf(0x0a, offset - 1) + 1;
  let line = 1;
  for (let i = 0; i < lineStart; i++) if (bytes[i] === 0x0a) line++;
  const before = decodeUtf8(bytes.subarray(lineStart, offset), true) ?? "";
  return { line, column: before.length + 1 };
}
