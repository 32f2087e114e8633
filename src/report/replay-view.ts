// The view of the incident replay and of Fix first: verdicts, depth, countermeasures, counter-evidence and fixes,
// worded once for every renderer.

import type { Catalog } from "../model/catalog.js";
import type { Evaluation, IncidentReplay } from "../model/result.js";
import {
  EFFECT_LABEL,
  EFFECT_WOULD_LABEL,
  INCIDENT_LABEL,
  PARTY_LABEL,
  STATE_LABEL,
  STATUS_LABEL,
  STEP_LABEL,
} from "./labels.js";
import { incidentDest } from "./outline.js";

const JUDGEMENT_LABEL = "catalog judgement";

/** How Fix first ranks gaps, in one paragraph a compliance officer can check against the table. */
export const RANKING_EXPLANATION =
  "Fix first puts first the gaps that would stop attacks. A gap's first key is the total weight of the replayed " +
  "attacks it would stop on its own if it were met (each attack weighs log10 of its loss in US$ millions, at " +
  "least 1, multiplied by one plus the number of ways your profile resembles the victim's, for example a " +
  "vendor-run wallet for the DMM Bitcoin attack). Its second key adds half an attack's weight when it would give " +
  "an attack stopped by a single control a second, independent layer (a quarter for deeper defences), a quarter " +
  "when it is one of several missing parts of a preventive countermeasure, and a fifth when it would only cap, " +
  "detect or hinder an attack. Severity and breadth break ties. A control whose attacks stopped weigh more therefore " +
  "always ranks above one whose attacks weigh less, however severe; one heavy attack can outweigh several light ones.";

/** Words for what a source says: its title, or that the relation is the catalog's own judgement. */
function sourceLabel(title: string | undefined, key: string, hedge: string | undefined): string {
  const base = key === "catalog-judgement" ? JUDGEMENT_LABEL : (title ?? key);
  return hedge ? `${base} (hedged by the source: ${hedge})` : base;
}

function outcome(replay: IncidentReplay): string | null {
  const index = replay.steps.findIndex((s) => s.step_id === replay.decided_at);
  const at =
    index >= 0
      ? `step ${index + 1} of ${replay.steps.length}, ${quoted(replay.steps[index]?.title ?? "")}`
      : "";
  switch (replay.verdict) {
    case "stopped":
      return `stopped at ${at}`;
    case "limited":
      return `not stopped; the loss is capped at ${at}`;
    case "detected":
      return `not stopped; detected in time to respond at ${at}`;
    case "hindered":
      return `not stopped; made harder at ${at}`;
    case "not_applicable":
      return replay.not_applicable_because ?? null;
    default:
      return null;
  }
}

function depthLine(replay: IncidentReplay): string | null {
  if (replay.verdict !== "stopped") return null;
  if (replay.depth === 1) {
    const ids = replay.single_points;
    return ids.length === 1
      ? `Single point of failure: stopped by ${ids[0]} alone.`
      : `Single point of failure: one failing control among ${ids.join(", ")} would leave every step unblocked.`;
  }
  const bound = replay.depth_exact ? "" : " (an upper bound: the search was cut short)";
  return `Defence in depth ${replay.depth}${bound}: ${replay.depth} controls would all have to fail before no step is blocked.`;
}

/** Builds the replay section's view, newest incident first. */
export function buildReplayView(
  evaluation: Evaluation,
  catalog: Catalog,
  anchorOf: (controlId: string) => string,
) {
  return [...evaluation.replay]
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))
    .map((replay) => incidentView(replay, catalog, anchorOf));
}

type Incident = Catalog["incidents"][number];
type ReplayStep = IncidentReplay["steps"][number];
type AnchorOf = (controlId: string) => string;

/** One replayed incident: the record, the verdict and how deep the defence goes, then step by step. */
function incidentView(replay: IncidentReplay, catalog: Catalog, anchorOf: AnchorOf) {
  const incident = catalog.incidents.find((i) => i.id === replay.incident_id) as Incident;
  const decidedIndex = replay.steps.findIndex((s) => s.step_id === replay.decided_at);
  return {
    id: replay.incident_id,
    /** The link target of this incident's replay, the same in every renderer. */
    dest: incidentDest(replay.incident_id),
    name: replay.name,
    date: replay.date,
    loss: incident.loss,
    attribution: `${incident.attribution.actor} (${incident.attribution.confidence}${incident.attribution.by ? `: ${incident.attribution.by}` : ""})`,
    summary: incident.summary,
    verdict: replay.verdict,
    verdict_label: INCIDENT_LABEL[replay.verdict],
    outcome: outcome(replay),
    depth: replay.depth,
    depth_line: depthLine(replay),
    blocked_steps: `${replay.blocked_steps} of ${replay.steps.length}`,
    weight: replay.weight.toFixed(2),
    similar: replay.similar_because,
    fixes: replay.fixes.map((set) => set.join(" + ")),
    known_controls: replay.known_controls.map((k) => ({
      control: k.control,
      anchor: anchorOf(k.control),
      had: k.had,
      did_not_stop: k.did_not_stop
        .map((id) => replay.steps.find((s) => s.step_id === id)?.title ?? id)
        .join("; "),
      source: sourceLabel(k.source_title, "", k.hedge),
      url: k.source_url,
    })),
    steps: replay.steps.map((step, i) => stepView(step, i, incident, i === decidedIndex, anchorOf)),
  };
}

/** One step of the attack chain: its verdict, its countermeasures and what other incidents say against them. */
function stepView(step: ReplayStep, i: number, incident: Incident, decides: boolean, anchorOf: AnchorOf) {
  return {
    number: i + 1,
    id: step.step_id,
    title: step.title,
    description: incident.attack_chain.find((s) => s.id === step.step_id)?.description ?? "",
    techniques: step.techniques.join(", "),
    verdict: step.verdict,
    verdict_label: STEP_LABEL[step.verdict].label,
    mark: STEP_LABEL[step.verdict].mark,
    decides,
    countermeasures: step.countermeasures.map((cm) => countermeasureView(cm, anchorOf)),
    has_countermeasures: step.countermeasures.length > 0,
    counter_evidence: step.counter_evidence.map((e) => ({
      text: `${e.incident_name} had ${e.control} (${e.had.replace(/\.$/, "")}); it did not stop a step of this kind (${e.techniques.join(", ")}).`,
      source: sourceLabel(e.source_title, "", e.hedge),
      url: e.source_url,
    })),
  };
}

const both = (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;

/** The controls of a countermeasure with their statuses; a third party's own are named with the party they come from. */
function controlsText(cm: ReplayStep["countermeasures"][number]): string {
  const names = [...new Set(cm.controls.map((c) => c.party_name).filter((n) => n !== undefined))];
  const each = (c: (typeof cm.controls)[number]) =>
    `${c.id} ${STATUS_LABEL[c.status].label}${names.length > 1 && c.party_name ? ` at ${c.party_name}` : ""}`;
  const list = cm.controls.map(each).join(" + ");
  if (!cm.party) return list;
  const who = names.length > 0 ? both(names) : PARTY_LABEL[cm.party];
  if (cm.state === "party_unanswered")
    return names.length > 0
      ? `${list} (${who} gave no current answers)`
      : `${list} (no current answers of ${who} were given)`;
  if (names.length > 1) return `${list} (the weakest of ${PARTY_LABEL[cm.party]}s, from their answers)`;
  return `${list} (${who}'s own, from its answers)`;
}

function countermeasureView(cm: ReplayStep["countermeasures"][number], anchorOf: AnchorOf) {
  return {
    effect: cm.effect,
    effect_label: (cm.state === "in_place" ? EFFECT_LABEL : EFFECT_WOULD_LABEL)[cm.effect],
    state: cm.state,
    state_label:
      cm.state === "partial" && cm.effect !== "prevents"
        ? `${STATE_LABEL.partial}, not credited`
        : cm.state === "absent" && cm.controls.some((c) => c.status === "not_applicable")
          ? "not available: a control in it is out of scope"
          : STATE_LABEL[cm.state],
    controls: cm.controls.map((c) => ({
      id: c.id,
      anchor: anchorOf(c.id),
      title: c.title,
      status: c.status,
      status_label: STATUS_LABEL[c.status].label,
    })),
    controls_text: controlsText(cm),
    party: cm.party ?? null,
    conjunction: cm.controls.length > 1,
    why: cm.why,
    source: sourceLabel(cm.source_title, cm.source, cm.hedge),
    url: cm.source_url ?? null,
  };
}

/** Builds the fix plan's view: the greedy cover and the attacks nothing in the catalog prevents. */
export function buildFixPlanView(evaluation: Evaluation, catalog: Catalog) {
  const name = (id: string) => catalog.incidents.find((i) => i.id === id)?.name ?? id;
  const title = (id: string) => catalog.controls.find((c) => c.id === id)?.title ?? id;
  const accepted = new Set(
    evaluation.controls.filter((c) => c.status === "risk_accepted").map((c) => c.control_id),
  );
  return {
    steps: evaluation.fix_plan.steps.map((s, i) => ({
      number: i + 1,
      controls: s.controls.map((id) => ({
        id,
        title: title(id),
        anchor: id.toLowerCase(),
        accepted: accepted.has(id),
      })),
      controls_text: s.controls
        .map((id) => (accepted.has(id) ? `${id} (now an accepted risk)` : id))
        .join(" + "),
      stops: s.stops.map(name).join(", "),
    })),
    controls_total: new Set(evaluation.fix_plan.steps.flatMap((s) => s.controls)).size,
    unstoppable: evaluation.fix_plan.unstoppable.map(name).join(", "),
    has_unstoppable: evaluation.fix_plan.unstoppable.length > 0,
    explanation: RANKING_EXPLANATION,
    method:
      "The fix plan is a greedy set cover: it repeatedly adds the fix that stops the most remaining attacks per " +
      "control added. It is an approximation of the smallest such set, not a proof that none is smaller.",
  };
}

/** A title in quotation marks, unless it already opens with one (`"Technical test" run…` is not quoted twice). */
function quoted(title: string): string {
  return /^["“]/.test(title) ? title : `"${title}"`;
}
