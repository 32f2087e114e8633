// evaluate(): the pure, synchronous heart of vaspcheck — catalog + answers in, one explained result out.
import type { Answers } from "../model/answers.js";
import type { Catalog } from "../model/catalog.js";
import { type ControlResult, type Evaluation, RESULT_FORMAT } from "../model/result.js";
import { evaluateControl } from "./evaluate-control.js";
import { rollupFrameworks } from "./frameworks.js";
import { replayIncidents } from "./replay.js";
import { risk, rollup, SEVERITY_WEIGHT } from "./scoring.js";

/** Options of `evaluate`. */
export interface EvaluateOptions {
  /** Date the evaluation is made for (`YYYY-MM-DD`). Defaults to the assessment date, never the wall clock. */
  readonly asOf?: string;
}

/** Evaluates an answers file against a catalog. Pure and synchronous: same inputs, same result. */
export function evaluate(catalog: Catalog, answers: Answers, options: EvaluateOptions = {}): Evaluation {
  const asOf = options.asOf ?? answers.assessment.date;
  const decided = catalog.controls.map((control) => {
    const decision = evaluateControl(
      control,
      answers.answers[control.id],
      answers.profile,
      catalog.profile,
      asOf,
    );
    return { ...decision, risk: risk(decision) };
  });
  const ranked = decided
    .filter((r) => r.risk > 0)
    .sort(
      (a, b) =>
        b.risk - a.risk ||
        SEVERITY_WEIGHT[b.severity] - SEVERITY_WEIGHT[a.severity] ||
        a.control_id.localeCompare(b.control_id),
    );
  const rank = new Map(ranked.map((r, i) => [r.control_id, i + 1]));
  const controls: ControlResult[] = decided.map((r) => ({ ...r, gap_rank: rank.get(r.control_id) }));
  const byId = new Map(controls.map((r) => [r.control_id, r]));

  const lessons = catalog.lessons.map((lesson) =>
    rollup(
      lesson.id,
      lesson.title,
      controls.filter((r) => r.lessons.includes(lesson.id)),
    ),
  );
  const incidents = catalog.incidents.map((incident) =>
    rollup(
      incident.id,
      incident.name,
      controls.filter((r) => r.incidents.includes(incident.id)),
    ),
  );
  const lessonTiers = lessons.map((l) => l.tier).filter((t): t is number => t !== null);
  const overallTier = lessonTiers.length > 0 ? Math.min(...lessonTiers) : null;
  const overall = { ...rollup("overall", "All controls", controls), tier: overallTier };
  return {
    format: RESULT_FORMAT,
    catalog: { id: catalog.meta.id, version: catalog.meta.version, digest: catalog.digest },
    organization: { ...answers.organization, registration: answers.organization.registration ?? undefined },
    assessment: answers.assessment,
    as_of: asOf,
    answered_catalog: answers.catalog,
    overall: {
      ...overall,
      tier_name:
        overallTier === null ? null : (catalog.meta.tiers.find((t) => t.level === overallTier)?.name ?? null),
    },
    controls,
    gaps: ranked.map((r) => r.control_id),
    lessons,
    incidents,
    frameworks: rollupFrameworks(catalog, controls),
    replay: replayIncidents(catalog, byId),
  };
}
