// Build step: lints the shipped catalog and saves it as dist/catalog-cache.json, keyed by the digest of its files.
// loadCatalog() uses it only when controls/ is byte-for-byte unchanged, so a CLI run skips parsing ~90 YAML files.
import { writeFileSync } from "node:fs";
import { DEFAULT_CATALOG_DIR, formatDiagnostics, lintCatalog } from "../dist/index.js";

const result = await lintCatalog(DEFAULT_CATALOG_DIR);
if (!result.catalog) {
  process.stderr.write(formatDiagnostics(result.diagnostics));
  process.stderr.write(
    "build: the shipped catalog has errors; no catalog cache written (run `vaspcheck catalog lint`).\n",
  );
} else {
  const { catalog } = result;
  writeFileSync(
    new URL("../dist/catalog-cache.json", import.meta.url),
    JSON.stringify({ digest: catalog.digest, catalog }),
  );
}
