// What every command handler gets: I/O, a way to raise the exit code, and shared output helpers.

import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { formatDiagnostics } from "../diagnostics/format.js";
import { diagnosticDocs } from "../model/diagnostic-codes.js";
import { EXIT, IO_CODES, UsageError } from "./errors.js";
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

/** The bounds of a numeric option and an example to show when a value is outside them. */
export interface NumberRule {
  readonly min: number;
  readonly max?: number;
  readonly integer: boolean;
  /** What the number counts, for the message: "a whole number of bytes". */
  readonly expects: string;
  readonly example: string;
}

/** A numeric option's yargs settings: `coerce` turns text into a number (NaN if it does not fit), `check` refuses NaN. */
export interface NumberOption {
  readonly type: "string";
  coerce(raw: unknown): number | undefined;
  check(argv: Readonly<Record<string, unknown>>): true;
}

/**
 * A numeric option declared as a string, so a usage error can show the value as typed ("abc", not "NaN"); a
 * repeated option counts its last value. yargs wraps errors thrown by `coerce` into bare messages but keeps
 * those thrown by `check` (with their hint), so `coerce` marks text that does not fit as NaN, remembering it,
 * and `check` refuses it.
 */
export function numberOption(flag: string, rule: NumberRule): NumberOption {
  const key = flag.replace(/^--/, "");
  let rejected = "";
  return {
    type: "string",
    coerce: (raw) => {
      const last: unknown = Array.isArray(raw) ? raw.at(-1) : raw;
      if (last === undefined) return undefined;
      const text = String(last).trim();
      // Decimal digits only: Number() would also take 0x10, 1e3, +5 and " 12", which no reader of the option expects.
      const written = rule.integer ? /^\d+$/ : /^\d+(\.\d+)?$/;
      const value = written.test(String(last)) ? Number(text) : Number.NaN;
      if (fitsRule(value, rule)) return value;
      rejected = text === "" ? "an empty value" : String(last);
      return Number.NaN;
    },
    check: (argv) => {
      const value = argv[key];
      if (!(typeof value === "number" && Number.isNaN(value))) return true;
      throw new UsageError(
        `${flag} expects ${rule.expects}, got ${rejected}`,
        `e.g. ${flag} ${rule.example}`,
      );
    },
  };
}

function fitsRule(value: number, rule: NumberRule): boolean {
  return (
    Number.isFinite(value) &&
    value >= rule.min &&
    (rule.max === undefined || value <= rule.max) &&
    (!rule.integer || Number.isInteger(value))
  );
}

/** Accepts a `YYYY-MM-DD` option value or throws a usage error. */
export async function checkDate(value: string | undefined, flag: string): Promise<string | undefined> {
  if (value === undefined) return undefined;
  const { isIsoDate } = await import("../model/dates.js");
  if (isIsoDate(value)) return value;
  const { UsageError } = await import("./errors.js");
  throw new UsageError(`${flag} expects a date YYYY-MM-DD, got "${value}"`, `e.g. ${flag} 2026-03-31`);
}
