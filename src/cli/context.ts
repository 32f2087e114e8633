// What every command handler gets: I/O, a way to raise the exit code, and shared output helpers.

import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { formatDiagnostics } from "../diagnostics/format.js";
import { diagnosticDocs } from "../model/diagnostic-codes.js";
import { EXIT, IO_CODES } from "./errors.js";
import { type Io, writeFileAtomic } from "./io.js";

/** Shared state of one CLI run. */
export interface CliContext {
  readonly io: Io;
  /** Raises the exit code (never lowers it). */
  exit(code: number): void;
}

/** The `--out` option of every command that writes a document. */
export const OUT_OPTION = {
  alias: "o",
  type: "string",
  describe: "Write to this file (atomically) instead of stdout",
} as const;

/**
 * Refuses an `--out` that names one of the command's input files: the report would replace the answers it was
 * made from. Paths are compared after resolving symbolic links.
 */
export async function refuseOverwritingInput(
  out: string | undefined,
  inputs: readonly string[],
): Promise<void> {
  if (!out) return;
  const { realpath } = await import("node:fs/promises");
  const { resolve } = await import("node:path");
  const real = (path: string) => realpath(path).catch(() => resolve(path));
  const target = await real(out);
  for (const input of inputs) {
    if ((await real(input)) !== target) continue;
    const { UsageError } = await import("./errors.js");
    throw new UsageError(
      `--out ${out} is the input file ${input}; writing the report there would replace it`,
      "Name another output file.",
    );
  }
}

/** Refuses to write a binary format to a terminal: the user must name a file with `--out` (or redirect stdout). */
export async function refuseBinaryOnTerminal(
  ctx: CliContext,
  format: { readonly format: string; readonly extension: string; readonly binary: boolean },
  out: string | undefined,
  /** The file name the hint suggests: what the command writes ("report", "comparison"). */
  name = "report",
): Promise<void> {
  if (!format.binary || out || !ctx.io.stdoutIsTty) return;
  const { UsageError } = await import("./errors.js");
  throw new UsageError(
    `--format ${format.format} writes binary data and stdout is a terminal; name a file with --out`,
    `e.g. --out ${name}.${format.extension}`,
  );
}

/** Writes command output to `--out` atomically, or to stdout. */
export async function emit(
  ctx: CliContext,
  out: string | undefined,
  data: string | Uint8Array,
): Promise<void> {
  if (out) await writeFileAtomic(out, data);
  else ctx.io.stdout(data);
}

/**
 * Prints diagnostics to stderr (or as JSON to stdout) and sets the exit code: 1 when any is an error, 2 when a file
 * could not be read at all.
 */
export function reportDiagnostics(ctx: CliContext, diagnostics: readonly Diagnostic[], json = false): void {
  if (json) {
    const documented = diagnostics.map((d) => ({ ...d, docs: diagnosticDocs(d.code) }));
    ctx.io.stdout(`${JSON.stringify(documented, null, 2)}\n`);
  } else if (diagnostics.length > 0) ctx.io.stderr(formatDiagnostics(diagnostics));
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.some((d) => IO_CODES.has(d.code))) ctx.exit(EXIT.usage);
  else if (errors.length > 0) ctx.exit(EXIT.findings);
}

/** Accepts a `YYYY-MM-DD` option value or throws a usage error. */
export async function checkDate(value: string | undefined, flag: string): Promise<string | undefined> {
  if (value === undefined) return undefined;
  const { isIsoDate } = await import("../model/dates.js");
  if (isIsoDate(value)) return value;
  const { UsageError } = await import("./errors.js");
  throw new UsageError(`${flag} expects a date YYYY-MM-DD, got "${value}"`, `e.g. ${flag} 2026-03-31`);
}
