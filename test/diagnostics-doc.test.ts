// docs/diagnostics.md is generated from the code registry and ships with the package; it must be current.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FAMILIES, renderDiagnosticsDoc } from "../scripts/diagnostics-doc.mjs";
import { DIAGNOSTIC_CODES, type DiagnosticCode, diagnosticDocs } from "../src/model/diagnostic-codes.js";

const committed = readFileSync(new URL("../docs/diagnostics.md", import.meta.url), "utf8");

describe("docs/diagnostics.md", () => {
  it("is what the generator writes from today's registry (run `npm run docs` after changing a code)", () => {
    expect(committed).toBe(renderDiagnosticsDoc(DIAGNOSTIC_CODES));
  });

  it("has an entry at the docs link of every code, under a family the generator knows", () => {
    for (const code of Object.keys(DIAGNOSTIC_CODES) as DiagnosticCode[]) {
      const anchor = diagnosticDocs(code).split("#")[1];
      expect(committed, code).toContain(`<a id="${anchor}"></a>\n### \`${code}\``);
      expect(
        FAMILIES.map(([prefix]) => prefix),
        code,
      ).toContain(code.split("/")[0]);
    }
  });
});
