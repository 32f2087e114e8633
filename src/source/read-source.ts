// Reads a file from disk into a SourceFile, turning every I/O or encoding failure into a diagnostic.
import { readFile, stat } from "node:fs/promises";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { type ParseResult, parseYaml } from "./parse-yaml.js";

/** Files larger than this are refused unless the caller raises the limit. */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/** Reads and parses a YAML or JSON file. Never throws for missing, huge, binary or malformed files. */
export async function readSource(path: string, maxBytes = DEFAULT_MAX_BYTES): Promise<ParseResult> {
  const read = await readBytes(path, maxBytes);
  return read.bytes ? parseBytes(path, read.bytes) : { diagnostics: read.diagnostics };
}

/** Reads a file's bytes with the size limit, turning I/O failures into diagnostics. */
export async function readBytes(
  path: string,
  maxBytes = DEFAULT_MAX_BYTES,
): Promise<{ bytes?: Buffer; diagnostics: Diagnostic[] }> {
  const fail = (code: Diagnostic["code"], message: string, hint: string): { diagnostics: Diagnostic[] } => ({
    diagnostics: [{ file: path, start: { line: 1, column: 1 }, severity: "error", code, message, hint }],
  });
  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (info.isDirectory())
      return fail("input/read-failed", "Expected a file, found a directory", "Name a file.");
    if (info.size > maxBytes) {
      return fail(
        "input/too-large",
        `File is ${info.size} bytes, more than the limit of ${maxBytes} bytes`,
        "Split the file, or raise the limit with `--max-bytes` if it is genuine.",
      );
    }
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT" ? "File not found" : `File could not be read (${code ?? "unknown error"})`;
    return fail("input/read-failed", reason, "Check the path and the file's permissions.");
  }
  return { bytes, diagnostics: [] };
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
  return decoded.text === undefined ? { diagnostics: decoded.diagnostics } : parseYaml(path, decoded.text);
}
