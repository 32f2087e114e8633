import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createAssessor } from "../src/pipeline/assess-submission.js";
import { parseYamlFast } from "../src/source/parse-fast.js";
import { parseYaml } from "../src/source/parse-yaml.js";
import { FIXTURE_ANSWERS, fixtureCatalog, writeTemp } from "./helpers/fixtures.js";

const files = [
  ...readdirSync(new URL("../examples/", import.meta.url)).map(
    (f) => new URL(`../examples/${f}`, import.meta.url).pathname,
  ),
  ...readdirSync(FIXTURE_ANSWERS).map((f) => `${FIXTURE_ANSWERS}${f}`),
].filter((f) => /\.ya?ml$/.test(f));

describe("fast parse (no positions)", () => {
  it.each(files)("reads %s exactly as the positioned parser does", (path) => {
    const text = readFileSync(path, "utf8");
    expect(parseYamlFast(path, text)?.file?.data).toStrictEqual(parseYaml(path, text).file?.data);
  });

  it("leaves anchors, aliases, binary literals and malformed text to the positioned parser", () => {
    expect(parseYamlFast("a.yaml", "a: &x [1]\nb: *x\n")).toBeUndefined();
    expect(parseYamlFast("a.yaml", "signers: 0b101\n")).toBeUndefined();
    expect(parseYamlFast("a.yaml", "a: [unclosed\n")).toBeUndefined();
    expect(parseYamlFast("a.yaml", "a: 1\na: 2\n")).toBeUndefined();
    expect(parseYamlFast("a.yaml", "title: '*bold* text'\n")?.file?.data).toEqual({ title: "*bold* text" });
  });

  it("still places the diagnostics of an invalid submission at their line and column", async () => {
    const catalog = await fixtureCatalog();
    const text = readFileSync(`${FIXTURE_ANSWERS}strong.yaml`, "utf8").replace("KEY-001:", "KEY-01:");
    const result = createAssessor(catalog).read(writeTemp("bad.yaml", text));
    expect(result.valid).toBe(false);
    const line = text.split("\n").findIndex((l) => l.includes("KEY-01:")) + 1;
    expect(
      !result.valid && result.diagnostics.find((d) => d.code === "answers/unknown-control")?.start,
    ).toEqual({ line, column: 3 });
  });
});
