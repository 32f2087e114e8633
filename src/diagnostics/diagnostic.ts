// Diagnostic: one problem found in user data, with where it is, what was expected and what was found.
import type { DiagnosticCode } from "./codes.js";

/** How bad a diagnostic is: errors stop a report, warnings are printed and kept. */
export type DiagnosticSeverity = "error" | "warning";

/** A 1-based line and column. */
export interface Point {
  readonly line: number;
  readonly column: number;
}

/** One problem in a file, in the shape of vfile-message / OPA errors. */
export interface Diagnostic {
  readonly file: string;
  readonly start: Point;
  readonly end?: Point;
  readonly severity: DiagnosticSeverity;
  readonly code: DiagnosticCode;
  readonly message: string;
  /** Key path inside the document, when the problem is about a value. */
  readonly path?: readonly (string | number)[];
  readonly expected?: string;
  readonly actual?: string;
  /** A suggestion the user can act on ("did you mean …"). */
  readonly hint?: string;
}

/** Orders diagnostics by file, line, column and code, so output is stable. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.start.line - b.start.line ||
      a.start.column - b.start.column ||
      a.code.localeCompare(b.code) ||
      a.message.localeCompare(b.message),
  );
}

/** True when any diagnostic is an error. */
export function hasErrors(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.severity === "error");
}

/** Formats a value for a message: strings and numbers in backticks, long values shortened. */
export function show(value: unknown): string {
  let text: string;
  if (value === undefined) text = "nothing";
  else if (typeof value === "string") text = value;
  else text = JSON.stringify(value) ?? String(value);
  if (text.length > 60) text = `${text.slice(0, 57)}...`;
  return value === undefined ? text : `\`${text}\``;
}
