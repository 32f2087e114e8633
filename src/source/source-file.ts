// A parsed input file that remembers positions, so any key path can be turned into line:col.
import { createHash } from "node:crypto";
import {
  type Document,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  type LineCounter,
  type Node,
  type Pair,
  type YAMLMap,
} from "yaml";
import type { Point } from "../diagnostics/diagnostic.js";

/** A located span. */
export interface Place {
  readonly start: Point;
  readonly end: Point;
  /** True when the exact path does not exist and an ancestor is pointed at instead. */
  readonly approximate: boolean;
}

/** Options of a position lookup. */
export interface LocateOptions {
  /** Point at the key of the last segment rather than its value (used for unknown keys). */
  readonly key?: boolean;
}

/** A parsed file (YAML, JSON or an answers spreadsheet): its path, text, plain data and a position lookup. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
  /** The SHA-256 of the file's bytes, where `text` is not them (a workbook's text is a stand-in). */
  readonly sha256?: string;
  /** The plain data of the document. */
  readonly data: unknown;
  /** The place of a key path in the file; missing paths fall back to the nearest existing ancestor. */
  locate(path: readonly PropertyKey[], options?: LocateOptions): Place;
}

/** The SHA-256 that identifies a read file: of its bytes for a workbook, of its decoded text otherwise. */
export function fileDigest(file: Pick<SourceFile, "text" | "sha256">): string {
  return file.sha256 ?? createHash("sha256").update(file.text).digest("hex");
}

/** Finds the place of a key path in a file. */
export function locate(file: SourceFile, path: readonly PropertyKey[], options: LocateOptions = {}): Place {
  return file.locate(path, options);
}

/** A position lookup over a parsed YAML (or JSON) document. */
export function yamlLocator(doc: Document, lineCounter: LineCounter): SourceFile["locate"] {
  const toPoint = (offset: number): Point => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const span = (node: Node): Place => {
    const [start, valueEnd] = node.range ?? [0, 0, 0];
    return { start: toPoint(start), end: toPoint(valueEnd), approximate: false };
  };
  // Each mapping's keys indexed on first use, so locating every key of a large mapping stays linear, not quadratic.
  const indexes = new WeakMap<object, Map<string, Pair>>();
  const pairOf = (map: YAMLMap, key: string): Pair | undefined => {
    let index = indexes.get(map);
    if (!index) {
      index = new Map();
      // The last entry of a repeated key wins, as the data holds it (a duplicate key is reported on its own).
      for (const p of map.items) if (isPair(p) && isScalar(p.key)) index.set(String(p.key.value), p);
      indexes.set(map, index);
    }
    return index.get(key);
  };
  return (path, options = {}) => {
    let node: unknown = doc.contents;
    let last: Place = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 }, approximate: true };
    if (isNode(node)) last = span(node);
    for (let i = 0; i < path.length; i++) {
      const segment = path[i];
      const isLast = i === path.length - 1;
      if (isMap(node)) {
        const pair = pairOf(node, String(segment));
        if (!pair) return { ...last, approximate: true };
        if (isLast && options.key && isNode(pair.key)) return span(pair.key);
        node = pair.value;
        if (isNode(node)) last = span(node);
        else if (isNode(pair.key)) last = span(pair.key);
      } else if (isSeq(node) && typeof segment === "number") {
        const item = node.items[segment];
        if (!isNode(item)) return { ...last, approximate: true };
        node = item;
        last = span(item);
      } else {
        return { ...last, approximate: true };
      }
    }
    return last;
  };
}
