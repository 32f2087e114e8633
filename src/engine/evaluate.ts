// evaluate(): the pure, synchronous heart of vaspcheck — catalog + answers in, one explained result out.
import type { Answers } from "../model/answers.js";
import type { Catalog } from "../model/catalog.js";
import { type ControlResult, type Evaluation, RESULT_FORMAT, type Rollup } from "../model/result.js";
import { type CompiledControl, compileCatalog } from "./compile.js";
import { evaluateCompiled } from "./evaluate-control.js";
import { rollupFrameworks } from "./frameworks.js";
import { replayIncidents } from "./replay.js";
import { rollupOf, STATUS_CODE } from "./scoring.js";

/** Options of `evaluate`. */
export interface EvaluateOptions {
  /** Date the evaluation is made for (`YYYY-MM-DD`). Defaults to the assessment date, never the wall clock. */
  readonly asOf?: string;
}

/** Evaluates an answers file against a catalog. Pure and synchronous: same inputs, same result. */
export function evaluate(catalog: Catalog, answers: Answers, options: EvaluateOptions = {}): Evaluation {
  const asOf = options.asOf ?? answers.assessment.date;
  const compiled = compileCatalog(catalog);
  const { plan, ids } = compiled;
  const n = compiled.controls.length;
  const controls: ControlResult[] = [];
  const status = new Uint8Array(n);
  const assessed = new Uint8Array(n);
  const gaps: number[] = [];
  for (let p = 0; p < n; p++) {
    const c = compiled.controls[p] as CompiledControl;
    const r = evaluateCompiled(c, answers.answers[c.control.id], answers.profile, asOf);
    controls.push(r);
    status[p] = STATUS_CODE[r.status];
    assessed[p] = STATUS_CODE[r.assessed_status];
    if (r.risk > 0) gaps.push(p);
  }
  const input = { status, assessed, weights: plan.weights, levels: plan.levels };
  const risk = (p: number) => (controls[p] as ControlResult).risk;
  gaps.sort(
    (a, b) =>
      risk(b) - risk(a) ||
      (plan.weights[b] as number) - (plan.weights[a] as number) ||
      (compiled.idRank[a] as number) - (compiled.idRank[b] as number),
  );
  // The results were created above and are not shared yet, so ranking them in place keeps evaluate() pure.
  gaps.forEach((p, i) => {
    (controls[p] as ControlResult).gap_rank = i + 1;
  });
  // Plain loops, not map(): reading back an array that map() made sent V8 into a deoptimization loop on this path.
  const lessons: Rollup[] = [];
  let overallTier: number | null = null;
  for (let i = 0; i < catalog.lessons.length; i++) {
    const l = catalog.lessons[i] as Catalog["lessons"][number];
    const rollup = rollupOf(l.id, l.title, plan.lessons[i] ?? [], ids.lessons[i] ?? [], input);
    lessons.push(rollup);
    if (rollup.tier !== null && (overallTier === null || rollup.tier < overallTier))
      overallTier = rollup.tier;
  }
  const incidents = catalog.incidents.map((inc, i) =>
    rollupOf(inc.id, inc.name, plan.incidents[i] ?? [], ids.incidents[i] ?? [], input),
  );
  const overall = rollupOf("overall", "All controls", plan.all, ids.all, input);
  return {
    format: RESULT_FORMAT,
    catalog: { id: catalog.meta.id, version: catalog.meta.version, digest: catalog.digest },
    organization: { ...answers.organization, registration: answers.organization.registration ?? undefined },
    assessment: answers.assessment,
    as_of: asOf,
    answered_catalog: answers.catalog,
    overall: {
      id: overall.id,
      title: overall.title,
      score: overall.score,
      tier: overallTier,
      counts: overall.counts,
      controls: overall.controls,
      tier_name:
        overallTier === null ? null : (catalog.meta.tiers.find((t) => t.level === overallTier)?.name ?? null),
    },
    controls,
    gaps: gaps.map((p) => (controls[p] as ControlResult).control_id),
    lessons,
    incidents,
    frameworks: rollupFrameworks(catalog, plan, ids.frameworks, controls, input),
    replay: replayIncidents(catalog, plan, controls),
  };
}
