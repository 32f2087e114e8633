// Text to SourceFile: YAML/JSON parsing that turns every syntax problem into a positioned diagnostic.
import { type Document, isMap, isNode, isScalar, isSeq, LineCounter, visit, type YAMLError } from "yaml";
import { appendAll, type Diagnostic, type Point, show, showPath } from "../diagnostics/diagnostic.js";
import { type SourceFile, yamlLocator } from "./source-file.js";
import { composeBounded, MAX_NESTING, nonFiniteNumbers, type Span } from "./yaml-subset.js";

/**
 * Result of parsing: a file when the text could be read as a document, and the diagnostics either way. A file
 * with duplicate keys still comes with its data (the later entry of a key wins, as in JSON), so the rest of it can
 * be checked in the same pass; the duplicates are errors in `diagnostics`.
 */
export interface ParseResult {
  readonly file?: SourceFile;
  readonly diagnostics: Diagnostic[];
}

/** Alias expansions allowed before a document is treated as an alias bomb. */
const MAX_ALIAS_COUNT = 200;

type At = (offset: number) => Point;

/** Parses YAML (and therefore JSON) text, never throwing on bad input. */
export function parseYaml(path: string, text: string): ParseResult {
  const lineCounter = new LineCounter();
  const at: At = (offset) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  // Duplicate keys are found by `duplicateKeys`, which knows both places; yaml's own check names only the second
  // and would leave the whole file unchecked.
  const composed = composeBounded(text, lineCounter);
  if ("tooDeep" in composed) return { diagnostics: [tooDeepError(path, at(composed.tooDeep))] };
  const { doc } = composed;
  const version = doc.directives?.yaml;
  // `%YAML 1.1` would switch the reading of `yes`, `no`, `0b101` and `1_0` to YAML 1.1's; every file is read as 1.2.
  if (version?.explicit && version.version !== "1.2")
    return { diagnostics: [directiveError(path, at(Math.max(0, text.indexOf("%YAML"))), version.version)] };
  const diagnostics = doc.errors.map((error) => syntaxError(path, error, at));
  if (diagnostics.length === 0)
    appendAll(
      diagnostics,
      composed.tags.map((tag) => tagError(path, tag, at)),
    );
  if (diagnostics.length === 0)
    appendAll(
      diagnostics,
      nonFiniteNumbers(doc).map((n) => nonFinite(path, n, at)),
    );
  if (diagnostics.length > 0) return { diagnostics };
  const grown = aliasGrowthError(path, doc, at);
  if (grown) return { diagnostics: [grown] };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // yaml throws a ReferenceError when alias expansion exceeds maxAliasCount.
    diagnostics.push({
      file: path,
      start: at(firstAliasOffset(doc)),
      severity: "error",
      code: "yaml/too-many-aliases",
      message: firstLine(error instanceof Error ? error.message : String(error)),
      hint: `Write the values out instead of using more than ${MAX_ALIAS_COUNT} alias expansions.`,
    });
    return { diagnostics };
  }
  appendAll(diagnostics, duplicateKeys(path, doc, at));
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

/** The first node nested past the limit: said as such, not as the stack overflow the parser would have hit. */
function tooDeepError(path: string, start: Point): Diagnostic {
  return {
    file: path,
    start,
    severity: "error",
    code: "yaml/too-deep",
    message: `Nesting deeper than ${MAX_NESTING} levels of mappings and lists`,
    hint: `No vaspcheck file nests more than a dozen levels; ${MAX_NESTING} is the limit. Check for brackets that are opened and never closed.`,
  };
}

/** A tag (`!!float`, `!!binary`, `!x`): read differently by YAML tools, and never needed in a vaspcheck file. */
function tagError(path: string, tag: Span, at: At): Diagnostic {
  return {
    file: path,
    start: at(tag.start),
    end: at(tag.end),
    severity: "error",
    code: "yaml/tag",
    message: `Unexpected tag ${show(tag.source)}: vaspcheck files take plain values`,
    hint: "Remove the tag and write the value plainly; put it in quotes to make it text.",
  };
}

/** `.inf`, `-.inf` or `.nan`: YAML numbers that no answer or catalog value can be. */
function nonFinite(path: string, number: Span, at: At): Diagnostic {
  const what = /nan/i.test(number.source) ? "not a number" : "infinity";
  return {
    file: path,
    start: at(number.start),
    end: at(number.end),
    severity: "error",
    code: "yaml/not-finite",
    message: `Unexpected ${show(number.source)} (YAML for ${what}): numbers must be finite`,
    hint: `Write a finite number, or put it in quotes (\`"${number.source}"\`) to make it text.`,
  };
}

function syntaxError(path: string, error: YAMLError, at: At): Diagnostic {
  return {
    file: path,
    start: at(error.pos[0]),
    end: at(error.pos[1]),
    severity: "error",
    code: "yaml/syntax",
    message: shortened(firstLine(error.message)),
    hint:
      error.code === "MULTIPLE_DOCS"
        ? "Remove the second document, or save it as a file of its own."
        : "Check indentation and quoting near this position; quote values that contain `: ` or start with `*`, `&`, `!`.",
  };
}

/**
 * Every key that a mapping repeats, at its later place (the entry that is read), with the first one as related.
 * Keys are compared as the data reads them, so `1` and `"1"` are the same key.
 */
function duplicateKeys(path: string, doc: Document, at: At): Diagnostic[] {
  const out: Diagnostic[] = [];
  const walk = (node: unknown, keys: readonly (string | number)[]): void => {
    if (isSeq(node)) for (const [i, item] of node.items.entries()) walk(item, [...keys, i]);
    if (!isMap(node)) return;
    const first = new Map<string, Point>();
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      const range = isNode(pair.key) ? pair.key.range : undefined;
      if (key !== undefined && range) {
        const earlier = first.get(key);
        if (earlier) out.push(duplicateKey(path, [...keys, key], earlier, at(range[0]), at(range[1])));
        else first.set(key, at(range[0]));
      }
      walk(pair.value, key === undefined ? keys : [...keys, key]);
    }
  };
  walk(doc.contents, []);
  return out;
}

function duplicateKey(
  path: string,
  keys: readonly (string | number)[],
  first: Point,
  start: Point,
  end: Point,
): Diagnostic {
  const where = keys.length > 1 ? ` in \`${showPath(keys.slice(0, -1))}\`` : "";
  return {
    file: path,
    start,
    end,
    severity: "error",
    code: "yaml/duplicate-key",
    message: `Duplicate key ${show(String(keys.at(-1)))}${where}`,
    path: [...keys],
    hint: "Each key may appear once per mapping: merge the two entries into one. Until then the later one is checked for errors, and neither counts as answered.",
    related: [{ file: path, start: first, message: "first defined here" }],
  };
}

/** The parser quotes the text it stumbled on, which may be megabytes long: its start says enough. */
function shortened(message: string): string {
  return message.length <= 300
    ? message
    : `${message.slice(0, 280)}… (${message.length - 280} more characters)`;
}

function firstLine(message: string): string {
  return message.split("\n")[0]?.trim() ?? message;
}

/**
 * Most bytes of source text that aliases may repeat: the alias count alone lets one 9 MB scalar, aliased 67 times,
 * become 600 MB of data inside a file the size limit admits.
 */
export const MAX_ALIAS_BYTES = 1024 * 1024;

/** The error of a document whose aliases repeat more than `MAX_ALIAS_BYTES`, at the alias passing the limit. */
function aliasGrowthError(path: string, doc: Document, at: At): Diagnostic | undefined {
  const grown = aliasGrowth(doc);
  if (grown.bytes <= MAX_ALIAS_BYTES) return undefined;
  return {
    file: path,
    start: at(grown.at),
    severity: "error",
    code: "yaml/too-many-aliases",
    message: `Aliases would repeat more than the ${MAX_ALIAS_BYTES} bytes of the document allowed`,
    hint: "Write the values out instead of repeating a large one through aliases.",
  };
}

/**
 * How many bytes of source every alias repeats (its anchored node's extent), and where the alias passing the limit
 * is. Anchors are indexed in one pass: resolving each alias on its own walks the document again (quadratic).
 */
function aliasGrowth(doc: Document): { bytes: number; at: number } {
  const extent = new Map<string, number>();
  visit(doc, (_, node) => {
    if (isNode(node) && node.anchor && node.range) extent.set(node.anchor, node.range[1] - node.range[0]);
  });
  let bytes = 0;
  let at = 0;
  let aliases = 0;
  visit(doc, {
    Alias(_, node) {
      bytes += extent.get(node.source) ?? 0;
      // Past the count the expansion limit refuses the document anyway; no need to read further.
      if (bytes > MAX_ALIAS_BYTES || ++aliases > MAX_ALIAS_COUNT) {
        at = node.range?.[0] ?? 0;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return { bytes, at };
}

/** Offset of the document's first alias: where the expansion that grew too large begins. */
function firstAliasOffset(doc: Document): number {
  let offset = 0;
  visit(doc, {
    Alias(_, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

function directiveError(path: string, start: Point, version: string): Diagnostic {
  return {
    file: path,
    start,
    severity: "error",
    code: "yaml/directive",
    message: `The file asks to be read as YAML ${version}; vaspcheck reads every file as YAML 1.2`,
    hint: "Remove the `%YAML` line (and the `---` after it, if nothing else needs it).",
  };
}
