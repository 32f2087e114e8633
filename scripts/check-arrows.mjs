// Checks that imports between the folders of src/ run one way: a folder imports only folders of a lower rank.
// Run it as `npm run check:arrows`; test/arrows.test.ts runs the same check.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** Folder ranks, lowest first: the arrows point down this list. */
export const RANKS = [
  ["model"],
  ["diagnostics"],
  ["source"],
  ["engine"],
  ["answers"],
  ["catalog"],
  ["trust"],
  ["report", "template", "compare"],
  ["pipeline"],
  ["cli"],
];

const rankOf = new Map(RANKS.flatMap((folders, rank) => folders.map((f) => [f, rank])));

function* sources(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (entry.name.endsWith(".ts")) yield path;
  }
}

// A module specifier after `from`, after a bare `import` (side effect) or inside `import(…)`, in any quote.
// Why not the compiler: TypeScript 7 has no JavaScript API; a commented-out import counts too, which errs
// on the side of reporting.
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)(["'`])(\.{1,2}\/[^"'`$]+)\1/g;

// A module loaded by URL, as a worker script is: `new URL("./worker.js", import.meta.url)`.
const URL_LOAD = /\bnew\s+URL\(\s*(["'`])(\.{1,2}\/[^"'`$]+\.js)\1\s*,\s*import\.meta\.url\s*\)/g;

/**
 * The relative module specifiers a file imports or re-exports, static, side-effect or dynamic, and the modules of
 * src/ it loads by URL. A URL to anything else (the catalog, templates, build artefacts) is data, not an arrow.
 */
function importsOf(text, file) {
  const loads = [...text.matchAll(URL_LOAD)]
    .map((m) => m[2])
    .filter((spec) => existsSync(resolve(dirname(file), spec.replace(/\.js$/, ".ts"))));
  return [...[...text.matchAll(IMPORT)].map((m) => m[2]), ...loads];
}

/** Every import that points from a folder to one of the same or a higher rank. */
export function wrongArrows(srcDir) {
  const wrong = [];
  for (const file of sources(srcDir)) {
    const from = relative(srcDir, file).split(sep)[0];
    if (from.endsWith(".ts")) continue; // index.ts is the roof: it may import any room
    for (const spec of importsOf(readFileSync(file, "utf8"), file)) {
      const target = relative(srcDir, resolve(dirname(file), spec)).split(sep)[0];
      if (target === from) continue;
      const a = rankOf.get(from);
      const b = rankOf.get(target);
      if (a === undefined || b === undefined || b >= a)
        wrong.push(`${relative(srcDir, file)} imports ${spec} (${from} → ${target})`);
    }
  }
  return wrong;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const wrong = wrongArrows(fileURLToPath(new URL("../src/", import.meta.url)));
  for (const line of wrong) console.error(line);
  console.log(wrong.length === 0 ? "Imports run one way." : `${wrong.length} imports point the wrong way.`);
  process.exit(wrong.length === 0 ? 0 : 1);
}
