// The completeness of an answers file as the lines `validate` prints under its diagnostics.
import { escapeForTerminal, shortenRuns } from "../diagnostics/format.js";
import type { Completeness } from "../engine/completeness.js";

/** "file: 7 of 69 in-scope controls answered (10.1%); blank: 12 critical, …" plus each incomplete lesson. */
export function describeCompleteness(path: string, c: Completeness, withErrors = false): string {
  const blank = c.blank
    .map((b) => `${b.controls.length} ${b.severity} (${b.controls.join(", ")})`)
    .join("; ");
  const lines = [
    `${escapeForTerminal(shortenRuns(path)).replaceAll("\n", "\\n")}: ${c.answered} of ${c.in_scope} in-scope controls answered (${c.percent}%)${blank ? `; ${withErrors ? "blank or in error" : "blank"}: ${blank}` : ""}`,
    ...c.lessons
      .filter((l) => l.answered < l.in_scope)
      .map((l) => `  ${l.title}: ${l.answered} of ${l.in_scope} answered (${l.percent}%)`),
  ];
  return `${lines.join("\n")}\n`;
}
