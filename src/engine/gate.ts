// The CI gate of `report --fail-on`: which gaps at or above a severity fail the run, counting accepted risks.
import type { Severity } from "../model/control.js";
import type { ControlResult, Evaluation } from "../model/result.js";
import { SEVERITY_WEIGHT } from "./scoring.js";

/** What the gate found. */
export interface GateResult {
  /** Controls that fail the gate: open gaps in fix-first order, then gaps under an accepted exception. */
  readonly failing: readonly ControlResult[];
  /** Gaps at or above the severity that the gate let pass because their risk is accepted (`allowAccepted`). */
  readonly ignored: readonly ControlResult[];
  /**
   * Controls at or above the severity that the answers themselves declared not applicable: no gap, so they pass,
   * but the run names them, since an N/A is the other way a severe gap can leave the gate.
   */
  readonly declaredNotApplicable: readonly ControlResult[];
}

/**
 * Gaps at or above `severity`. A control under an accepted exception still has its gap, so it fails the gate
 * unless `allowAccepted` is set; it is then listed as ignored, so the run can say how many it let through.
 */
export function gate(
  evaluation: Pick<Evaluation, "controls" | "gaps">,
  severity: Severity,
  options: { readonly allowAccepted?: boolean } = {},
): GateResult {
  const floor = SEVERITY_WEIGHT[severity];
  const severe = (c: ControlResult) => SEVERITY_WEIGHT[c.severity] >= floor;
  const byId = new Map(evaluation.controls.map((c) => [c.control_id, c]));
  const gaps = new Set(evaluation.gaps);
  const open = evaluation.gaps.flatMap((id) => {
    const c = byId.get(id);
    return c && severe(c) ? [c] : [];
  });
  const accepted = evaluation.controls.filter(
    (c) => !gaps.has(c.control_id) && c.status === "risk_accepted" && severe(c),
  );
  const declaredNotApplicable = evaluation.controls.filter(
    (c) => c.not_applicable_by === "answer" && severe(c),
  );
  return options.allowAccepted
    ? { failing: open, ignored: accepted, declaredNotApplicable }
    : { failing: [...open, ...accepted], ignored: [], declaredNotApplicable };
}
