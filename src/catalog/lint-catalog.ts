// Catalog lint: loading checks plus replay of every control's examples through the engine.

import { checkValue } from "../answers/check-value.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { evaluateControl } from "../engine/evaluate-control.js";
import type { Catalog } from "../model/catalog.js";
import type { Control } from "../model/control.js";
import type { Question } from "../model/question.js";
import { locate, type SourceFile } from "../source/source-file.js";
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
      const place: Place = (path) => locate(file, ["examples", i, ...path]);
      diagnostics.push(...responseMismatches(example, questions, file, place));
      const mismatch = outcomeMismatch(catalog, control, example, file, place);
      if (mismatch) diagnostics.push(mismatch);
    });
  }
  return diagnostics.some((d) => d.severity === "error")
    ? { sources: loaded.sources, diagnostics, unchecked: catalog }
    : { sources: loaded.sources, diagnostics, catalog };
}

type Example = Control["examples"][number];

/** Where a key path inside one example is written. */
type Place = (path: (string | number)[]) => ReturnType<typeof locate>;

/** Responses of an example that name no question of the control, or do not fit the question's type. */
function responseMismatches(
  example: Example,
  questions: ReadonlyMap<string, Question>,
  file: SourceFile,
  place: Place,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
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
  return diagnostics;
}

/** Replays an example through the engine; a problem when it does not evaluate to the status it expects. */
function outcomeMismatch(
  catalog: Catalog,
  control: Control,
  example: Example,
  file: SourceFile,
  place: Place,
): Diagnostic | undefined {
  const result = evaluateControl(
    control,
    { responses: example.responses, evidence: [] },
    example.profile ?? {},
    catalog.profile,
    catalog.meta.examples_as_of,
  );
  if (result.status === example.expect) return undefined;
  const failed = result.checks
    .filter((c) => c.kind === "leaf" && !c.passed)
    .map((c) => `${c.question} ${c.expected}`);
  return {
    file: file.path,
    ...place(["expect"]),
    severity: "error",
    code: "catalog/example-mismatch",
    message: `Example "${example.name}" evaluates to \`${result.status}\`, expected \`${example.expect}\``,
    expected: example.expect,
    actual: result.status,
    hint: failed.length ? `Failing checks: ${failed.join("; ")}` : undefined,
  };
}
