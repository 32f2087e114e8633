// `node scripts/sector-sample.mjs DIR [COUNT]`: writes COUNT (default 200) seeded synthetic submissions to DIR, to look at a sector report.
import { mkdirSync } from "node:fs";
import { writeSubmissions } from "../bench/submissions.mjs";
import { DEFAULT_CATALOG_DIR } from "../dist/catalog/default-catalog.js";
import { loadCatalog } from "../dist/catalog/load-catalog.js";

const [dir, count = "200"] = process.argv.slice(2);
if (!dir) {
  process.stderr.write("usage: node scripts/sector-sample.mjs DIR [COUNT]\n");
  process.exit(2);
}
const loaded = await loadCatalog(DEFAULT_CATALOG_DIR);
if (!loaded.catalog) throw new Error("the shipped catalog does not load");
mkdirSync(dir, { recursive: true });
const { files } = writeSubmissions(loaded.catalog, dir, Number(count));
process.stdout.write(`wrote ${files.length} submissions to ${dir}\n`);
