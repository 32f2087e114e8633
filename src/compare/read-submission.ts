// Reads one submission file synchronously (YAML, JSON or a CSV answers sheet): workers own their thread, so
// blocking reads are cheaper than promise round-trips through the shared I/O pool.
import { closeSync, fstatSync, openSync, readFileSync } from "node:fs";
import { parseAnswersSheet } from "../answers/answers-sheet.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Catalog } from "../model/catalog.js";
import type { ParseResult } from "../source/parse-yaml.js";
import { DEFAULT_MAX_BYTES, decodeText, parseBytes } from "../source/read-source.js";

/** Reads and parses a submission. Never throws for missing, huge, binary or malformed files. */
export function readSubmissionSync(
  path: string,
  catalog: Catalog,
  maxBytes = DEFAULT_MAX_BYTES,
): ParseResult {
  const fail = (code: Diagnostic["code"], message: string, hint: string): ParseResult => ({
    diagnostics: [{ file: path, start: { line: 1, column: 1 }, severity: "error", code, message, hint }],
  });
  let bytes: Buffer;
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    const info = fstatSync(fd);
    if (info.isDirectory())
      return fail("input/read-failed", "Expected a file, found a directory", "Name a file.");
    if (info.size > maxBytes) {
      return fail(
        "input/too-large",
        `File is ${info.size} bytes, more than the limit of ${maxBytes} bytes`,
        "Split the file, or raise the limit with `--max-bytes` if it is genuine.",
      );
    }
    bytes = readFileSync(fd);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT" ? "File not found" : `File could not be read (${code ?? "unknown error"})`;
    return fail("input/read-failed", reason, "Check the path and the file's permissions.");
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (!/\.csv$/i.test(path)) return parseBytes(path, bytes);
  const decoded = decodeText(path, bytes);
  return decoded.text === undefined
    ? { diagnostics: decoded.diagnostics }
    : parseAnswersSheet(path, decoded.text, catalog);
}
