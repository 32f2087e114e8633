// Reads one submission file: synchronously for YAML, JSON or a CSV answers sheet (workers own their thread, so
// blocking reads are cheaper than promise round-trips through the shared I/O pool), asynchronously for a workbook.

import type { Catalog } from "../model/catalog.js";
import { parseYamlFast } from "../source/parse-fast.js";
import type { ParseResult } from "../source/parse-yaml.js";
import {
  DEFAULT_MAX_BYTES,
  decodeText,
  hasCrOnlyLines,
  readBytes,
  readBytesSync,
} from "../source/read-source.js";
import { parseAnswersBytes } from "./validate-answers.js";

/** A read submission: the fast parse (no positions) when one was possible, and how to get the positioned one. */
export interface ReadSubmission {
  readonly parsed: ParseResult;
  /** True when `parsed` has no positions, so diagnostics must come from `positioned()` instead. */
  readonly fast: boolean;
  positioned(): ParseResult;
}

/** True for an Excel workbook, which only the asynchronous reader reads. */
export const isWorkbookPath = (path: string): boolean => /\.xlsx$/i.test(path);

/**
 * Reads a submission of any kind, a workbook among them. Why a second reader: exceljs reads a workbook only
 * asynchronously, so workbooks are read here, on the calling thread, and every other file as before.
 */
export async function readSubmission(
  path: string,
  catalog: Catalog,
  maxBytes = DEFAULT_MAX_BYTES,
): Promise<ReadSubmission> {
  if (!isWorkbookPath(path)) return readSubmissionSync(path, catalog, maxBytes);
  const read = await readBytes(path, maxBytes);
  const parsed: ParseResult = read.bytes
    ? await (await import("../answers/read-workbook.js")).readAnswersWorkbook(path, read.bytes, catalog)
    : { diagnostics: read.diagnostics };
  return { parsed, fast: false, positioned: () => parsed };
}

/** Reads a submission other than a workbook. Never throws for missing, huge, binary or malformed files. */
export function readSubmissionSync(
  path: string,
  catalog: Catalog,
  maxBytes = DEFAULT_MAX_BYTES,
): ReadSubmission {
  const read = readBytesSync(path, maxBytes);
  if (!read.bytes) {
    const failed = { diagnostics: read.diagnostics };
    return { parsed: failed, fast: false, positioned: () => failed };
  }
  const bytes = read.bytes;
  const positioned = () => parseAnswersBytes(path, bytes, catalog);
  // A `.json` file takes the positioned path, which reads it as strict JSON.
  if (!/\.(csv|json)$/i.test(path)) {
    const decoded = decodeText(path, bytes);
    // Text with CR-only line endings takes the positioned path, which names the problem.
    const plain = decoded.text !== undefined && !hasCrOnlyLines(decoded.text);
    const fast = plain && decoded.text !== undefined ? parseYamlFast(path, decoded.text) : undefined;
    if (fast) return { parsed: fast, fast: true, positioned };
  }
  const parsed = positioned();
  return { parsed, fast: false, positioned: () => parsed };
}
