// A `.json` answers file is read as strict JSON: what other tools accept as JSON, with the place of each error.
import { type ParseError, parse as parseJsonc, printParseErrorCode } from "jsonc-parser";
import type { Diagnostic } from "../diagnostics/diagnostic.js";

/** Why text that YAML would accept is not JSON, in the words of the JSON grammar. */
const WORDS: Record<string, string> = {
  PropertyNameExpected: "a property name in double quotes",
  ValueExpected: "a value",
  CommaExpected: "a comma",
  ColonExpected: "a colon",
  CloseBraceExpected: "a closing brace `}`",
  CloseBracketExpected: "a closing bracket `]`",
  EndOfFileExpected: "the end of the file",
  InvalidSymbol: "a JSON value (strings in double quotes, true, false, null, numbers, objects, arrays)",
  InvalidCommentToken: "no comment (JSON has none)",
};

function point(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

/** The syntax errors of a strict JSON document (no comments, no trailing commas); empty when it is JSON. */
export function strictJsonErrors(path: string, text: string): Diagnostic[] {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: true });
  return errors.slice(0, 1).map((e): Diagnostic => {
    const name = printParseErrorCode(e.error);
    const trailing =
      name === "PropertyNameExpected" || name === "ValueExpected"
        ? /,\s*$/.test(text.slice(0, e.offset))
        : false;
    return {
      file: path,
      start: point(text, e.offset),
      end: point(text, e.offset + Math.max(1, e.length)),
      severity: "error",
      code: "json/syntax",
      message: trailing
        ? "Trailing comma: JSON allows none"
        : `Invalid JSON: expected ${WORDS[name] ?? name}`,
      hint: trailing
        ? "Delete the comma after the last item of the object or list."
        : "A `.json` file is read as strict JSON; to write comments or unquoted keys, name the file `.yaml`.",
    };
  });
}
