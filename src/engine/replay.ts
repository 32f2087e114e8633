// Incident replay: walks each attack chain and says where this organization's controls would have stopped it.
import type { Catalog } from "../model/catalog.js";
import type { ControlResult, IncidentReplay, StepReplay } from "../model/result.js";

/** Replays every incident of the catalog against the control results. */
export function replayIncidents(catalog: Catalog, results: readonly ControlResult[]): IncidentReplay[] {
  // Index the steps once: the catalog order of results keeps each step's control list stable.
  const byStep = new Map<string, StepReplay["controls"]>();
  for (const r of results) {
    for (const { incident, step } of r.blocks) {
      const key = `${incident}\u0000${step}`;
      const entry = { id: r.control_id, title: r.title, status: r.status };
      const list = byStep.get(key);
      if (list) list.push(entry);
      else byStep.set(key, [entry]);
    }
  }
  return catalog.incidents.map((incident) => {
    const steps: StepReplay[] = incident.attack_chain.map((step) => {
      const controls = byStep.get(`${incident.id}\u0000${step.id}`) ?? [];
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
