// Reads a file from disk into a SourceFile, turning every I/O or encoding failure into a diagnostic.

import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { decodeText } from "./decode-text.js";
import {
  DEFAULT_MAX_BYTES as GATE_MAX_BYTES,
  type GateResult,
  readGated,
  readGatedSync,
} from "./input-gate.js";
import { strictJsonErrors } from "./parse-json.js";
import { type ParseResult, parseYaml } from "./parse-yaml.js";

/** Files larger than this are refused unless the caller raises the limit. */
export const DEFAULT_MAX_BYTES = GATE_MAX_BYTES;

/** Reads and parses a YAML or JSON file. Never throws for missing, huge, binary, special or malformed files. */
export async function readSource(path: string, maxBytes = DEFAULT_MAX_BYTES): Promise<ParseResult> {
  const read = await readBytes(path, maxBytes);
  return read.bytes ? parseBytes(path, read.bytes) : { diagnostics: read.diagnostics };
}

/** Reads a file's bytes through the input gate (regular files only, the size limit checked first). */
export function readBytes(path: string, maxBytes = DEFAULT_MAX_BYTES): Promise<GateResult> {
  return readGated(path, maxBytes);
}

/** The blocking twin of `readBytes`, for worker threads where a promise round-trip costs more than the read. */
export function readBytesSync(path: string, maxBytes = DEFAULT_MAX_BYTES): GateResult {
  return readGatedSync(path, maxBytes);
}

/** Decodes bytes as UTF-8 (refusing binary data) and parses them as YAML or JSON. */
export function parseBytes(path: string, bytes: Uint8Array): ParseResult {
  const decoded = decodeText(path, bytes);
  if (decoded.text === undefined) return { diagnostics: decoded.diagnostics };
  const lineEndings = crOnlyLines(path, decoded.text);
  if (lineEndings) return { diagnostics: [lineEndings] };
  const parsed = parseYaml(path, decoded.text);
  // JSON is YAML, but YAML accepts more (trailing commas, comments): a `.json` file must be JSON for every tool.
  // Only text within the nesting limit reaches the JSON parser, whose recursion has no bound of its own.
  if (!/\.json$/i.test(path) || parsed.diagnostics.some((d) => d.code === "yaml/too-deep")) return parsed;
  const json = strictJsonErrors(path, decoded.text);
  return json.length > 0 ? { diagnostics: json } : parsed;
}

export { decodeText };

/**
 * YAML breaks lines at LF (CRLF too), never at a lone CR: a file saved with classic-Mac line endings is one long line
 * to it, read as a comment or as nonsense. Said plainly instead.
 */
function crOnlyLines(path: string, text: string): Diagnostic | undefined {
  if (!hasCrOnlyLines(text)) return undefined;
  return {
    file: path,
    start: { line: 1, column: text.indexOf("\r") + 1 },
    severity: "error",
    code: "input/line-endings",
    message: "The file ends its lines with CR alone, which YAML and JSON do not read as line breaks",
    hint: "Save it with LF (or CRLF) line endings.",
  };
}

/** True when text breaks its lines with CR alone (no LF anywhere): YAML would read it as one line. */
export function hasCrOnlyLines(text: string): boolean {
  return text.includes("\r") && !text.includes("\n");
}
