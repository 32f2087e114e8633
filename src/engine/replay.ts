// Incident replay: walks each attack chain and says where this organization's controls would have stopped it.
import type { Catalog } from "../model/catalog.js";
import type { ControlResult, IncidentReplay, StepReplay } from "../model/result.js";
import type { CatalogPlan } from "./plan.js";

type StepControl = StepReplay["controls"][number];

/** Decides one step: blocked > limited > partly blocked > open; not applicable when every control is out of scope. */
export function stepVerdict(
  controls: readonly Pick<StepControl, "status" | "role">[],
): StepReplay["verdict"] {
  const applicable = controls.filter((c) => c.status !== "not_applicable");
  if (controls.length > 0 && applicable.length === 0) return "not_applicable";
  if (applicable.some((c) => c.role === "blocks" && c.status === "met")) return "blocked";
  // A met cap on the loss is a firmer guarantee than a half-implemented barrier.
  if (applicable.some((c) => c.role === "limits" && c.status === "met")) return "limited";
  if (applicable.some((c) => c.role === "blocks" && c.status === "partially_met")) return "partly_blocked";
  return "open";
}

/** Decides an incident from its steps: stopped > limited > hindered > not stopped. */
export function incidentVerdict(verdicts: readonly StepReplay["verdict"][]): IncidentReplay["verdict"] {
  if (verdicts.includes("blocked")) return "stopped";
  if (verdicts.includes("limited")) return "limited";
  if (verdicts.includes("partly_blocked")) return "hindered";
  if (verdicts.length > 0 && verdicts.every((v) => v === "not_applicable")) return "not_applicable";
  return "not_stopped";
}

/** Replays every incident of the catalog against the control results (indexed by catalog position). */
export function replayIncidents(
  catalog: Catalog,
  plan: Pick<CatalogPlan, "chains">,
  results: readonly ControlResult[],
): IncidentReplay[] {
  return catalog.incidents.map((incident, i) => {
    const chain = plan.chains[i] ?? [];
    const steps: StepReplay[] = incident.attack_chain.map((step, s) => {
      const controls = (chain[s] ?? []).map(({ position, role }): StepControl => {
        const r = results[position] as ControlResult;
        return { id: r.control_id, title: r.title, status: r.status, role };
      });
      return { step_id: step.id, title: step.title, verdict: stepVerdict(controls), controls };
    });
    const verdict = incidentVerdict(steps.map((s) => s.verdict));
    return {
      incident_id: incident.id,
      name: incident.name,
      date: incident.date,
      verdict,
      stopped_at: steps.find((s) => s.verdict === "blocked")?.step_id,
      limited_at: verdict === "limited" ? steps.find((s) => s.verdict === "limited")?.step_id : undefined,
      blocked_steps: steps.filter((s) => s.verdict === "blocked").length,
      steps,
    };
  });
}
