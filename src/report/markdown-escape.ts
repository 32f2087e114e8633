// Escaping of untrusted text for Markdown, so names and notes can never break a table or inject markup.
import { neutraliseText } from "./document-text.js";

const SPECIAL = /[\\`*_[\]<>|~&]/g;
const ENTITY: Record<string, string> = { "<": "&lt;", ">": "&gt;", "&": "&amp;" };
// Characters that only start a block (heading, list, quote, setext rule) when they open a line.
const LINE_START = /^(\s*)(#|\+|-|=|\d+(?=[.)]))/;

// Every line break CommonMark knows, with the spaces around it.
const LINE_BREAK = /[ \t]*(?:\r\n?|\n)\s*/g;

/**
 * Escapes inline text: line breaks become spaces (inline text must stay on its line, or a new line could open a
 * heading or a table row), Markdown punctuation is backslash-escaped, HTML-significant characters become entities.
 * Control and bidi characters are neutralised first (`neutraliseText`), so the backslash of their escape is escaped too.
 */
export function escapeInline(text: string): string {
  const escaped = neutraliseText(text)
    .replace(LINE_BREAK, " ")
    .replace(SPECIAL, (ch) => ENTITY[ch] ?? `\\${ch}`);
  return escaped.replace(LINE_START, (_, space: string, mark: string) =>
    /^\d/.test(mark) ? `${space}${mark}\\` : `${space}\\${mark}`,
  );
}

/** Escapes a paragraph: like inline, keeping the author's line breaks as Markdown hard breaks. */
export function escapeBlock(text: string): string {
  return neutraliseText(text)
    .trim()
    .split("\n")
    .map((line) => escapeInline(line.trim()))
    .join("  \n");
}

/** Escapes a table cell: inline escaping, and line breaks become `<br>` so the row stays on one line. */
export function escapeCell(text: string): string {
  return neutraliseText(text)
    .trim()
    .split("\n")
    .map((line) => escapeInline(line.trim()))
    .join("<br>");
}
