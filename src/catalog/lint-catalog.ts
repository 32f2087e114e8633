// Catalog lint: loading checks plus replay of every control's examples through the engine.

import { checkValue } from "../answers/check-value.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { evaluateControl } from "../engine/evaluate-control.js";
import { locate } from "../source/source-file.js";
import { type LoadCatalogResult, loadCatalog } from "./load-catalog.js";

/**
 * Loads a catalog and replays every example, reporting each mismatch where the example is written. Examples are
 * replayed even when other files have errors, so one broken file does not hide the rest.
 */
export async function lintCatalog(dir: string): Promise<LoadCatalogResult> {
  // Lint must see the files themselves (positions, warnings, examples), never the build-time cache.
  const loaded = await loadCatalog(dir, { cache: null });
  const catalog = loaded.catalog ?? loaded.unchecked;
  if (!catalog) return loaded;
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  const broken = new Set(loaded.diagnostics.filter((d) => d.severity === "error").map((d) => d.file));
  // A control whose own file, or the profile its scope reads, has errors cannot be replayed meaningfully.
  const profileBroken = loaded.sources.profile !== undefined && broken.has(loaded.sources.profile.path);
  for (const control of catalog.controls) {
    const file = loaded.sources.controls.get(control.id);
    if (!file || profileBroken || broken.has(file.path)) continue;
    const questions = new Map(control.questions.map((q) => [q.id, q]));
    control.examples.forEach((example, i) => {
      const place = (path: (string | number)[]) => locate(file, ["examples", i, ...path]);
      for (const [id, value] of Object.entries(example.responses)) {
        const question = questions.get(id);
        const problem = question ? checkValue(question, value) : undefined;
        if (!question || problem) {
          diagnostics.push({
            file: file.path,
            ...place(["responses", id]),
            severity: "error",
            code: "catalog/example-mismatch",
            message: question
              ? `Example "${example.name}" answers \`${id}\` with ${JSON.stringify(value)}, expected ${problem?.expected}`
              : `Example "${example.name}" answers unknown question \`${id}\``,
          });
        }
      }
      const result = evaluateControl(
        control,
        { responses: example.responses, evidence: [] },
        example.profile ?? {},
        catalog.profile,
        catalog.meta.examples_as_of,
      );
      if (result.status !== example.expect) {
        const failed = result.checks
          .filter((c) => c.kind === "leaf" && !c.passed)
          .map((c) => `${c.question} ${c.expected}`);
        diagnostics.push({
          file: file.path,
          ...place(["expect"]),
          severity: "error",
          code: "catalog/example-mismatch",
          message: `Example "${example.name}" evaluates to \`${result.status}\`, expected \`${example.expect}\``,
          expected: example.expect,
          actual: result.status,
          hint: failed.length ? `Failing checks: ${failed.join("; ")}` : undefined,
        });
      }
    });
  }
  return diagnostics.some((d) => d.severity === "error")
    ? { sources: loaded.sources, diagnostics, unchecked: catalog }
    : { sources: loaded.sources, diagnostics, catalog };
}
