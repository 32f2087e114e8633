// Records the SHA-256 of evidence files in a YAML answers file, in place: each digest is inserted as text beside its
// path, so every comment, blank line, quote and the order of keys stay as the author wrote them.
import { isMap, isScalar, isSeq, parseDocument, type YAMLMap } from "yaml";
import type { EvidenceCheck } from "../model/evidence-check.js";

/** One insertion into the text: where, and what. */
interface Insertion {
  readonly at: number;
  readonly text: string;
}

/**
 * The answers text with a `sha256` added to every evidence item that was found and has none. Returns the text
 * unchanged when there is nothing to add, and the number of digests added.
 */
export function withDigests(text: string, checks: readonly EvidenceCheck[]): { text: string; added: number } {
  const document = parseDocument(text, { keepSourceTokens: true });
  const pending = checks.filter((c) => c.state === "unpinned" && c.actual_sha256);
  const insertions: Insertion[] = [];
  for (const check of pending) {
    const list = document.getIn(["answers", check.control_id, "evidence"], true);
    if (!isSeq(list)) continue;
    const item = list.items[check.index];
    if (!isMap(item)) continue;
    const insertion = insertionFor(text, item, check.actual_sha256!);
    if (insertion) insertions.push(insertion);
  }
  let out = text;
  // From the end, so that each offset still points where it did in the original text.
  for (const { at, text: piece } of [...insertions].sort((a, b) => b.at - a.at))
    out = out.slice(0, at) + piece + out.slice(at);
  return { text: out, added: insertions.length };
}

/** Where the digest goes in one evidence item: before the closing brace of a flow map, or on a line of its own. */
function insertionFor(text: string, item: YAMLMap, sha256: string): Insertion | undefined {
  const range = item.range;
  if (!range) return undefined;
  if (item.flow) {
    const close = text.lastIndexOf("}", range[1]);
    if (close < range[0]) return undefined;
    // Before the brace and any space that precedes it: `{ title: x, path: y }` → `{ title: x, path: y, sha256: … }`.
    let at = close;
    while (at > range[0] && text[at - 1] === " ") at--;
    return { at, text: `, sha256: ${sha256}` };
  }
  const pathPair = item.items.find((p) => isScalar(p.key) && p.key.value === "path");
  const key = pathPair && isScalar(pathPair.key) ? pathPair.key : undefined;
  const value = pathPair && isScalar(pathPair.value) ? pathPair.value : undefined;
  if (!key?.range || !value?.range) return undefined;
  const lineStart = text.lastIndexOf("\n", key.range[0] - 1) + 1;
  const indent = text.slice(lineStart, key.range[0]);
  // A `- path:` line indents the next key past the dash.
  const padding = indent.replace(/-/g, " ");
  const end = text.indexOf("\n", value.range[1]);
  const at = end < 0 ? text.length : end;
  const newline = text.includes("\r\n") ? "\r\n" : "\n";
  const before = at > 0 && text[at - 1] === "\r" ? at - 1 : at;
  return { at: before, text: `${newline}${padding}sha256: ${sha256}` };
}
