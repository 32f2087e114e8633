// Exposure per incident: how many organizations would let each attack chain through, and where the sector is weakest.
import type { Exposure } from "../model/comparison.js";
import type { Incident } from "../model/incident.js";
import { STEP_LETTER, VERDICT_LETTER } from "./letters.js";
import type { ScoredRow } from "./stats.js";

/** Where one incident sits in a row's compact replay: its index, and the offset of its first step. */
export interface IncidentSlot {
  readonly index: number;
  readonly stepOffset: number;
}

type Step = Incident["attack_chain"][number];
type StepExposure = Exposure["steps"][number];

/**
 * Counts replay verdicts across organizations for one incident. `ids` are the controls compared for some
 * organization. An organization for which a control of the chain's countermeasures is not compared (its catalog
 * version lacks it) has no trustworthy verdict, so it is counted as not comparable and left out of every other count.
 */
export function exposureOf(
  incident: Incident,
  slot: IncidentSlot,
  rows: readonly ScoredRow[],
  ids: ReadonlySet<string>,
): Exposure {
  const verdictOf = (r: ScoredRow) => r.scores.incidents.charAt(slot.index);
  const applies = rows.filter((r) => verdictOf(r) !== VERDICT_LETTER.not_applicable);
  const inScope = applies.filter((r) => !r.notComparable.has(slot.index));
  const count = (verdict: keyof typeof VERDICT_LETTER) =>
    inScope.filter((r) => verdictOf(r) === VERDICT_LETTER[verdict]).length;
  const steps = incident.attack_chain.map((step, i) =>
    stepExposure(step, i, slot.stepOffset + i, inScope, ids),
  );
  const weakest = weakestStep(steps);
  const exposure = {
    incident_id: incident.id,
    name: incident.name,
    date: incident.date,
    applicable: inScope.length,
    stopped: count("stopped"),
    limited: count("limited"),
    detected: count("detected"),
    hindered: count("hindered"),
    not_stopped: count("not_stopped"),
    not_applicable: rows.length - applies.length,
    not_comparable: applies.length - inScope.length,
    steps,
    weakest_step:
      weakest && notBlocked(weakest) > 0
        ? {
            step_id: weakest.step_id,
            number: weakest.number,
            title: weakest.title,
            not_blocked: notBlocked(weakest),
            of: inScope.length,
          }
        : null,
    uncovered_steps: steps.filter((s) => s.controls.length === 0).map((s) => s.step_id),
  };
  return { ...exposure, summary: summarize(exposure) };
}

/** How the organizations in scope fare at one step (`at`: its place in the rows' compact replay). */
function stepExposure(
  step: Step,
  i: number,
  at: number,
  inScope: readonly ScoredRow[],
  ids: ReadonlySet<string>,
): StepExposure {
  const n = (verdict: keyof typeof STEP_LETTER) =>
    inScope.filter((r) => r.scores.steps.charAt(at) === STEP_LETTER[verdict]).length;
  return {
    step_id: step.id,
    number: i + 1,
    title: step.title,
    countermeasures: countermeasureTexts(step, ids),
    controls: countering("prevents", step, ids),
    limiting_controls: countering("limits", step, ids),
    blocked: n("blocked"),
    limited: n("limited"),
    detected: n("detected"),
    hindered: n("hindered"),
    open: n("open"),
  };
}

/** The compared controls of a step's countermeasures with `effect`, counted only when all of theirs are compared. */
function countering(effect: string, step: Step, ids: ReadonlySet<string>): string[] {
  return [
    ...new Set(
      step.countermeasures
        .filter((cm) => cm.effect === effect && cm.controls.every((id) => ids.has(id)))
        .flatMap((cm) => cm.controls),
    ),
  ].sort();
}

/** The step the most organizations fail to block, the most open ones breaking ties; the first one wins a full tie. */
function weakestStep(steps: readonly StepExposure[]): StepExposure | undefined {
  // Steps no compared control prevents cannot be blocked by anyone; they show a catalog gap, not a sector weakness.
  const covered = steps.filter((s) => s.controls.length > 0);
  return covered.reduce<StepExposure | undefined>((best, s) => {
    if (!best) return s;
    const gap = notBlocked(s) - notBlocked(best);
    return gap > 0 || (gap === 0 && s.open > best.open) ? s : best;
  }, undefined);
}

/** Organizations with no preventive countermeasure in place on the step (a cap, an alarm or a hindrance does not stop it). */
function notBlocked(step: { open: number; hindered: number; detected: number; limited: number }): number {
  return step.open + step.hindered + step.detected + step.limited;
}

const exchanges = (n: number) => `${n} ${n === 1 ? "exchange" : "exchanges"}`;

function summarize(e: Omit<Exposure, "summary">): string {
  const caveat = notComparableCaveat(e);
  if (e.applicable === 0)
    return e.not_comparable > 0
      ? `The ${e.name} attack chain cannot be replayed for any compared exchange it applies to.${caveat}`
      : `The ${e.name} attack chain applies to none of the compared exchanges.`;
  const first = verdictSentence(e);
  const w = e.weakest_step;
  if (!w) return `${first}${caveat}`;
  const step = e.steps.find((s) => s.step_id === w.step_id)!;
  const weaker = step.hindered + step.detected + step.limited;
  const split =
    weaker > 0 && step.open > 0
      ? ` (${step.open} with nothing in its way, ${weaker} with only a weaker countermeasure)`
      : "";
  return `${first} The sector is weakest at step ${w.number}, “${w.title}”: ${w.not_blocked} of ${exchanges(w.of)} ${w.not_blocked === 1 ? "has" : "have"} no control that blocks it${split}.${caveat}`;
}

/** How many would not stop, only limit, detect or hinder the chain, or stop it, over the comparable exchanges. */
function verdictSentence(e: Omit<Exposure, "summary">): string {
  if (e.not_stopped > 0) {
    return (
      `${e.not_stopped} of ${exchanges(e.applicable)} would not stop the ${e.name} attack chain at any step` +
      (e.limited > 0 ? `; ${e.limited} more would not stop it but would limit the loss` : "") +
      (e.detected > 0 ? `; ${e.detected} more would only detect it in time to respond` : "") +
      (e.hindered > 0 ? `; ${e.hindered} more would only hinder it.` : ".")
    );
  }
  if (e.limited + e.detected + e.hindered > 0) {
    const parts = [
      e.limited > 0 ? `${e.limited} of ${exchanges(e.applicable)} would only limit the loss` : "",
      e.detected > 0 ? `${e.detected} of ${exchanges(e.applicable)} would only detect it` : "",
      e.hindered > 0 ? `${e.hindered} of ${exchanges(e.applicable)} would only hinder it` : "",
    ].filter(Boolean);
    return `No exchange leaves the ${e.name} attack chain fully open, but ${parts.join(" and ")}: for them, no preventive countermeasure is in place at any step.`;
  }
  return `All ${exchanges(e.applicable)} would stop the ${e.name} attack chain at some step.`;
}

/** The exchanges left out of the counts because their catalog version lacks a control the chain's countermeasures use. */
function notComparableCaveat(e: Omit<Exposure, "summary">): string {
  const n = e.not_comparable;
  if (n === 0) return "";
  return ` ${exchanges(n)} ${n === 1 ? "is" : "are"} not comparable on this chain and not counted: ${n === 1 ? "its submission was" : "their submissions were"} made against an older catalog version that lacks a control its countermeasures use.`;
}

/**
 * Each countermeasure of a step once: two that differ only in the profiles they apply to read the same, and one that
 * applies to every profile makes its conditional twin redundant.
 */
function countermeasureTexts(step: Incident["attack_chain"][number], ids: ReadonlySet<string>): string[] {
  const kept = step.countermeasures.filter(
    (cm) => (cm.effect === "prevents" || cm.effect === "limits") && cm.controls.every((id) => ids.has(id)),
  );
  const base = (cm: (typeof kept)[number]) =>
    `${cm.effect === "prevents" ? "prevents" : "limits the loss"}: ${cm.controls.join(" + ")}`;
  const always = new Set(kept.filter((cm) => !cm.applies_if).map(base));
  const texts = kept.map((cm) =>
    cm.applies_if && !always.has(base(cm)) ? `${base(cm)} (for some profiles only)` : base(cm),
  );
  return [...new Set(texts)];
}
