// Fuzzing of whole answers documents: valid ones mutated in structure and in text, pushed through parse →
// validate → evaluate → render, with the properties every run must keep. Used by the test suite (a small run)
// and by `npm run fuzz` (a large one).
import fc from "fast-check";
import { stringify } from "yaml";
import { evaluate } from "../../src/engine/evaluate.js";
import type { Catalog } from "../../src/model/catalog.js";
import { DIAGNOSTIC_CODES } from "../../src/model/diagnostic-codes.js";
import { validateAnswers } from "../../src/pipeline/validate-answers.js";
import { loadTemplates, renderMarkdown } from "../../src/report/markdown.js";
import { buildReportModel } from "../../src/report/report-model.js";
import { parseYamlFast } from "../../src/source/parse-fast.js";
import { parseBytes } from "../../src/source/read-source.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = readonly (string | number)[];

/** Every path of a JSON value, the root included. */
function pathsOf(value: Json, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(value)) for (const [i, v] of value.entries()) out.push(...pathsOf(v, [...at, i]));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...at, k]));
  return out;
}

/** A copy of `value` with `edit` applied to the node at `path` (the node's parent and key). */
function edited(
  value: Json,
  path: Path,
  edit: (parent: Record<string | number, Json>, key: string | number) => void,
): Json {
  const copy = structuredClone(value);
  if (path.length === 0) return copy;
  let parent = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  edit(parent, path.at(-1) as string | number);
  return copy;
}

const hostileString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "__proto__",
    "constructor",
    "prototype",
    "\u001b]0;x\u0007",
    "\u202e",
    "",
    " ",
    "true",
    "2026-02-30",
  ),
  fc.string({ unit: "grapheme", minLength: 200, maxLength: 400 }),
);
const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
  hostileString,
  fc.constantFrom(-1, 0, 1e308, 0.5, 101, Number.MAX_SAFE_INTEGER),
);

/** One mutation of a document: replace, delete or add at the path with this index (modulo the paths there are). */
type Mutation =
  | { readonly op: "set"; readonly at: number; readonly value: Json }
  | { readonly op: "delete"; readonly at: number }
  | { readonly op: "add"; readonly at: number; readonly key: string; readonly value: Json };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("set" as const), at: fc.nat(), value: hostileValue }),
  fc.record({ op: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("add" as const), at: fc.nat(), key: hostileString, value: hostileValue }),
);

function mutate(doc: Json, m: Mutation): Json {
  const paths = pathsOf(doc);
  const path = paths[m.at % paths.length] as Path;
  if (m.op === "set")
    return edited(doc, path, (p, k) => {
      p[k] = m.value;
    });
  if (m.op === "delete")
    return edited(doc, path, (p, k) => {
      if (Array.isArray(p)) p.splice(Number(k), 1);
      else delete p[k];
    });
  return edited(doc, path, (p, k) => {
    const target = p[k];
    // defineProperty, so that a key such as `__proto__` becomes a real key of the document, as a parser makes it.
    if (target && typeof target === "object" && !Array.isArray(target))
      Object.defineProperty(target, m.key, {
        value: m.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  });
}

/** A whole hostile document: mutated structure, written as YAML or JSON, then optionally damaged as text. */
export function hostileDocument(seed: Json): fc.Arbitrary<{ name: string; text: string }> {
  return fc
    .record({
      mutations: fc.array(mutation, { minLength: 1, maxLength: 5 }),
      json: fc.boolean(),
      cut: fc.option(
        fc.record({
          at: fc.nat(),
          insert: fc.string({ unit: "binary", maxLength: 8 }),
          drop: fc.nat({ max: 6 }),
        }),
      ),
    })
    .map(({ mutations, json, cut }) => {
      const doc = mutations.reduce<Json>((d, m) => mutate(d, m), seed);
      let text = json ? JSON.stringify(doc, null, 2) : stringify(doc);
      if (cut) {
        const at = cut.at % (text.length + 1);
        text = text.slice(0, at) + cut.insert + text.slice(at + cut.drop);
      }
      return { name: json ? "fuzz.json" : "fuzz.yaml", text };
    });
}

/**
 * Checks one document: nothing throws, every diagnostic is placed and coded, valid answers evaluate and render.
 * True when the document was valid (and so rendered).
 */
export async function checkDocument(catalog: Catalog, name: string, text: string): Promise<boolean> {
  const bytes = new TextEncoder().encode(text);
  const checked = validateAnswers(parseBytes(name, bytes), catalog);
  for (const d of checked.diagnostics) {
    if (!(d.code in DIAGNOSTIC_CODES)) throw new Error(`unregistered code ${d.code}`);
    if (!(d.start.line >= 1 && d.start.column >= 1))
      throw new Error(`unplaced diagnostic ${JSON.stringify(d)}`);
    if (d.message.trim() === "" || /Maximum call stack/i.test(d.message))
      throw new Error(`bad message ${d.message}`);
  }
  const valid = checked.answers !== undefined && !checked.diagnostics.some((d) => d.severity === "error");
  if (checked.answers === undefined && !checked.diagnostics.some((d) => d.severity === "error"))
    throw new Error("a document refused without an error");
  const fast = name.endsWith(".yaml") ? parseYamlFast(name, text) : undefined;
  if (fast) {
    const viaFast = validateAnswers(fast, catalog);
    const fastValid =
      viaFast.answers !== undefined && !viaFast.diagnostics.some((d) => d.severity === "error");
    if (fastValid !== valid)
      throw new Error(
        `fast path says ${fastValid ? "valid" : "invalid"}, positioned parser ${valid ? "valid" : "invalid"}`,
      );
  }
  if (!valid || !checked.answers) return false;
  const evaluation = evaluate(catalog, checked.answers);
  const model = buildReportModel(evaluation, catalog, {
    answersFile: name,
    answersSha256: "0".repeat(64),
    vaspcheckVersion: "fuzz",
  });
  const md = renderMarkdown(model, await templates());
  if (!md.startsWith("# ")) throw new Error("Markdown report without its title");
  return true;
}

let cached: ReturnType<typeof loadTemplates> | undefined;
const templates = () => {
  cached ??= loadTemplates();
  return cached;
};
