// Zod issues to diagnostics: each kind of issue becomes a diagnostic with its code, its place and words a user reads.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { diagnosticsFromZod } from "../src/source/from-zod.js";
import { parseYaml } from "../src/source/parse-yaml.js";

function check(schema: z.ZodType, text: string) {
  const parsed = parseYaml("t.yaml", text);
  if (!parsed.file) throw new Error("fixture did not parse");
  const result = schema.safeParse(parsed.file.data);
  if (result.success) throw new Error("expected the schema to fail");
  return diagnosticsFromZod(parsed.file, result.error.issues);
}
const one = (schema: z.ZodType, text: string) => {
  const list = check(schema, text);
  expect(list, JSON.stringify(list)).toHaveLength(1);
  return list[0]!;
};

describe("diagnostics from zod issues", () => {
  it("a null value is an empty value, placed where the value belongs", () => {
    const d = one(z.strictObject({ name: z.string() }), "name:\n");
    expect(d).toMatchObject({
      code: "schema/missing",
      start: { line: 1, column: 6 },
      hint: "Fill in a value after the colon.",
    });
    expect(d.message).toBe("Empty value for `name`, expected string");
  });

  it("a missing key is missing, and a wrong type says what it found", () => {
    expect(one(z.strictObject({ name: z.string(), n: z.number().optional() }), "n: 1\n")).toMatchObject({
      code: "schema/missing",
      message: "Missing `name`, expected string",
    });
    const d = one(z.strictObject({ n: z.number() }), "n: [1, 2]\n");
    expect(d).toMatchObject({ code: "schema/invalid-type", start: { line: 1, column: 4 } });
    expect(d.message).toBe("Unexpected list at `n`, expected number");
  });

  it("a misspelt key is unknown, with the missing key it was meant to be as the suggestion", () => {
    const list = check(z.strictObject({ threshold: z.number() }), "treshold: 3\n");
    const unknown = list.find((d) => d.code === "schema/unknown-key");
    expect(unknown).toMatchObject({ start: { line: 1, column: 1 }, hint: "Did you mean `threshold`?" });
    expect(list.map((d) => d.code).sort()).toEqual(["schema/missing", "schema/unknown-key"]);
  });

  it("a value outside an enum lists what is allowed and suggests the closest", () => {
    const d = one(z.strictObject({ level: z.enum(["low", "high"]) }), "level: hihg\n");
    expect(d).toMatchObject({ code: "schema/invalid-value", hint: "Did you mean `high`?" });
    expect(d.expected).toContain("high");
  });

  it("formats: a date says how to write one, a regex says its own expectation", () => {
    expect(one(z.strictObject({ d: z.iso.date() }), 'd: "31/03/2026"\n')).toMatchObject({
      code: "schema/invalid-format",
      expected: "a date `YYYY-MM-DD`",
    });
    const id = one(
      z.strictObject({ id: z.string().regex(/^[A-Z]{3}-\d{3}$/, "control id like `KEY-001`") }),
      "id: key1\n",
    );
    expect(id).toMatchObject({ code: "schema/invalid-format", expected: "control id like `KEY-001`" });
    expect(one(z.strictObject({ u: z.url() }), "u: not a url\n").code).toBe("schema/invalid-format");
  });

  it("ranges name their unit: items, characters, or a bare bound", () => {
    expect(one(z.strictObject({ l: z.array(z.number()).min(2) }), "l: [1]\n").expected).toBe(
      "at least 2 items",
    );
    expect(one(z.strictObject({ s: z.string().min(3) }), "s: ab\n").expected).toBe("at least 3 characters");
    expect(one(z.strictObject({ n: z.number().max(5) }), "n: 9\n").expected).toBe("at most 5");
  });

  it("a record key of the wrong shape is placed and explained", () => {
    const d = one(
      z.strictObject({ m: z.record(z.string().regex(/^[a-z]+$/, "lower-case key"), z.number()) }),
      "m:\n  Bad: 1\n",
    );
    expect(d.code).toBe("schema/invalid-format");
    expect(d.message).toContain("Unexpected key at `m");
  });

  it("a union failure reports the branch that got deepest, not every branch", () => {
    const schema = z.strictObject({
      v: z.union([
        z.strictObject({ url: z.url() }),
        z.strictObject({ path: z.strictObject({ file: z.string() }) }),
      ]),
    });
    const list = check(schema, "v:\n  path:\n    file: 3\n");
    expect(list.map((d) => [d.code, d.path?.join(".")])).toEqual([["schema/invalid-type", "v.path.file"]]);
    expect(list[0]?.start).toEqual({ line: 3, column: 11 });
  });

  it("anything else keeps zod's message, placed at its value", () => {
    const d = one(z.strictObject({ n: z.number().refine((x) => x % 2 === 0, "must be even") }), "n: 3\n");
    expect(d).toMatchObject({ code: "schema/invalid", start: { line: 1, column: 4 } });
    expect(d.message).toBe("must be even at `n`");
  });
});
