// Incident replay: walks each attack chain and says where this organization's controls would have stopped it.
import type { Catalog } from "../model/catalog.js";
import type { ControlResult, IncidentReplay, StepReplay } from "../model/result.js";

/** Replays every incident of the catalog against the control results. */
export function replayIncidents(
  catalog: Catalog,
  results: ReadonlyMap<string, ControlResult>,
): IncidentReplay[] {
  return catalog.incidents.map((incident) => {
    const steps: StepReplay[] = incident.attack_chain.map((step) => {
      const controls = catalog.controls
        .filter((c) => c.blocks[incident.id]?.includes(step.id))
        .map((c) => results.get(c.id))
        .filter((r): r is ControlResult => r !== undefined)
        .map((r) => ({ id: r.control_id, title: r.title, status: r.status }));
      const applicable = controls.filter((c) => c.status !== "not_applicable");
      let verdict: StepReplay["verdict"] = "open";
      if (controls.length > 0 && applicable.length === 0) verdict = "not_applicable";
      else if (applicable.some((c) => c.status === "met")) verdict = "blocked";
      else if (applicable.some((c) => c.status === "partially_met")) verdict = "partly_blocked";
      return { step_id: step.id, title: step.title, verdict, controls };
    });
    const firstBlocked = steps.find((s) => s.verdict === "blocked");
    let verdict: IncidentReplay["verdict"];
    if (firstBlocked) verdict = "stopped";
    else if (steps.some((s) => s.verdict === "partly_blocked")) verdict = "hindered";
    else if (steps.every((s) => s.verdict === "not_applicable")) verdict = "not_applicable";
    else verdict = "not_stopped";
    return {
      incident_id: incident.id,
      name: incident.name,
      date: incident.date,
      verdict,
      stopped_at: firstBlocked?.step_id,
      blocked_steps: steps.filter((s) => s.verdict === "blocked").length,
      steps,
    };
  });
}
