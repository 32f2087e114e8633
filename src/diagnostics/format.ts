// Diagnostics as text: a stylish, per-file listing with hints and totals (vfile-reporter / ESLint style).
import { type Diagnostic, sortDiagnostics } from "./diagnostic.js";

/**
 * What a terminal must never receive raw from user data: C0 controls but tab and line feed (ESC starts
 * escape sequences that set the title or clear the screen, BEL rings, CR and BS overwrite what was
 * printed), DEL, C1 controls (U+0080–U+009F, CSI among them), the bidi marks, embeddings, overrides and
 * isolates (U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069) that reorder what is shown, and the
 * zero-width and invisible characters (U+200B–U+200D, U+2060–U+2064, U+FEFF) and line/paragraph
 * separators (U+2028–U+2029) that hide or split text.
 */
// \p{Cc} is C0, DEL and C1; \p{Cs} a lone surrogate (half a pair, from a `\uD800` escape), which a terminal or a
// UTF-8 file can only show as U+FFFD; the lookahead keeps tab and line feed.
const TERMINAL_UNSAFE =
  /(?![\t\n])[\p{Cc}\p{Cs}\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/gu;

// Not global, so `match` returns the first character found and no `lastIndex` is kept between calls.
const FIRST_TERMINAL_UNSAFE = new RegExp(TERMINAL_UNSAFE.source, "u");

/** The first character of `text` a terminal would act on or a reader could not see, if any (lint refuses them). */
export function firstTerminalUnsafe(text: string): string | undefined {
  return text.match(FIRST_TERMINAL_UNSAFE)?.[0];
}

/** The visible escape of one UTF-16 code unit: `\u001B` for ESC, `\u202E` for RIGHT-TO-LEFT OVERRIDE. */
export function visibleEscape(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * Makes user text safe to print on a terminal: every character of `TERMINAL_UNSAFE` becomes its
 * visible escape (`\u001B`), so a reader sees that it was there and the terminal does not act on it.
 * Line feeds and tabs are kept. Every line of user text printed in text mode goes through here.
 */
export function escapeForTerminal(text: string): string {
  return text.replace(TERMINAL_UNSAFE, visibleEscape);
}

/**
 * Longest run of non-space characters printed whole on a terminal: longer than any real path (4,096 bytes) cuts a
 * 100,000-character argument or file name down to its ends, so an echoed value cannot flood the screen.
 */
export const ECHO_LIMIT = 4096;

/** Shortens every run of non-space characters longer than `limit` to its ends and a count of what was left out. */
export function shortenRuns(text: string, limit = ECHO_LIMIT): string {
  if (text.length <= limit) return text;
  const keep = Math.floor(limit / 4);
  return text.replace(
    new RegExp(`\\S{${limit + 1},}`, "g"),
    (run) => `${run.slice(0, keep)}…[${run.length - 2 * keep} characters left out]…${run.slice(-keep)}`,
  );
}

/** One field of a diagnostic: escaped, and a line break continues indented, so it can never pose as a diagnostic. */
function field(text: string): string {
  return escapeForTerminal(shortenRuns(text)).replace(/\n/g, "\n      ");
}

/** Formats diagnostics as `file:line:col  severity  message  code` blocks, with hints and a total line. */
export function formatDiagnostics(list: readonly Diagnostic[]): string {
  if (list.length === 0) return "No problems found.\n";
  const lines: string[] = [];
  for (const d of sortDiagnostics(list)) {
    lines.push(`${field(placeOf(d.file, d.start))}  ${d.severity}  ${field(d.message)}  ${d.code}`);
    if (d.expected !== undefined && !d.message.includes(d.expected))
      lines.push(`    expected: ${field(d.expected)}`);
    if (d.actual !== undefined && !d.message.includes(d.actual))
      lines.push(`    actual:   ${field(d.actual)}`);
    if (d.hint) lines.push(`    hint: ${field(d.hint)}`);
    for (const r of d.related ?? [])
      lines.push(`    see: ${field(placeOf(r.file, r.start))}  ${field(r.message)}`);
  }
  lines.push("", totalLine(list));
  return `${lines.join("\n")}\n`;
}

/** "1,523 errors, 3 warnings (1,000 listed)": every problem counted, also those a capped file leaves out. */
function totalLine(list: readonly Diagnostic[]): string {
  let errors = 0;
  let warnings = 0;
  let listed = 0;
  let capped = false;
  for (const d of list) {
    if (d.omitted) {
      // The notice of a capped list stands for the problems it leaves out, not for one more.
      capped = true;
      errors += d.omitted.errors;
      warnings += d.omitted.warnings;
      continue;
    }
    listed++;
    if (d.severity === "error") errors++;
    else warnings++;
  }
  const total = `${plural(errors, "error")}, ${plural(warnings, "warning")}`;
  return capped ? `${total} (${listed.toLocaleString("en-US")} listed)` : total;
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;
}

/** `file:line:col`, or `file.xlsx!Sheet!C12` for a cell of a workbook. */
export function placeOf(file: string, start: { line: number; column: number; cell?: string }): string {
  return start.cell ? `${file}!${start.cell}` : `${file}:${start.line}:${start.column}`;
}
