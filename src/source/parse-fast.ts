// Fast YAML/JSON parsing without positions (js-yaml), for batches where only invalid files need line:col.
import jsyaml from "js-yaml";
import type { ParseResult } from "./parse-yaml.js";
import type { Place } from "./source-file.js";

// Anchors and aliases (alias bombs are refused by the positioned parser's expansion limit) and binary literals
// (js-yaml reads 0b101 as 5, YAML 1.2 core as text) take the positioned path, so both paths read the same data.
const NEEDS_POSITIONED_PARSER = /(^|[\s[{,:-])[&*][A-Za-z0-9_-]|\b0b[01_]+\b/m;

const NOWHERE: Place = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 }, approximate: true };

/**
 * Parses text with js-yaml's YAML 1.2 core schema, 3–4× faster than the positioned parser. Returns undefined
 * when the text is not plain enough or not well formed: the caller then uses `parseYaml` for exact diagnostics.
 * The returned file locates nothing (every place is 1:1), so its diagnostics must not be shown to anyone.
 */
export function parseYamlFast(path: string, text: string): ParseResult | undefined {
  if (NEEDS_POSITIONED_PARSER.test(text)) return undefined;
  let data: unknown;
  try {
    data = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA, filename: path });
  } catch {
    return undefined;
  }
  return { file: { path, text, data, locate: () => NOWHERE }, diagnostics: [] };
}
