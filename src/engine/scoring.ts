// Scores, tiers and risk: the arithmetic every roll-up shares, in one place.
import type { Severity } from "../model/control.js";
import type { ControlResult, Rollup, Status, StatusCounts } from "../model/result.js";

/** Weight of each severity in scores and risk. */
export const SEVERITY_WEIGHT: Record<Severity, number> = { critical: 8, high: 4, medium: 2, low: 1 };

/** Credit a status earns towards the score. Accepted risk earns what the answers alone earn. */
export function credit(result: Pick<ControlResult, "status" | "assessed_status">): number {
  const status = result.status === "risk_accepted" ? result.assessed_status : result.status;
  return status === "met" ? 1 : status === "partially_met" ? 0.5 : 0;
}

/** All statuses in report order. */
export const STATUSES: readonly Status[] = [
  "met",
  "partially_met",
  "not_met",
  "not_answered",
  "risk_accepted",
  "not_applicable",
];

/** Counts results per status (every status present, zero when absent). */
export function countStatuses(results: readonly Pick<ControlResult, "status">[]): StatusCounts {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as StatusCounts;
  for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

/** Severity-weighted score 0–100 over applicable controls, rounded to one decimal; null when none applies. */
export function score(results: readonly ControlResult[]): number | null {
  const applicable = results.filter((r) => r.status !== "not_applicable");
  if (applicable.length === 0) return null;
  const total = applicable.reduce((sum, r) => sum + SEVERITY_WEIGHT[r.severity], 0);
  const earned = applicable.reduce((sum, r) => sum + SEVERITY_WEIGHT[r.severity] * credit(r), 0);
  return Math.round((1000 * earned) / total) / 10;
}

/** Highest level L (0–3) such that every applicable control of level ≤ L is met; null when none applies. */
export function tier(results: readonly ControlResult[]): number | null {
  const applicable = results.filter((r) => r.status !== "not_applicable");
  if (applicable.length === 0) return null;
  let reached = 0;
  for (const level of [1, 2, 3]) {
    if (applicable.some((r) => r.level <= level && r.status !== "met")) break;
    reached = level;
  }
  return reached;
}

/** Builds a roll-up over a group of control results. */
export function rollup(id: string, title: string, results: readonly ControlResult[]): Rollup {
  return {
    id,
    title,
    score: score(results),
    tier: tier(results),
    counts: countStatuses(results),
    controls: results.map((r) => r.control_id),
  };
}

const GAP_FACTOR: Partial<Record<Status, number>> = { not_met: 1, not_answered: 1, partially_met: 0.5 };

/** Risk of a gap: severity weight × how much is missing × how many incidents and attack steps it covers. */
export function risk(
  result: Pick<ControlResult, "status" | "severity" | "incidents" | "blocks" | "limits">,
): number {
  return riskFrom(riskBase(result), result.status);
}

/** The part of a control's risk that does not depend on the answers: severity weight × breadth. */
export function riskBase(
  control: Pick<ControlResult, "severity" | "incidents" | "blocks" | "limits">,
): number {
  const breadth = 1 + 0.5 * control.incidents.length + 0.25 * (control.blocks.length + control.limits.length);
  return SEVERITY_WEIGHT[control.severity] * breadth;
}

/** Risk from a prepared base and a status. */
export function riskFrom(base: number, status: Status): number {
  return Math.round(base * (GAP_FACTOR[status] ?? 0) * 100) / 100;
}
