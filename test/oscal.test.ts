// The OSCAL assessment results: valid against NIST's own JSON Schema, deterministic, and saying what the report says.
import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { createReport } from "../src/pipeline/create-report.js";
import { uuidV5 } from "../src/report/oscal/uuid.js";

const schema = JSON.parse(
  readFileSync(new URL("./fixtures/oscal/oscal_assessment-results_schema.json", import.meta.url), "utf8"),
);
// The schema's patterns use Unicode classes (\p{L}); `strict: false` because OSCAL's schema carries keywords Ajv
// does not know in strict mode.
const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: true }).compile(schema);

async function oscal(path: string) {
  const result = await createReport({ answersPath: path, format: "oscal" });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics.slice(0, 2)));
  return { text: result.output as string, evaluation: result.evaluation };
}

describe("report --format oscal", () => {
  for (const example of ["dmm-like-exchange", "strong-exchange", "vendor-run-exchange"])
    it(`is valid OSCAL ${example} assessment results (JSON Schema)`, async () => {
      const { text } = await oscal(`examples/${example}.yaml`);
      const ok = validate(JSON.parse(text));
      expect(validate.errors?.slice(0, 5) ?? []).toEqual([]);
      expect(ok).toBe(true);
    });

  it("carries each gap as a finding with its risk, an accepted risk as a deviation with its expiry, evidence with hashes", async () => {
    const { text, evaluation } = await oscal("examples/vendor-run-exchange.yaml");
    const ar = JSON.parse(text)["assessment-results"];
    const result = ar.results[0];
    const notSatisfied = result.findings.filter(
      (f: { target: { status: { state: string } } }) => f.target.status.state === "not-satisfied",
    );
    expect(notSatisfied.length).toBe(
      evaluation.controls.filter((c) => c.status !== "met" && c.status !== "not_applicable").length,
    );
    const accepted = evaluation.controls.find(
      (c) => c.status === "risk_accepted" && c.exception && !c.exception.expired,
    )!;
    const risk = result.risks.find((r: { title: string }) => r.title.startsWith(accepted.control_id));
    expect(risk.status).toBe("deviation-approved");
    expect(risk.deadline).toBe(`${accepted.exception!.expires}T00:00:00Z`);
    const hashed = evaluation.controls.flatMap((c) => c.evidence).filter((e) => e.sha256);
    const hashes = ar["back-matter"].resources.flatMap(
      (r: { rlinks?: { hashes?: { value: string }[] }[] }) => r.rlinks?.flatMap((l) => l.hashes ?? []) ?? [],
    );
    expect(hashes.length).toBe(hashed.length);
    // The assessor's tested controls are observations made by test.
    const tested = result.observations.filter((o: { methods: string[] }) => o.methods.includes("TEST"));
    expect(tested.length).toBe(evaluation.controls.filter((c) => c.review?.procedure === "tested").length);
  });

  it("is checked by a schema that can fail: a document without metadata or with a bad UUID is refused", async () => {
    const doc = JSON.parse((await oscal("examples/strong-exchange.yaml")).text);
    const noMeta = structuredClone(doc);
    delete noMeta["assessment-results"].metadata;
    expect(validate(noMeta)).toBe(false);
    const badUuid = structuredClone(doc);
    badUuid["assessment-results"].uuid = "not-a-uuid";
    expect(validate(badUuid)).toBe(false);
  });

  it("gives the same bytes for the same inputs, with name-based UUIDs", async () => {
    const a = await oscal("examples/midsize-exchange.yaml");
    const b = await oscal("examples/midsize-exchange.yaml");
    expect(a.text).toBe(b.text);
    // RFC 9562's own example of a version 5 UUID.
    expect(uuidV5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe(
      "2ed6657d-e927-568b-95e1-2665a8aea6a2",
    );
  });
});
