// Diagnostic: one problem found in user data, with where it is, what was expected and what was found.
import type * as z from "zod";
import type { DiagnosticSchema, DiagnosticSeveritySchema, PointSchema } from "../model/diagnostic.js";

/** How bad a diagnostic is: errors stop a report, warnings are printed and kept. */
export type DiagnosticSeverity = z.infer<typeof DiagnosticSeveritySchema>;

/** A 1-based line and column. */
export type Point = z.infer<typeof PointSchema>;

/** One problem in a file; its one definition is `DiagnosticSchema`. */
export type Diagnostic = z.infer<typeof DiagnosticSchema>;

/** Orders two strings by code unit: the same order in every locale. */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders diagnostics by file, line, column and code, so output is stable in every locale. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      byCodeUnit(a.file, b.file) ||
      a.start.line - b.start.line ||
      a.start.column - b.start.column ||
      byCodeUnit(a.code, b.code) ||
      byCodeUnit(a.message, b.message),
  );
}

/** True when any diagnostic is an error. */
export function hasErrors(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.severity === "error");
}

/**
 * A key path as a person reads it: dotted, with list positions counted from 1 (`evidence.1` is the first piece of
 * evidence, as in an answers sheet). The `path` of a diagnostic stays 0-based for programs.
 */
export function showPath(path: readonly PropertyKey[]): string {
  return path.map((key) => (typeof key === "number" ? String(key + 1) : String(key))).join(".");
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

/**
 * Appends every item of `items` to `target`. Why not `target.push(...items)`: a spread passes each item as an
 * argument, and a file with some 125,000 problems overflows the call stack.
 */
export function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
