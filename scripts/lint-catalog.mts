// Development helper: lints a catalog directory from TypeScript sources (the CLI does the same from dist/).
import { lintCatalog } from "../src/catalog/lint-catalog.js";
import { formatDiagnostics } from "../src/diagnostics/format.js";

const r = await lintCatalog(process.argv[2] ?? "controls");
process.stdout.write(formatDiagnostics(r.diagnostics));
console.log(r.catalog ? `ok ${r.catalog.controls.length} controls` : "FAILED");
