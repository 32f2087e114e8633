// Scores, tiers and risk: the arithmetic every roll-up shares, in one place.
import type { Severity } from "../model/control.js";
import {
  type ControlResult,
  type Rollup,
  type Status,
  type StatusCounts,
  StatusSchema,
} from "../model/result.js";

/** Weight of each severity in scores and risk. */
export const SEVERITY_WEIGHT: Record<Severity, number> = { critical: 8, high: 4, medium: 2, low: 1 };

/** Credit a status earns towards the score. Accepted risk earns what the answers alone earn. */
export function credit(result: Pick<ControlResult, "status" | "assessed_status">): number {
  const status = result.status === "risk_accepted" ? result.assessed_status : result.status;
  return status === "met" ? 1 : status === "partially_met" ? 0.5 : 0;
}

/** All statuses in report order; a status's position is its `STATUS_CODE`. */
export const STATUSES: readonly Status[] = StatusSchema.options;

/** A small integer per status (its position in `STATUSES`), so roll-ups can run over typed arrays. */
export const STATUS_CODE: Readonly<Record<Status, number>> = {
  met: 0,
  partially_met: 1,
  not_met: 2,
  not_answered: 3,
  risk_accepted: 4,
  not_applicable: 5,
};
const MET = STATUS_CODE.met;
const PARTIAL = STATUS_CODE.partially_met;
const ACCEPTED = STATUS_CODE.risk_accepted;
const NA = STATUS_CODE.not_applicable;

/** Per-position facts about controls that every tally reads. */
export interface TallyInput {
  /** Status code per control position (after exceptions). */
  readonly status: ArrayLike<number>;
  /** Status code per control position as the answers alone decide it. */
  readonly assessed: ArrayLike<number>;
  /** Severity weight per control position. */
  readonly weights: ArrayLike<number>;
  /** Level (1–3) per control position. */
  readonly levels: ArrayLike<number>;
}

/** Score, tier and status counts of a group of controls. */
export interface Tally {
  /** Severity-weighted score 0–100 over applicable controls, rounded to one decimal; null when none applies. */
  readonly score: number | null;
  /**
   * Highest level L (0–3) such that every applicable control of level ≤ L is met and at least one has level ≤ L;
   * null when none applies.
   */
  readonly tier: number | null;
  readonly counts: StatusCounts;
}

/** Tallies the controls at `members` (positions) in one pass. */
export function tally(members: readonly number[], input: TallyInput): Tally {
  const { status, assessed, weights, levels } = input;
  const counts = [0, 0, 0, 0, 0, 0];
  let total = 0;
  let earned = 0;
  let lowestGap = 4;
  let lowestLevel = 4;
  for (const p of members) {
    const s = status[p] as number;
    counts[s] = (counts[s] as number) + 1;
    if (s === NA) continue;
    if ((levels[p] as number) < lowestLevel) lowestLevel = levels[p] as number;
    const weight = weights[p] as number;
    const answered = s === ACCEPTED ? assessed[p] : s;
    total += weight;
    if (answered === MET) earned += weight;
    else if (answered === PARTIAL) earned += weight * 0.5;
    if (s !== MET && (levels[p] as number) < lowestGap) lowestGap = levels[p] as number;
  }
  return {
    score: total === 0 ? null : Math.round((1000 * earned) / total) / 10,
    tier: total === 0 ? null : credibleTier(Math.min(3, lowestGap - 1), lowestLevel),
    counts: {
      met: counts[0] as number,
      partially_met: counts[1] as number,
      not_met: counts[2] as number,
      not_answered: counts[3] as number,
      risk_accepted: counts[4] as number,
      not_applicable: counts[5] as number,
    },
  };
}

/**
 * A tier is reached only through controls of its level or below: with no applicable level-1 control, "every level-1
 * control is met" holds of nothing, and tier 1 would be claimed at a score of 0.
 */
function credibleTier(tier: number, lowestLevel: number): number {
  return tier >= lowestLevel ? tier : 0;
}

/**
 * The roll-up of a group: its tally and member ids. Written as one literal, not a spread: spreading tallies whose
 * score is sometimes null made V8 reshape the objects and fall into a deoptimization loop.
 */
export function rollupOf(
  id: string,
  title: string,
  members: readonly number[],
  memberIds: readonly string[],
  input: TallyInput,
): Rollup {
  const t = tally(members, input);
  // Shared with every result of this catalog: results are read-only data.
  const rollup: Rollup = {
    id,
    title,
    score: null,
    tier: null,
    counts: t.counts,
    controls: memberIds as string[],
  };
  // Assigned after creation: a literal whose number fields are whole on some calls and fractional on others
  // made V8 deoptimize evaluate() on every call. Starting from null keeps one field representation.
  rollup.score = t.score;
  rollup.tier = t.tier;
  return rollup;
}

/** Tallies a list of results (positions are list indexes). */
function tallyResults(results: readonly ControlResult[]): Tally {
  return tally(
    results.map((_, i) => i),
    {
      status: results.map((r) => STATUS_CODE[r.status]),
      assessed: results.map((r) => STATUS_CODE[r.assessed_status]),
      weights: results.map((r) => SEVERITY_WEIGHT[r.severity]),
      levels: results.map((r) => r.level),
    },
  );
}

/** Severity-weighted score 0–100 over applicable controls, rounded to one decimal; null when none applies. */
export function score(results: readonly ControlResult[]): number | null {
  return tallyResults(results).score;
}

/** Highest level L (0–3) such that every applicable control of level ≤ L is met; null when none applies. */
export function tier(results: readonly ControlResult[]): number | null {
  return tallyResults(results).tier;
}

/** Share of a control's risk that remains with a status: all of it when not met or not answered, half when partial. */
function gapFactor(status: Status): number {
  // A switch, not a lookup table: most statuses are absent from such a table, and each miss walked the prototype chain.
  switch (status) {
    case "not_met":
    case "not_answered":
      return 1;
    case "partially_met":
      return 0.5;
    default:
      return 0;
  }
}

/** The part of a control's risk that does not depend on the answers: severity weight × (1 + ½ per incident countered). */
export function riskBase(severity: Severity, incidents: number): number {
  return SEVERITY_WEIGHT[severity] * (1 + 0.5 * incidents);
}

/** Risk from a prepared base and a status. */
export function riskFrom(base: number, status: Status): number {
  const factor = gapFactor(status);
  return factor === 0 ? 0 : Math.round(base * factor * 100) / 100;
}

/**
 * The score if every control the answers marked not applicable counted as not met: what the exemptions are worth.
 * A control put out of scope by the profile stays out; only the organization's own N/A claims are undone.
 */
export function scoreCountingAnsweredNa(results: readonly ControlResult[]): number | null {
  return score(
    results.map((r) =>
      r.not_applicable_by === "answer"
        ? { ...r, status: "not_met" as const, assessed_status: "not_met" as const }
        : r,
    ),
  );
}
