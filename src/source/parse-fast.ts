// Fast YAML/JSON parsing without positions (js-yaml), for batches where only invalid files need line:col.
import jsyaml from "js-yaml";
import type { ParseResult } from "./parse-yaml.js";
import type { Place } from "./source-file.js";
import { MAX_NESTING } from "./yaml-subset.js";

// What the positioned parser reads differently, or refuses, takes the positioned path: directives (`%YAML 1.1`),
// anchors and aliases (alias
// bombs are refused by its expansion limit), binary literals, tags (refused there), keys that are null or empty
// (`~: x` is the key "" there, "null" in js-yaml), explicit `? ` keys, keys that are lists or mappings (stringified
// differently), a `#` straight after a bracket, comma or quote (a comment to js-yaml, an error to yaml), and quoted
// text that goes on to the next line (whose indentation the positioned parser checks and js-yaml does not).
const NEEDS_POSITIONED_PARSER = new RegExp(
  [
    /^%/,
    /(^|[\s[{,:-])[&*]\S/,
    /\b0b[01_]+\b/,
    /(^|[\s[{,:])!/,
    /(^|[\s[{,?-]):([\s,\]}]|$)/,
    /(^|[\s[{,?-])(~|[Nn]ull|NULL)\s*[:,}]/,
    /(^|[\s[{,])\?(\s|$)/,
    /[\]}][ \t]*:(\s|$)/,
    /[[\]{},"']#/,
    /(^|[\s[{,:-])"([^"\\\n]|\\.)*$/,
    /(^|[\s[{,:-])'([^'\n]|'')*$/,
  ]
    .map((r) => r.source)
    .join("|"),
  "m",
);

/**
 * A scalar type that resolves exactly the spellings the positioned parser (yaml, YAML 1.2 core) does. Most scalars
 * are text, so the first character rules a type out before its pattern runs.
 */
const scalar = (tag: string, first: RegExp, test: RegExp, construct: (text: string) => unknown) =>
  new jsyaml.Type(`tag:yaml.org,2002:${tag}`, {
    kind: "scalar",
    resolve: (text: string | null) => text !== null && first.test(text.charAt(0)) && test.test(text),
    construct,
  });

const OCTAL = /^0o[0-7]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const INT = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const FLOAT =
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*|(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|\.(?:inf|Inf|INF))$|^\.(?:nan|NaN|NAN)$/;
const NOT_FINITE = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;

/**
 * YAML 1.2's core schema as the `yaml` package reads it, which differs from js-yaml's CORE_SCHEMA: no `_` in
 * numbers, no sign on hex or octal, no `0b` binary, `-0` kept as minus zero. `.inf` and `.nan`, which the positioned
 * parser refuses, throw here, so such a file takes the positioned path.
 */
const SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({
  implicit: [
    scalar("null", /^$|[~nN]/, /^(?:~|[Nn]ull|NULL)?$/, () => null),
    scalar("bool", /[tTfF]/, /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (t) => t[0] === "t" || t[0] === "T"),
    scalar("int", /[-+0-9]/, INT, (t) =>
      OCTAL.test(t) ? parseInt(t.slice(2), 8) : HEX.test(t) ? parseInt(t.slice(2), 16) : parseInt(t, 10),
    ),
    scalar("float", /[-+.0-9]/, FLOAT, (t) => {
      if (NOT_FINITE.test(t)) throw new Error("not finite: the positioned parser says so, at its place");
      return parseFloat(t);
    }),
  ],
});

// js-yaml counts every node on a path, the innermost scalar too; half the positioned parser's limit leaves room for
// any difference in counting, so the fast path never accepts nesting the positioned parser would refuse.
const FAST_MAX_DEPTH = MAX_NESTING / 2;

/** Quoted text that starts a scalar, whose brackets are text. */
const QUOTED = /(^|[\s[{,:])("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')/g;

/** How many more brackets a line opens than it closes, outside quoted scalars. */
function bracketBalance(line: string): number {
  let balance = 0;
  for (const c of line.replace(QUOTED, "$1")) {
    if (c === "[" || c === "{") balance++;
    else if (c === "]" || c === "}") balance--;
  }
  return balance;
}

/**
 * True when a list or mapping in flow style goes on over lines less indented than js-yaml allows and the
 * positioned parser does not: more than the column its first line's content starts at (past any `- `), or as much
 * for a line that only closes it. Stricter than the positioned parser, which only costs time.
 */
function flowOverLines(text: string): boolean {
  let depth = 0;
  let base = 0;
  for (const line of text.split("\n")) {
    const body = line.trimStart();
    if (depth > 0 && body !== "" && !body.startsWith("#")) {
      const indent = line.length - body.length;
      if (line.slice(0, indent).includes("\t")) return true;
      const closes = body[0] === "]" || body[0] === "}";
      if (closes ? indent < base : indent <= base) return true;
    }
    if (depth === 0) base = /^ *(?:[-?:] +)*/.exec(line)?.[0].length ?? 0;
    depth = Math.max(0, depth + bracketBalance(line));
  }
  return false;
}

const NOWHERE: Place = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 }, approximate: true };

/**
 * Parses text with js-yaml, 3–4× faster than the positioned parser, reading every scalar as that parser does.
 * Returns undefined when the text is not plain enough or not well formed: the caller then uses `parseYaml` for
 * exact diagnostics. The returned file locates nothing (every place is 1:1), so its diagnostics must not be shown.
 */
export function parseYamlFast(path: string, text: string): ParseResult | undefined {
  if (NEEDS_POSITIONED_PARSER.test(text) || flowOverLines(text)) return undefined;
  let data: unknown;
  try {
    data = jsyaml.load(text, {
      schema: SCHEMA,
      filename: path,
      maxDepth: FAST_MAX_DEPTH,
    } as jsyaml.LoadOptions);
  } catch {
    return undefined;
  }
  return { file: { path, text, data, locate: () => NOWHERE }, diagnostics: [] };
}
