// evaluate(): the pure, synchronous heart of vaspcheck — catalog + answers in, one explained result out.
import type { Answers } from "../model/answers.js";
import type { Catalog } from "../model/catalog.js";
import { type ControlResult, type Evaluation, RESULT_FORMAT, type Rollup } from "../model/result.js";
import { type CompiledCatalog, type CompiledControl, type ControlFacts, compileCatalog } from "./compile.js";
import { evaluateCompiled } from "./evaluate-control.js";
import { analyseFixes, type FixAnalysis, fixPlanIds, incidentWeight } from "./fix-first.js";
import { rollupFrameworks } from "./frameworks.js";
import { profileFlags } from "./profile-flags.js";
import { replayIncidents, replayStatuses } from "./replay.js";
import { applyReview, reviewOf } from "./review.js";
import {
  rollupOf,
  SEVERITY_WEIGHT,
  STATUS_CODE,
  scoreCountingAnsweredNa,
  type TallyInput,
} from "./scoring.js";
import { operators, type PartyInput, partyInputs, partyNames, partyStatuses } from "./third-parties.js";

/** Options of `evaluate`. */
export interface EvaluateOptions {
  /** Date the evaluation is made for (`YYYY-MM-DD`). Defaults to the assessment date, never the wall clock. */
  readonly asOf?: string;
  /**
   * The own answers of each third party the answers file names, by index (undefined where none was given or it was
   * invalid). The controls a party operates take its status; its other answers decide the replay's steps inside it.
   */
  readonly thirdParties?: readonly (Answers | undefined)[];
}

/**
 * Every control's result, in catalog order, without the roll-ups, the replay or Fix first: what validation and a
 * comparison need. Pure and synchronous.
 */
export function evaluateControls(
  catalog: Catalog,
  answers: Answers,
  options: EvaluateOptions = {},
): ControlResult[] {
  const asOf = options.asOf ?? answers.assessment.date;
  return controlResults(catalog, answers, asOf, partyInputs(answers, options.thirdParties, asOf));
}

/** `evaluateControls` with the third parties already paired with their answers (`partyInputs`). */
function controlResults(
  catalog: Catalog,
  answers: Answers,
  asOf: string,
  parties: readonly PartyInput[],
): ControlResult[] {
  const compiled = compileCatalog(catalog);
  const operator = parties.length === 0 ? undefined : operators(parties);
  const controls: ControlResult[] = [];
  for (let p = 0; p < compiled.controls.length; p++) {
    const c = compiled.controls[p] as CompiledControl;
    const facts = compiled.facts[p] as ControlFacts;
    const k = operator?.get(c.control.id);
    const review = reviewOf(answers.review, c.control.id);
    if (k === undefined) {
      const own = evaluateCompiled(c, answers.answers[c.control.id], answers.profile, asOf, facts);
      controls.push(applyReview(own, review, facts));
      continue;
    }
    // The exchange's scope decides whether the control applies; the operator's answers decide how it stands.
    const party = parties[k] as PartyInput;
    // The party's exception is its own acceptance, not the organization's: the risk stays the organization's.
    const own = party.answers?.answers[c.control.id];
    const result = evaluateCompiled(c, own && { ...own, exception: undefined }, answers.profile, asOf, facts);
    result.operated_by = { name: party.name, role: party.role, answers: party.state, date: party.date };
    controls.push(applyReview(result, review, facts));
  }
  return controls;
}

/** Each third party's own results, evaluated on the organization's profile (its scope, not the vendor's). */
function partyResults(
  catalog: Catalog,
  answers: Answers,
  parties: readonly PartyInput[],
  asOf: string,
): (ControlResult[] | undefined)[] {
  return parties.map((party) =>
    party.answers
      ? evaluateControls(catalog, { ...party.answers, profile: answers.profile, third_parties: [] }, { asOf })
      : undefined,
  );
}

/** Who reviewed the answers, when and to what assurance; null for a self-assessment. */
function reviewSummary(answers: Answers): Evaluation["review"] {
  const r = answers.review;
  return r ? { reviewer: r.reviewer, date: r.date, level: r.level } : null;
}

/** Evaluates an answers file against a catalog. Pure and synchronous: same inputs, same result. */
export function evaluate(catalog: Catalog, answers: Answers, options: EvaluateOptions = {}): Evaluation {
  const asOf = options.asOf ?? answers.assessment.date;
  const compiled = compileCatalog(catalog);
  const { plan, ids } = compiled;
  const parties = partyInputs(answers, options.thirdParties, asOf);
  const controls = controlResults(catalog, answers, asOf, parties);
  const { status, assessed, gaps } = statusCodes(controls);
  const flags = profileFlags(plan.conditions, answers.profile, catalog.profile);
  const ownResults = partyResults(catalog, answers, parties, asOf);
  const replayInput = {
    status: replayStatuses(status, assessed),
    flags,
    parties: partyStatuses(parties, ownResults),
    partyNames: partyNames(parties, ownResults, controls.length),
  };
  const thirdParties = thirdPartiesOf(answers, parties, options.thirdParties);
  const weighted = catalog.incidents.map((_, i) => incidentWeight(catalog, plan, i, flags));
  const incidentId = (i: number) => (catalog.incidents[i] as Catalog["incidents"][number]).id;
  const controlId = (p: number) => (controls[p] as ControlResult).control_id;
  const analysis = analyseFixes(
    plan,
    replayInput,
    weighted.map((w) => w.weight),
    gaps,
    incidentId,
  );
  rankGaps(gaps, controls, analysis, compiled.idRank);
  const input = { status, assessed, weights: plan.weights, levels: plan.levels };
  const { lessons, overallTier } = lessonRollups(catalog, compiled, input);
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
    review: reviewSummary(answers),
    third_parties: thirdParties,
    overall: overallOf(catalog, overall, overallTier, controls),
    controls,
    gaps: gaps.map(controlId),
    lessons,
    incidents,
    frameworks: rollupFrameworks(catalog, plan, ids.frameworks, controls, input),
    replay: replayIncidents(catalog, plan, replayInput, controls, {
      weight: (i) => weighted[i] as { weight: number; because: string[] },
      fixes: (i) => (analysis.fixes[i] ?? []).map((set) => set.map(controlId)),
    }),
    fix_plan: fixPlanIds(analysis, controlId, incidentId),
  };
}

/** Status codes per control position, after exceptions and as assessed, and the positions of the gaps. */
function statusCodes(controls: readonly ControlResult[]): {
  status: Uint8Array;
  assessed: Uint8Array;
  gaps: number[];
} {
  const n = controls.length;
  const status = new Uint8Array(n);
  const assessed = new Uint8Array(n);
  const gaps: number[] = [];
  for (let p = 0; p < n; p++) {
    const r = controls[p] as ControlResult;
    status[p] = STATUS_CODE[r.status];
    assessed[p] = STATUS_CODE[r.assessed_status];
    if (r.risk > 0) gaps.push(p);
  }
  return { status, assessed, gaps };
}

/** Sorts the gaps into Fix first order and records each gap's rank and exposure on its result. */
function rankGaps(
  gaps: number[],
  controls: readonly ControlResult[],
  analysis: FixAnalysis,
  idRank: readonly number[],
): void {
  const risk = (p: number) => (controls[p] as ControlResult).risk;
  const exposure = (p: number) => analysis.exposure.get(p) as NonNullable<ControlResult["exposure"]>;
  // Stopping attacks first: a gap never ranks above one that would stop more (weighted) attacks on its own.
  gaps.sort(
    (a, b) =>
      exposure(b).stop_weight - exposure(a).stop_weight ||
      exposure(b).value - exposure(a).value ||
      risk(b) - risk(a) ||
      (idRank[a] as number) - (idRank[b] as number),
  );
  // evaluate() has just created the results and not shared them yet, so ranking them in place keeps it pure.
  gaps.forEach((p, i) => {
    const r = controls[p] as ControlResult;
    r.gap_rank = i + 1;
    r.exposure = exposure(p);
  });
}

/** One roll-up per lesson, and the lowest tier any lesson reaches: the overall tier. */
function lessonRollups(
  catalog: Catalog,
  { plan, ids }: CompiledCatalog,
  input: TallyInput,
): { lessons: Rollup[]; overallTier: number | null } {
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
  return { lessons, overallTier };
}

/** The all-controls roll-up, with the overall tier (the lowest of the lessons') and its name. */
function overallOf(
  catalog: Catalog,
  overall: Rollup,
  overallTier: number | null,
  controls: readonly ControlResult[],
): Evaluation["overall"] {
  const declared = controls
    .filter((r) => r.not_applicable_by === "answer")
    .sort((a, b) => SEVERITY_WEIGHT[b.severity] - SEVERITY_WEIGHT[a.severity])
    .map((r) => r.control_id);
  return {
    id: overall.id,
    title: overall.title,
    score: overall.score,
    tier: overallTier,
    counts: overall.counts,
    controls: overall.controls,
    tier_name:
      overallTier === null ? null : (catalog.meta.tiers.find((t) => t.level === overallTier)?.name ?? null),
    declared_not_applicable: declared,
    score_counting_declared_na: declared.length === 0 ? null : scoreCountingAnsweredNa(controls),
  };
}

/** The third parties as a result lists them: who, what they operate, and whether their answers were used. */
function thirdPartiesOf(
  answers: Answers,
  parties: readonly PartyInput[],
  given: EvaluateOptions["thirdParties"],
): Evaluation["third_parties"] {
  return (answers.third_parties ?? []).map((t, i) => ({
    name: t.name,
    role: t.role,
    identifier: t.identifier,
    operates: t.operates,
    answers: (parties[i] as PartyInput).state,
    date: parties[i]?.date,
    assessor: given?.[i]?.assessment.assessor,
  }));
}

/**
 * What a comparison keeps of an organization's third parties: the list, and per kind of party its own statuses as the
 * replay reads them (the same `partyStatuses` a report uses), so a comparison replays exactly as a report does.
 */
export function thirdPartyReplay(
  catalog: Catalog,
  answers: Answers,
  options: EvaluateOptions = {},
): { list: Evaluation["third_parties"]; statuses: ReturnType<typeof partyStatuses> } {
  const asOf = options.asOf ?? answers.assessment.date;
  const parties = partyInputs(answers, options.thirdParties, asOf);
  return {
    list: thirdPartiesOf(answers, parties, options.thirdParties),
    statuses: partyStatuses(parties, partyResults(catalog, answers, parties, asOf)),
  };
}
