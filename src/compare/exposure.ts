// Exposure per incident: how many organizations would let each attack chain through, and where the sector is weakest.
import type { Exposure } from "../model/comparison.js";
import type { Control } from "../model/control.js";
import type { Incident } from "../model/incident.js";
import { STEP_LETTER, VERDICT_LETTER } from "./letters.js";
import type { ScoredRow } from "./stats.js";

/** Where one incident sits in a row's compact replay: its index, and the offset of its first step. */
export interface IncidentSlot {
  readonly index: number;
  readonly stepOffset: number;
}

/** Counts replay verdicts across organizations for one incident, given the compared controls. */
export function exposureOf(
  incident: Incident,
  slot: IncidentSlot,
  rows: readonly ScoredRow[],
  compared: readonly Control[],
): Exposure {
  const count = (verdict: keyof typeof VERDICT_LETTER) =>
    rows.filter((r) => r.scores.incidents.charAt(slot.index) === VERDICT_LETTER[verdict]).length;
  const steps = incident.attack_chain.map((step, i) => {
    const at = slot.stepOffset + i;
    const n = (verdict: keyof typeof STEP_LETTER) =>
      rows.filter((r) => r.scores.steps.charAt(at) === STEP_LETTER[verdict]).length;
    return {
      step_id: step.id,
      number: i + 1,
      title: step.title,
      controls: compared.filter((c) => c.blocks[incident.id]?.includes(step.id)).map((c) => c.id),
      limiting_controls: compared.filter((c) => c.limits[incident.id]?.includes(step.id)).map((c) => c.id),
      blocked: n("blocked"),
      limited: n("limited"),
      partly_blocked: n("partly_blocked"),
      open: n("open"),
      not_applicable: n("not_applicable"),
    };
  });
  // Steps no compared control addresses are open for everyone; they show a catalog gap, not a sector weakness.
  const covered = steps.filter((s) => s.controls.length + s.limiting_controls.length > 0);
  const weakest = covered.reduce<(typeof steps)[number] | undefined>((best, s) => {
    if (!best) return s;
    const gap = notBlocked(s) - notBlocked(best);
    return gap > 0 || (gap === 0 && s.open > best.open) ? s : best;
  }, undefined);
  const exposure = {
    incident_id: incident.id,
    name: incident.name,
    date: incident.date,
    applicable: rows.length - count("not_applicable"),
    stopped: count("stopped"),
    limited: count("limited"),
    hindered: count("hindered"),
    not_stopped: count("not_stopped"),
    not_applicable: count("not_applicable"),
    steps,
    weakest_step:
      weakest && notBlocked(weakest) > 0
        ? {
            step_id: weakest.step_id,
            number: weakest.number,
            title: weakest.title,
            not_blocked: notBlocked(weakest),
            of: rows.length - weakest.not_applicable,
          }
        : null,
    uncovered_steps: steps
      .filter((s) => s.controls.length + s.limiting_controls.length === 0)
      .map((s) => s.step_id),
  };
  return { ...exposure, summary: summarize(exposure) };
}

/** Organizations with no met control that stops the step (a cap on the loss does not stop it). */
function notBlocked(step: { open: number; partly_blocked: number; limited: number }): number {
  return step.open + step.partly_blocked + step.limited;
}

function summarize(e: Omit<Exposure, "summary">): string {
  const exchanges = (n: number) => `${n} ${n === 1 ? "exchange" : "exchanges"}`;
  if (e.applicable === 0) return `The ${e.name} attack chain applies to none of the compared exchanges.`;
  let first: string;
  if (e.not_stopped > 0) {
    first =
      `${e.not_stopped} of ${exchanges(e.applicable)} would not stop the ${e.name} attack chain at any step` +
      (e.limited > 0 ? `; ${e.limited} more would not stop it but would limit the loss` : "") +
      (e.hindered > 0 ? `; ${e.hindered} more would only hinder it.` : ".");
  } else if (e.limited + e.hindered > 0) {
    const parts = [
      e.limited > 0 ? `${e.limited} of ${exchanges(e.applicable)} would only limit the loss` : "",
      e.hindered > 0 ? `${e.hindered} of ${exchanges(e.applicable)} would only hinder it` : "",
    ].filter(Boolean);
    first = `No exchange leaves the ${e.name} attack chain fully open, but ${parts.join(" and ")}: for them, no fully met control blocks any step.`;
  } else {
    first = `All ${exchanges(e.applicable)} would stop the ${e.name} attack chain at some step.`;
  }
  const w = e.weakest_step;
  if (!w) return first;
  const step = e.steps.find((s) => s.step_id === w.step_id)!;
  const split =
    step.partly_blocked > 0 && step.open > 0
      ? ` (${step.open} with nothing in its way, ${step.partly_blocked} with a partly met control only)`
      : "";
  return `${first} The sector is weakest at step ${w.number}, "${w.title}": ${w.not_blocked} of ${exchanges(w.of)} ${w.not_blocked === 1 ? "has" : "have"} no control that blocks it${split}.`;
}
