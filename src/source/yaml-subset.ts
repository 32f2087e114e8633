// The YAML vaspcheck reads: nesting bounded while the text is parsed (before any recursion), no tags, finite numbers.
import {
  Composer,
  CST,
  type Document,
  isScalar,
  Lexer,
  type LineCounter,
  Parser,
  visit,
  YAMLParseError,
} from "yaml";

/**
 * The deepest nesting of mappings and lists (block or flow, counted together) a file may have. The deepest real
 * file nests 6 levels (a control); a condition at its own limit of 4 levels reaches about 12. The YAML composer
 * overflows its stack near 800 levels on the main thread and at a different depth in a worker, and the JSON checker
 * near 10,000: 64 is five times what a real file needs and an order of magnitude below the first overflow, so every
 * thread gives the same verdict at the same place.
 */
export const MAX_NESTING = 64;

/** A stretch of the text, by offsets. */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly source: string;
}

/** A parsed document and its tags, or the offset of the first node nested deeper than `MAX_NESTING`. */
export type Composed =
  | { readonly doc: Document.Parsed; readonly tags: readonly Span[] }
  | { readonly tooDeep: number };

/** The options every document is composed with. */
const OPTIONS = { prettyErrors: false, uniqueKeys: false, strict: true } as const;

/**
 * Parses text as `parseDocument` does, but stops at the first mapping or list nested deeper than `MAX_NESTING`,
 * before the composer (which recurses once per level) sees it. The concrete syntax tree is built with an explicit
 * stack, so even a million `[` cost no stack, and the check after each token stops the build at the first one
 * too many: memory stays bounded too.
 */
export function composeBounded(text: string, lineCounter: LineCounter): Composed {
  const parser = new Parser(lineCounter.addNewLine);
  lineCounter.addNewLine(0);
  const tokens: CST.Token[] = [];
  const tags: Span[] = [];
  let scalarNext = false;
  for (const lexeme of new Lexer().lex(text)) {
    const start = parser.offset;
    // After the scalar marker comes the scalar's own text, never a tag, whatever it starts with.
    if (!scalarNext && CST.tokenType(lexeme) === "tag")
      tags.push({ start, end: start + lexeme.length, source: lexeme });
    scalarNext = lexeme === CST.SCALAR;
    for (const token of parser.next(lexeme)) tokens.push(token);
    const deep = parser.stack.length > MAX_NESTING ? tooDeep(parser.stack) : undefined;
    if (deep !== undefined) return { tooDeep: deep };
  }
  for (const token of parser.end()) tokens.push(token);
  return { doc: composeOne(tokens, text.length), tags };
}

/** The offset of the first collection past the limit on the parser's stack (the path to the current token). */
function tooDeep(stack: readonly CST.Token[]): number | undefined {
  let depth = 0;
  for (const token of stack) {
    if (CST.isCollection(token) && ++depth > MAX_NESTING) return token.offset;
  }
  return undefined;
}

/** The first document of the tokens, with an error when more follow (exactly as `parseDocument` does). */
function composeOne(tokens: readonly CST.Token[], end: number): Document.Parsed {
  const composer = new Composer(OPTIONS);
  let doc: Document.Parsed | undefined;
  for (const next of composer.compose(tokens, true, end)) {
    if (!doc) doc = next;
    else {
      const range: [number, number] = [next.range[0], next.range[1]];
      doc.errors.push(
        new YAMLParseError(
          range,
          "MULTIPLE_DOCS",
          "The file holds a second YAML document (after a `---` or `...` line); an answers file is one document",
        ),
      );
      break;
    }
  }
  // compose(…, forceDoc = true) always yields a document, even for empty text.
  return doc as Document.Parsed;
}

/** Every number of a document that is infinite or not a number (`.inf`, `-.inf`, `.nan`), as written. */
export function nonFiniteNumbers(doc: Document.Parsed): Span[] {
  const found: Span[] = [];
  visit(doc, {
    Scalar(_, node) {
      if (!isScalar(node) || typeof node.value !== "number" || Number.isFinite(node.value)) return;
      const [start, end] = node.range ?? [0, 0];
      found.push({ start, end, source: node.source ?? String(node.value) });
    },
  });
  return found;
}
