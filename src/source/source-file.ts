// A parsed YAML/JSON file that remembers positions, so any key path can be turned into line:col.
import { type Document, isMap, isNode, isPair, isScalar, isSeq, type LineCounter, type Node } from "yaml";
import type { Point } from "../diagnostics/diagnostic.js";

/** A parsed file: its path, text, YAML document and line counter. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
  readonly doc: Document;
  readonly lineCounter: LineCounter;
  /** The plain data of the document. */
  readonly data: unknown;
}

/** A located span. */
export interface Place {
  readonly start: Point;
  readonly end: Point;
  /** True when the exact path does not exist and an ancestor is pointed at instead. */
  readonly approximate: boolean;
}

function toPoint(file: SourceFile, offset: number): Point {
  const { line, col } = file.lineCounter.linePos(offset);
  return { line, column: col };
}

function span(file: SourceFile, node: Node, approximate: boolean): Place {
  const [start, valueEnd] = node.range ?? [0, 0, 0];
  return { start: toPoint(file, start), end: toPoint(file, valueEnd), approximate };
}

/**
 * Finds the place of a key path. `key: true` points at the key of the last segment rather than its
 * value (used for unknown keys). Missing paths fall back to the nearest existing ancestor.
 */
export function locate(
  file: SourceFile,
  path: readonly PropertyKey[],
  options: { key?: boolean } = {},
): Place {
  let node: unknown = file.doc.contents;
  let last: Place = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 }, approximate: true };
  if (isNode(node)) last = span(file, node, false);
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const isLast = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment),
      );
      if (!pair) return { ...last, approximate: true };
      if (isLast && options.key && isNode(pair.key)) return span(file, pair.key, false);
      node = pair.value;
      if (isNode(node)) last = span(file, node, false);
      else if (isNode(pair.key)) last = span(file, pair.key, false);
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment];
      if (!isNode(item)) return { ...last, approximate: true };
      node = item;
      last = span(file, item, false);
    } else {
      return { ...last, approximate: true };
    }
  }
  return last;
}
