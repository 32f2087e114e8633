// Fuzz run of mutated answers documents through load → validate → evaluate → render, small enough for `npm test`;
// `npm run fuzz` runs the same properties on many more documents.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, it } from "vitest";
import { parse } from "yaml";
import { DEFAULT_CATALOG_DIR } from "../../src/catalog/default-catalog.js";
import { loadCatalog } from "../../src/catalog/load-catalog.js";
import { checkDocument, hostileDocument } from "./fuzz-harness.js";

describe("fuzzed answers documents", () => {
  it("never crash, always place and code their diagnostics, agree between parsers, and render when valid", async () => {
    const catalog = (await loadCatalog(DEFAULT_CATALOG_DIR)).catalog!;
    const seed = parse(readFileSync("examples/midsize-exchange.yaml", "utf8"));
    await fc.assert(
      fc.asyncProperty(hostileDocument(seed), async ({ name, text }) => {
        await checkDocument(catalog, name, text);
      }),
      { numRuns: 120, seed: 20261203 },
    );
  }, 60_000);
});
