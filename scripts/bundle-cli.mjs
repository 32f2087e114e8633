// Build step: bundles the compiled CLI (dist/cli/bin.js) into dist/bundle/, so that starting vaspcheck loads a
// few files instead of several hundred. Commands stay lazy: each dynamic import becomes a chunk. The library keeps
// its tsc output (dist/index.js); packages with data files or a runtime of their own stay external.
import { chmodSync } from "node:fs";
import { build } from "esbuild";

await build({
  entryPoints: { vaspcheck: "dist/cli/bin.js", worker: "dist/pipeline/worker.js" },
  outdir: "dist/bundle",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // pdfkit and the fonts read data files next to their own modules. Handlebars is bundled: its runtime (which the
  // precompiled templates of dist/templates-cache.js run on) is then one chunk instead of some 25 CommonJS files,
  // and the compiler, needed only for a custom template directory, a lazy chunk of its own.
  external: ["pdfkit", "@expo-google-fonts/*"],
  banner: {
    js: "import { createRequire as __vaspcheckRequire } from 'node:module'; const require = __vaspcheckRequire(import.meta.url);",
  },
  // jsonc-parser's `main` is a UMD build whose dynamic requires a bundle cannot follow; its ESM build bundles.
  alias: { "jsonc-parser": "jsonc-parser/lib/esm/main.js" },
  legalComments: "none",
  minify: true,
  keepNames: true,
  logLevel: "warning",
});
chmodSync("dist/bundle/vaspcheck.js", 0o755);
