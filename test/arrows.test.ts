// The house's arrows run one way: every import points to a folder of a lower rank (scripts/check-arrows.mjs).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { wrongArrows } from "../scripts/check-arrows.mjs";
import { tempDir } from "./helpers/fixtures.js";

describe("folder arrows", () => {
  it("no import in src/ points to a folder of the same or a higher rank", () => {
    expect(wrongArrows(fileURLToPath(new URL("../src/", import.meta.url)))).toEqual([]);
  });

  it("catches an import that climbs back up, static or dynamic", () => {
    const src = tempDir();
    for (const dir of ["engine", "pipeline", "model"]) mkdirSync(join(src, dir));
    writeFileSync(join(src, "pipeline", "run.ts"), 'import { evaluate } from "../engine/evaluate.js";\n');
    writeFileSync(join(src, "model", "ok.ts"), "export const x = 1;\n");
    writeFileSync(
      join(src, "engine", "evaluate.ts"),
      'import { x } from "../model/ok.js";\nconst later = await import("../pipeline/run.js");\n',
    );
    expect(wrongArrows(src)).toEqual(["engine/evaluate.ts imports ../pipeline/run.js (engine → pipeline)"]);
  });

  it("catches side-effect, re-export, single-quoted and template-literal imports, and imports of the roof", () => {
    const src = tempDir();
    for (const dir of ["engine", "pipeline", "model"]) mkdirSync(join(src, dir));
    writeFileSync(join(src, "pipeline", "run.ts"), "export const run = 1;\n");
    writeFileSync(join(src, "index.ts"), 'export * from "./engine/a.js";\n');
    writeFileSync(
      join(src, "model", "m.ts"),
      [
        'import "../pipeline/run.js";',
        "export { run } from '../pipeline/run.js';",
        "const a = await import(`../engine/a.js`);",
        'import type { X } from "../index.js";',
        'import { y } from "./same.js";',
      ].join("\n"),
    );
    expect(wrongArrows(src)).toEqual([
      "model/m.ts imports ../pipeline/run.js (model → pipeline)",
      "model/m.ts imports ../pipeline/run.js (model → pipeline)",
      "model/m.ts imports ../engine/a.js (model → engine)",
      "model/m.ts imports ../index.js (model → index.js)",
    ]);
  });

  it("catches a module loaded by URL (a worker script), and ignores URLs of data files", () => {
    const src = tempDir();
    for (const dir of ["engine", "pipeline"]) mkdirSync(join(src, dir));
    writeFileSync(join(src, "pipeline", "worker.ts"), "export {};\n");
    writeFileSync(
      join(src, "engine", "e.ts"),
      [
        'const worker = new URL("../pipeline/worker.js", import.meta.url);',
        'const data = new URL("../../controls/", import.meta.url);',
        'const cache = new URL("../catalog-cache.json", import.meta.url);',
      ].join("\n"),
    );
    expect(wrongArrows(src)).toEqual(["engine/e.ts imports ../pipeline/worker.js (engine → pipeline)"]);
  });
});
