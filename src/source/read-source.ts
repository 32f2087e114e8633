// Reads a file from disk into a SourceFile, turning every I/O or encoding failure into a diagnostic.
import { closeSync, fstatSync, openSync, readFileSync, type Stats } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { strictJsonErrors } from "./parse-json.js";
import { type ParseResult, parseYaml } from "./parse-yaml.js";

/** Files larger than this are refused unless the caller raises the limit. */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/** Reads and parses a YAML or JSON file. Never throws for missing, huge, binary or malformed files. */
export async function readSource(path: string, maxBytes = DEFAULT_MAX_BYTES): Promise<ParseResult> {
  const read = await readBytes(path, maxBytes);
  return read.bytes ? parseBytes(path, read.bytes) : { diagnostics: read.diagnostics };
}

type ReadResult = { bytes?: Buffer; diagnostics: Diagnostic[] };

function readFailure(path: string, code: Diagnostic["code"], message: string, hint: string): ReadResult {
  return {
    diagnostics: [{ file: path, start: { line: 1, column: 1 }, severity: "error", code, message, hint }],
  };
}

/** The diagnostic for a directory or an oversized file, or undefined when the file may be read. */
function refuse(path: string, info: Stats, maxBytes: number): ReadResult | undefined {
  if (info.isDirectory())
    return readFailure(path, "input/read-failed", "Expected a file, found a directory", "Name a file.");
  if (info.size <= maxBytes) return undefined;
  return readFailure(
    path,
    "input/too-large",
    `File is ${info.size} bytes, more than the limit of ${maxBytes} bytes`,
    "Split the file, or raise the limit with `--max-bytes` if it is genuine.",
  );
}

function ioFailure(path: string, error: unknown): ReadResult {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === "ENOENT" ? "File not found" : `File could not be read (${code ?? "unknown error"})`;
  return readFailure(path, "input/read-failed", reason, "Check the path and the file's permissions.");
}

/** Reads a file's bytes with the size limit, turning I/O failures into diagnostics. */
export async function readBytes(path: string, maxBytes = DEFAULT_MAX_BYTES): Promise<ReadResult> {
  try {
    return refuse(path, await stat(path), maxBytes) ?? { bytes: await readFile(path), diagnostics: [] };
  } catch (error) {
    return ioFailure(path, error);
  }
}

/** The blocking twin of `readBytes`, for worker threads where a promise round-trip costs more than the read. */
export function readBytesSync(path: string, maxBytes = DEFAULT_MAX_BYTES): ReadResult {
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    return refuse(path, fstatSync(fd), maxBytes) ?? { bytes: readFileSync(fd), diagnostics: [] };
  } catch (error) {
    return ioFailure(path, error);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Decodes bytes as UTF-8 text, refusing invalid UTF-8 and binary (NUL) content. */
export function decodeText(path: string, bytes: Uint8Array): { text?: string; diagnostics: Diagnostic[] } {
  const fail = (message: string) => ({
    diagnostics: [
      {
        file: path,
        start: { line: 1, column: 1 },
        severity: "error" as const,
        code: "input/not-utf8" as const,
        message,
        hint: "Save it as UTF-8 text (YAML, JSON, or CSV for answers sheets).",
      },
    ],
  });
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return fail("File is not UTF-8 text");
  }
  if (text.includes("\u0000")) return fail("File contains NUL bytes, so it is binary, not text");
  return { text, diagnostics: [] };
}

/** Decodes bytes as UTF-8 (refusing binary data) and parses them as YAML or JSON. */
export function parseBytes(path: string, bytes: Uint8Array): ParseResult {
  const decoded = decodeText(path, bytes);
  if (decoded.text === undefined) return { diagnostics: decoded.diagnostics };
  // JSON is YAML, but YAML accepts more (trailing commas, comments): a `.json` file must be JSON for every tool.
  const json = /\.json$/i.test(path) ? strictJsonErrors(path, decoded.text) : [];
  return json.length > 0 ? { diagnostics: json } : parseYaml(path, decoded.text);
}
