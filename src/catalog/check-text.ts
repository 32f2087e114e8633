// Catalog text is read by officers, printed on terminals and written into every report and questionnaire: control,
// bidi and invisible characters in it are refused where they are written, so no command ever has to carry them.
import { firstTerminalUnsafe as firstUnsafe, visibleEscape } from "../diagnostics/format.js";
import type { SourceFile } from "../source/source-file.js";
import type { CatalogSources } from "./load-catalog.js";
import type { Reporter } from "./reporter.js";

/** Reports every string (key or value) of every catalog file that holds a control, bidi or invisible character. */
export function checkText(sources: CatalogSources, report: Reporter): void {
  const files = [
    sources.meta,
    sources.profile,
    sources.lessons,
    ...sources.incidents.values(),
    ...sources.frameworks.values(),
    ...sources.controls.values(),
  ];
  for (const file of files) if (file) walk(file, file.data, [], report);
}

function walk(file: SourceFile, value: unknown, path: (string | number)[], report: Reporter): void {
  if (typeof value === "string") {
    const bad = firstUnsafe(value);
    if (bad !== undefined)
      report(
        file,
        path,
        "catalog/unsafe-text",
        `Text holds the character ${visibleEscape(bad)}, which terminals act on or readers cannot see`,
        "Remove it; write the text with visible characters only (tabs and line breaks are fine).",
      );
    return;
  }
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) walk(file, v, [...path, i], report);
    return;
  }
  if (value !== null && typeof value === "object")
    for (const [key, v] of Object.entries(value)) {
      if (firstUnsafe(key) !== undefined) walk(file, key, [...path, key], report);
      walk(file, v, [...path, key], report);
    }
}
