// evaluate(): the pure, synchronous heart of vaspcheck — catalog + answers in, one explained result out.
import type { Answers } from "../model/answers.js";
import type { Catalog } from "../model/catalog.js";
import { type ControlResult, type Evaluation, RESULT_FORMAT } from "../model/result.js";
import { compileCatalog } from "./compile.js";
import { evaluateCompiled } from "./evaluate-control.js";
import { rollupFrameworks } from "./frameworks.js";
import { replayIncidents } from "./replay.js";
import { rollup, SEVERITY_WEIGHT } from "./scoring.js";

/** Options of `evaluate`. */
export interface EvaluateOptions {
  /** Date the evaluation is made for (`YYYY-MM-DD`). Defaults to the assessment date, never the wall clock. */
  readonly asOf?: string;
}

/** Groups results under every key `keys` gives them, in result order. */
function groupBy(results: readonly ControlResult[], keys: (r: ControlResult) => readonly string[]) {
  const groups = new Map<string, ControlResult[]>();
  for (const r of results) {
    for (const key of keys(r)) {
      const list = groups.get(key);
      if (list) list.push(r);
      else groups.set(key, [r]);
    }
  }
  return groups;
}

/** Evaluates an answers file against a catalog. Pure and synchronous: same inputs, same result. */
export function evaluate(catalog: Catalog, answers: Answers, options: EvaluateOptions = {}): Evaluation {
  const asOf = options.asOf ?? answers.assessment.date;
  const controls = compileCatalog(catalog).controls.map((compiled) =>
    evaluateCompiled(compiled, answers.answers[compiled.control.id], answers.profile, asOf),
  );
  const ranked = controls
    .filter((r) => r.risk > 0)
    .sort(
      (a, b) =>
        b.risk - a.risk ||
        SEVERITY_WEIGHT[b.severity] - SEVERITY_WEIGHT[a.severity] ||
        (a.control_id < b.control_id ? -1 : 1),
    );
  // The results were created above and are not shared yet, so ranking them in place keeps evaluate() pure.
  ranked.forEach((r, i) => {
    r.gap_rank = i + 1;
  });
  const byLesson = groupBy(controls, (r) => r.lessons);
  const byIncident = groupBy(controls, (r) => r.incidents);
  const lessons = catalog.lessons.map((l) => rollup(l.id, l.title, byLesson.get(l.id) ?? []));
  const incidents = catalog.incidents.map((i) => rollup(i.id, i.name, byIncident.get(i.id) ?? []));
  const lessonTiers = lessons.map((l) => l.tier).filter((t): t is number => t !== null);
  const overallTier = lessonTiers.length > 0 ? Math.min(...lessonTiers) : null;
  return {
    format: RESULT_FORMAT,
    catalog: { id: catalog.meta.id, version: catalog.meta.version, digest: catalog.digest },
    organization: { ...answers.organization, registration: answers.organization.registration ?? undefined },
    assessment: answers.assessment,
    as_of: asOf,
    answered_catalog: answers.catalog,
    overall: {
      ...rollup("overall", "All controls", controls),
      tier: overallTier,
      tier_name:
        overallTier === null ? null : (catalog.meta.tiers.find((t) => t.level === overallTier)?.name ?? null),
    },
    controls,
    gaps: ranked.map((r) => r.control_id),
    lessons,
    incidents,
    frameworks: rollupFrameworks(catalog, controls),
    replay: replayIncidents(catalog, controls),
  };
}
