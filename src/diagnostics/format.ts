// Diagnostics as text: a stylish, per-file listing with hints and totals (vfile-reporter / ESLint style).
import { type Diagnostic, sortDiagnostics } from "./diagnostic.js";

/** Formats diagnostics as `file:line:col  severity  message  code` blocks, with hints and a total line. */
export function formatDiagnostics(list: readonly Diagnostic[]): string {
  if (list.length === 0) return "No problems found.\n";
  const lines: string[] = [];
  for (const d of sortDiagnostics(list)) {
    lines.push(`${d.file}:${d.start.line}:${d.start.column}  ${d.severity}  ${d.message}  ${d.code}`);
    if (d.expected !== undefined && !d.message.includes(d.expected))
      lines.push(`    expected: ${d.expected}`);
    if (d.actual !== undefined && !d.message.includes(d.actual)) lines.push(`    actual:   ${d.actual}`);
    if (d.hint) lines.push(`    hint: ${d.hint}`);
    for (const r of d.related ?? [])
      lines.push(`    see: ${r.file}:${r.start.line}:${r.start.column}  ${r.message}`);
  }
  const errors = list.filter((d) => d.severity === "error").length;
  const warnings = list.length - errors;
  lines.push("", `${plural(errors, "error")}, ${plural(warnings, "warning")}`);
  return `${lines.join("\n")}\n`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
