// Text to SourceFile: YAML/JSON parsing that turns every syntax problem into a positioned diagnostic.
import { LineCounter, parseDocument } from "yaml";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { type SourceFile, yamlLocator } from "./source-file.js";

/** Result of parsing: a file when the text is well formed, and the diagnostics either way. */
export interface ParseResult {
  readonly file?: SourceFile;
  readonly diagnostics: Diagnostic[];
}

/** Alias expansions allowed before a document is treated as an alias bomb. */
const MAX_ALIAS_COUNT = 200;

/** Parses YAML (and therefore JSON) text, never throwing on bad input. */
export function parseYaml(path: string, text: string): ParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const diagnostics: Diagnostic[] = [];
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  for (const error of doc.errors) {
    const duplicate = error.code === "DUPLICATE_KEY";
    diagnostics.push({
      file: path,
      start: at(error.pos[0]),
      end: at(error.pos[1]),
      severity: "error",
      code: duplicate ? "yaml/duplicate-key" : "yaml/syntax",
      message: firstLine(error.message),
      hint: duplicate
        ? "Each key may appear once per mapping; merge the two entries."
        : "Check indentation and quoting near this position; quote values that contain `: ` or start with `*`, `&`, `!`.",
    });
  }
  if (diagnostics.length > 0) return { diagnostics };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // yaml throws a ReferenceError when alias expansion exceeds maxAliasCount.
    diagnostics.push({
      file: path,
      start: { line: 1, column: 1 },
      severity: "error",
      code: "yaml/too-many-aliases",
      message: firstLine(error instanceof Error ? error.message : String(error)),
      hint: `Write the values out instead of using more than ${MAX_ALIAS_COUNT} alias expansions.`,
    });
    return { diagnostics };
  }
  for (const warning of doc.warnings) {
    diagnostics.push({
      file: path,
      start: at(warning.pos[0]),
      severity: "warning",
      code: "yaml/syntax",
      message: firstLine(warning.message),
    });
  }
  return { file: { path, text, data, locate: yamlLocator(doc, lineCounter) }, diagnostics };
}

function firstLine(message: string): string {
  return message.split("\n")[0]?.trim() ?? message;
}
