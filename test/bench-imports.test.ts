// The bench imports compiled modules by path; a module moved in src/ must not leave `npm run bench` broken.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));

describe("bench scripts", () => {
  it("import only compiled modules that the build writes", () => {
    const scripts = readdirSync(`${root}bench`, { recursive: true, encoding: "utf8" }).filter((f) =>
      f.endsWith(".mjs"),
    );
    const paths = scripts.flatMap((f) =>
      [...readFileSync(`${root}bench/${f}`, "utf8").matchAll(/dist\/([\w/.-]+\.js)/g)].map((m) => m[1]!),
    );
    expect(paths.length).toBeGreaterThan(3);
    // Each compiled module comes from a source file of the same path.
    const missing = paths.filter(
      (p) => !p.startsWith("bundle/") && !existsSync(`${root}src/${p.replace(/\.js$/, ".ts")}`),
    );
    expect(missing).toEqual([]);
  });
});
