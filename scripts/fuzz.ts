// `npm run fuzz [-- RUNS [SEED]]`: the fuzz properties of test/hostile/fuzz.test.ts on many documents (default 5,000).
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { parse } from "yaml";
import { DEFAULT_CATALOG_DIR } from "../src/catalog/default-catalog.js";
import { loadCatalog } from "../src/catalog/load-catalog.js";
import { checkDocument, hostileDocument } from "../test/hostile/fuzz-harness.js";

const runs = Number(process.argv[2] ?? 5000);
const seed = Number(process.argv[3] ?? Date.now() % 2 ** 31);
const catalog = (await loadCatalog(DEFAULT_CATALOG_DIR)).catalog;
if (!catalog) throw new Error("the shipped catalog does not load");
const start = performance.now();
let valid = 0;
await fc.assert(
  fc.asyncProperty(
    hostileDocument(parse(readFileSync("examples/midsize-exchange.yaml", "utf8"))),
    async ({ name, text }) => {
      if (await checkDocument(catalog, name, text)) valid += 1;
    },
  ),
  { numRuns: runs, seed },
);
console.log(
  `fuzz: ${runs} documents, seed ${seed}, ${((performance.now() - start) / 1000).toFixed(1)} s, ${valid} valid and rendered, no property broken`,
);
