// Reads one submission file synchronously (YAML, JSON or a CSV answers sheet): workers own their thread, so
// blocking reads are cheaper than promise round-trips through the shared I/O pool.
import { parseAnswersBytes } from "../answers/load-answers.js";
import type { Catalog } from "../model/catalog.js";
import type { ParseResult } from "../source/parse-yaml.js";
import { DEFAULT_MAX_BYTES, readBytesSync } from "../source/read-source.js";

/** Reads and parses a submission. Never throws for missing, huge, binary or malformed files. */
export function readSubmissionSync(
  path: string,
  catalog: Catalog,
  maxBytes = DEFAULT_MAX_BYTES,
): ParseResult {
  const read = readBytesSync(path, maxBytes);
  return read.bytes ? parseAnswersBytes(path, read.bytes, catalog) : { diagnostics: read.diagnostics };
}
