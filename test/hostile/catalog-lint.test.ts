// D21: lint questions a catalog that has nothing to assess, and a changelog that cannot be read as a history.
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { brokenCatalog } from "../helpers/fixtures.js";

const codes = (stderr: string, code: string) => stderr.split("\n").filter((line) => line.includes(code));

describe("D21: lint of the catalog as a whole", () => {
  it("refuses a catalog without controls, so init never writes an empty questionnaire", async () => {
    const dir = brokenCatalog({});
    for (const file of readdirSync(join(dir, "controls"))) rmSync(join(dir, "controls", file));
    const lint = await runCli("catalog", "lint", "--catalog", dir);
    expect(lint.code).toBe(1);
    expect(codes(lint.stderr, "catalog/empty")[0]).toMatch(/error {2}The catalog has no controls/);
    const init = await runCli("init", "--catalog", dir);
    expect(init.code).toBe(1);
    expect(init.stdout).toBe("");
  });

  it("refuses a changelog with a repeated, an out-of-order and a future version, and a control added and removed at once", async () => {
    const dir = brokenCatalog({
      "catalog.yaml": (t) =>
        t.replace(
          "changelog:\n  - version: 1.0.0\n    summary: First release.\n",
          [
            "changelog:",
            "  - { version: 0.9.0, summary: Beta. }",
            "  - { version: 1.0.0, summary: First release. }",
            "  - { version: 1.0.0, summary: Again. }",
            "  - { version: 0.8.0, summary: Older and listed late., added: [KEY-001], removed: [KEY-001] }",
            "  - { version: 9.9.9, summary: Not yet. }",
            "",
          ].join("\n"),
        ),
    });
    const lint = await runCli("catalog", "lint", "--catalog", dir);
    expect(lint.code).toBe(1);
    const found = codes(lint.stderr, "catalog/bad-changelog").map((l) => l.replace(/^.*? error {2}/, ""));
    expect(found).toEqual([
      "Version 1.0.0 appears twice in the changelog  catalog/bad-changelog",
      "Version 0.8.0 comes after 1.0.0 in the changelog  catalog/bad-changelog",
      "Version 0.8.0 both adds and removes `KEY-001`  catalog/bad-changelog",
      "Version 9.9.9 in the changelog is newer than the catalog itself (1.0.0)  catalog/bad-changelog",
    ]);
  });
});
