// Fix first: what each gap would change in the replay, the ranking that follows from it, and a small set of fixes
// that would block a step of every attack that can be blocked.
import type { Catalog } from "../model/catalog.js";
import type { ControlResult, Evaluation } from "../model/result.js";
import type { CatalogPlan, CountermeasurePlan } from "./plan.js";
import { barriersOf, chainVerdicts, defenceDepth, incidentApplies, type ReplayInput } from "./replay.js";
import { STATUS_CODE } from "./scoring.js";

type Exposure = NonNullable<ControlResult["exposure"]>;

const MET = STATUS_CODE.met;
const FIXABLE = new Set([
  STATUS_CODE.not_met,
  STATUS_CODE.partially_met,
  STATUS_CODE.not_answered,
  STATUS_CODE.risk_accepted,
]);
const VERDICT_RANK: Readonly<Record<string, number>> = {
  stopped: 5,
  limited: 4,
  detected: 3,
  hindered: 2,
  not_stopped: 1,
  not_applicable: 0,
};

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Orders two position lists element by element: catalog order, never locale order. */
function byPositions(a: readonly number[], b: readonly number[]): number {
  for (let k = 0; k < Math.min(a.length, b.length); k++)
    if (a[k] !== b[k]) return (a[k] as number) - (b[k] as number);
  return a.length - b.length;
}

/** How much an incident counts for this organization: loss weight × (1 + profile similarities), and why. */
export function incidentWeight(
  catalog: Catalog,
  plan: Pick<CatalogPlan, "similar" | "lossWeights">,
  i: number,
  flags: string,
): { weight: number; because: string[] } {
  const incident = catalog.incidents[i] as Catalog["incidents"][number];
  const because = (plan.similar[i] ?? []).flatMap((condition, k) =>
    flags.charAt(condition) === "1" ? [(incident.similar_when[k] as { why: string }).why] : [],
  );
  return { weight: round2((plan.lossWeights[i] ?? 1) * (1 + because.length)), because };
}

/** The answer-dependent analysis behind Fix first. */
export interface FixAnalysis {
  /** Exposure per gap position. */
  readonly exposure: ReadonlyMap<number, Exposure>;
  /** Per incident: up to three smallest sets of control positions whose fixing would block a step. */
  readonly fixes: readonly (readonly (readonly number[])[])[];
  readonly plan: { steps: { controls: number[]; stops: number[] }[]; unstoppable: number[] };
}

/** What the analysis works out once and every step of it reads. */
interface FixState {
  readonly plan: CatalogPlan;
  readonly input: ReplayInput;
  readonly weights: readonly number[];
  readonly applies: readonly boolean[];
  readonly current: readonly string[];
  /** Per incident: preventive countermeasures that apply to this organization and fixing gaps could complete. */
  readonly completable: readonly (readonly CountermeasurePlan[])[];
  readonly missing: (cm: CountermeasurePlan, extra: ReadonlySet<number>) => number[];
  readonly stoppedWith: (i: number, extra: ReadonlySet<number>) => boolean;
}

/** Analyses which fixes would stop which attacks, for the gaps at `gaps` (positions). */
export function analyseFixes(
  plan: CatalogPlan,
  input: ReplayInput,
  weights: readonly number[],
  gaps: readonly number[],
  incidentId: (i: number) => string,
): FixAnalysis {
  const n = plan.chains.length;
  const applies = Array.from({ length: n }, (_, i) => incidentApplies(plan, i, input.flags));
  const completable = plan.chains.map((chain, i) =>
    applies[i]
      ? chain.flatMap((step) =>
          step.filter(
            (cm) =>
              // Another party's controls are not the organization's to fix; its answers decide them.
              cm.party === undefined &&
              cm.effect === "prevents" &&
              (cm.condition === undefined || input.flags.charAt(cm.condition) === "1") &&
              cm.positions.every((p) => input.status[p] === MET || FIXABLE.has(input.status[p] as number)),
          ),
        )
      : [],
  );
  const missing = (cm: CountermeasurePlan, extra: ReadonlySet<number>) =>
    cm.positions.filter((p) => input.status[p] !== MET && !extra.has(p));
  const state: FixState = {
    plan,
    input,
    weights,
    applies,
    current: Array.from({ length: n }, (_, i) => chainVerdicts(plan, i, input).verdict),
    completable,
    missing,
    stoppedWith: (i, extra) => (completable[i] ?? []).some((cm) => missing(cm, extra).length === 0),
  };
  const exposure = new Map<number, Exposure>();
  const measure = exposureMeter(state, incidentId);
  for (const gap of gaps) exposure.set(gap, measure(gap));
  return { exposure, fixes: cheapestFixes(state), plan: greedyCover(state) };
}

/** Per incident not stopped: up to three smallest sets of missing controls that would complete a preventive step. */
function cheapestFixes({ completable, current, applies, missing }: FixState): number[][][] {
  return completable.map((cms, i) => {
    if (current[i] === "stopped" || !applies[i]) return [];
    const seen = new Map<string, number[]>();
    for (const cm of cms) {
      const need = missing(cm, new Set());
      seen.set(need.join(","), need);
    }
    const sets = [...seen.values()].filter(
      (set, _, all) => !all.some((other) => other.length < set.length && other.every((p) => set.includes(p))),
    );
    return sets.sort((a, b) => a.length - b.length || byPositions(a, b)).slice(0, 3);
  });
}

/** The replay as it stands, read by every gap measured. */
interface Baseline {
  /** This analysis's own copy of the statuses, for `improves`. */
  readonly scratch: Uint8Array;
  /** Per incident stopped now: the sets of positions that each block a step; empty for the others. */
  readonly barriers: readonly (readonly (readonly number[])[])[];
  /** Per incident: its defence depth now. */
  readonly depth: readonly number[];
}

/** What meeting a gap would do for one incident, and the share of the incident's weight that earns it. */
interface GapEffect {
  readonly kind: "stops" | "part_of" | "deepens" | "improves";
  readonly share: number;
}

// The shares the report's ranking explanation states; constants, so measuring a gap allocates nothing per incident.
const STOPS: GapEffect = { kind: "stops", share: 1 };
const PART_OF: GapEffect = { kind: "part_of", share: 0.25 };
const IMPROVES: GapEffect = { kind: "improves", share: 0.2 };
const SECOND_LAYER: GapEffect = { kind: "deepens", share: 0.5 };
const DEEPER_LAYER: GapEffect = { kind: "deepens", share: 0.25 };

/** Measures a gap's exposure: what meeting it alone would stop, deepen, complete in part, or only improve. */
function exposureMeter(state: FixState, incidentId: (i: number) => string): (gap: number) => Exposure {
  const { plan, input, weights, applies, current } = state;
  const barriers = plan.chains.map((chain, i) => (current[i] === "stopped" ? barriersOf(chain, input) : []));
  const baseline: Baseline = {
    scratch: Uint8Array.from(input.status as ArrayLike<number>),
    barriers,
    depth: barriers.map((b) => defenceDepth(b)),
  };
  const incidentsOf = new Map<number, number[]>();
  plan.incidents.forEach((members, i) => {
    for (const p of members) incidentsOf.set(p, [...(incidentsOf.get(p) ?? []), i]);
  });
  const sum = (list: number[]) => list.reduce((acc, i) => acc + (weights[i] ?? 1), 0);
  return (gap) => {
    const stops: number[] = [];
    const deepens: number[] = [];
    const partOf: number[] = [];
    let value = 0;
    const extra = new Set([gap]);
    for (const i of incidentsOf.get(gap) ?? []) {
      if (!applies[i]) continue;
      const effect = gapEffect(state, baseline, i, gap, extra);
      if (!effect) continue;
      value += effect.share * (weights[i] ?? 1);
      if (effect.kind === "stops") stops.push(i);
      else if (effect.kind === "part_of") partOf.push(i);
      else if (effect.kind === "deepens") deepens.push(i);
    }
    return {
      stops: stops.map(incidentId),
      deepens: deepens.map(incidentId),
      part_of: partOf.map(incidentId),
      stop_weight: round2(sum(stops)),
      value: round2(value),
    };
  };
}

/**
 * What meeting `gap` (`extra` holds it) would do for incident `i`: stop it, complete part of a preventive
 * countermeasure, only improve its verdict, or, when it is stopped already, add a layer to its defence.
 */
function gapEffect(
  state: FixState,
  baseline: Baseline,
  i: number,
  gap: number,
  extra: ReadonlySet<number>,
): GapEffect | undefined {
  const { plan, input, current, completable, missing, stoppedWith } = state;
  const with_ = (completable[i] ?? []).filter((cm) => cm.positions.includes(gap));
  if (current[i] !== "stopped") {
    if (stoppedWith(i, extra)) return STOPS;
    if (with_.length > 0) return PART_OF;
    if (improves(plan, i, baseline.scratch, input, gap, current[i] as string)) return IMPROVES;
    return undefined;
  }
  const completed = with_.filter((cm) => missing(cm, extra).length === 0);
  if (completed.length === 0) return undefined;
  const before = baseline.depth[i] as number;
  const after = defenceDepth([
    ...(baseline.barriers[i] as number[][]),
    ...completed.map((cm) => [...cm.positions]),
  ]);
  if (after <= before) return undefined;
  return before === 1 ? SECOND_LAYER : DEEPER_LAYER;
}

/**
 * Whether meeting `gap` alone would lift an incident's verdict without stopping it (a cap, an alarm, a hindrance).
 * `scratch` is this analysis's own copy of the statuses, changed for the call and restored, so no copy is made per gap.
 */
function improves(
  plan: CatalogPlan,
  i: number,
  scratch: Uint8Array,
  input: ReplayInput,
  gap: number,
  now: string,
): boolean {
  const saved = scratch[gap] as number;
  scratch[gap] = MET;
  const after = chainVerdicts(plan, i, {
    status: scratch,
    flags: input.flags,
    parties: input.parties,
  }).verdict;
  scratch[gap] = saved;
  return (VERDICT_RANK[after] ?? 0) > (VERDICT_RANK[now] ?? 0);
}

/**
 * Greedy set cover: repeatedly completes the preventive countermeasure that stops the most remaining attacks per
 * control added (ties: more incident weight, fewer controls, catalog order). An approximation of the smallest set,
 * as greedy cover always is; it is what the report says it is.
 */
function greedyCover({
  completable,
  current,
  applies,
  weights,
  missing,
  stoppedWith,
}: FixState): FixAnalysis["plan"] {
  const open = current.flatMap((v, i) => (applies[i] && v !== "stopped" ? [i] : []));
  const unstoppable = open.filter((i) => (completable[i] ?? []).length === 0);
  let remaining = open.filter((i) => (completable[i] ?? []).length > 0);
  const chosen = new Set<number>();
  const steps: { controls: number[]; stops: number[] }[] = [];
  while (remaining.length > 0) {
    let best: { add: number[]; gain: number[]; ratio: number; weight: number } | undefined;
    for (const i of remaining) {
      for (const cm of completable[i] ?? []) {
        const add = missing(cm, chosen);
        if (add.length === 0) continue;
        const trial = new Set([...chosen, ...add]);
        const gain = remaining.filter((j) => stoppedWith(j, trial));
        const ratio = gain.length / add.length;
        const weight = gain.reduce((acc, j) => acc + (weights[j] ?? 1), 0);
        if (
          !best ||
          ratio > best.ratio ||
          (ratio === best.ratio &&
            (weight > best.weight || (weight === best.weight && add.length < best.add.length)))
        )
          best = { add, gain, ratio, weight };
      }
    }
    if (!best) break;
    for (const p of best.add) chosen.add(p);
    steps.push({ controls: [...best.add].sort((a, b) => a - b), stops: best.gain });
    const gained = new Set(best.gain);
    remaining = remaining.filter((i) => !gained.has(i));
  }
  return { steps, unstoppable };
}

/** Turns positions of the analysis into ids for the result. */
export function fixPlanIds(
  analysis: FixAnalysis,
  controlId: (p: number) => string,
  incidentId: (i: number) => string,
): Evaluation["fix_plan"] {
  return {
    steps: analysis.plan.steps.map((s) => ({
      controls: s.controls.map(controlId).sort(),
      stops: s.stops.map(incidentId),
    })),
    unstoppable: analysis.plan.unstoppable.map(incidentId),
  };
}
