// The published tarball works on its own: packed by npm, unpacked elsewhere, its bin renders a shipped example.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "./helpers/fixtures.js";

const root = new URL("..", import.meta.url).pathname;
const built = existsSync(join(root, "dist", "bundle", "vaspcheck.js"));

describe.skipIf(!built)("npm package", () => {
  it("holds the bin, the library, the catalog, templates, examples and docs, and nothing of the sources", () => {
    const dir = tempDir();
    const packed = JSON.parse(
      execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", dir], {
        cwd: root,
        encoding: "utf8",
      }),
    ) as { filename: string; files: { path: string }[] }[];
    const paths = packed[0]!.files.map((f) => f.path);
    for (const expected of [
      "dist/bundle/vaspcheck.js",
      "dist/index.js",
      "dist/index.d.ts",
      "controls/catalog.yaml",
      "templates/report.md.hbs",
      "examples/dmm-like-exchange.yaml",
      "docs/diagnostics.md",
    ])
      expect(paths).toContain(expected);
    expect(paths.filter((p) => p.startsWith("src/") || p.startsWith("test/"))).toEqual([]);

    // Unpacked away from the checkout, with the checkout's dependencies beside it (no network in tests).
    execFileSync("tar", ["-xzf", join(dir, packed[0]!.filename), "-C", dir]);
    const pkg = join(dir, "package");
    symlinkSync(join(root, "node_modules"), join(pkg, "node_modules"));
    const report = spawnSync(
      process.execPath,
      [
        join(pkg, "dist/bundle/vaspcheck.js"),
        "report",
        "examples/dmm-like-exchange.yaml",
        "--as-of",
        "2026-01-01",
      ],
      { cwd: pkg, encoding: "utf8" },
    );
    expect(report.stderr).not.toMatch(/\n\s+at /);
    expect(report.status).toBe(0);
    expect(report.stdout).toContain("# Security gap report");
    expect(readdirSync(pkg)).not.toContain("src");
  });
});
