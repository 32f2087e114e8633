// Incident replay: walks each attack chain and decides, from the countermeasures in place, whether this organization
// would have stopped it, and how deep its defence is.
import type { Catalog } from "../model/catalog.js";
import { defeatedBy, type Effect } from "../model/incident.js";
import type { CountermeasureReplay, IncidentReplay, Status, StepReplay } from "../model/result.js";
import type { ThirdPartyRole } from "../model/third-party.js";
import type { CatalogPlan, CountermeasurePlan } from "./plan.js";
import { STATUS_CODE, STATUSES } from "./scoring.js";

type State = CountermeasureReplay["state"];
type StepVerdict = StepReplay["verdict"];
type IncidentVerdict = IncidentReplay["verdict"];

const MET = STATUS_CODE.met;
const PARTIAL = STATUS_CODE.partially_met;
const ACCEPTED = STATUS_CODE.risk_accepted;

/** What the replay reads of one organization: a status code per control position and one flag per profile condition. */
export interface ReplayInput {
  /** Status code (`STATUS_CODE`) per control position, after exceptions. */
  readonly status: ArrayLike<number>;
  /** One character per `CatalogPlan.conditions`: `1` holds, `0` does not, `?` a scoping answer it reads is blank. */
  readonly flags: string;
  /** Per kind of third party, the status codes of its own controls (`partyStatuses`); absent when none can be read. */
  readonly parties?: Partial<Record<ThirdPartyRole, ArrayLike<number>>>;
  /** Per kind of third party and control position, the party whose status `parties` holds (`partyNames`). */
  readonly partyNames?: Partial<Record<ThirdPartyRole, readonly string[]>>;
}

/**
 * The statuses the replay reads: an accepted risk is replayed on its answers, so an exception neither removes a
 * barrier nor adds one (the same rule as the score, which credits an accepted risk with what its answers earn).
 */
export function replayStatuses(status: ArrayLike<number>, assessed: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(status.length);
  for (let p = 0; p < status.length; p++)
    out[p] = (status[p] === ACCEPTED ? assessed[p] : status[p]) as number;
  return out;
}

/**
 * The state of a countermeasure. An accepted risk is read through `replayStatuses`; a control out of scope, unanswered or
 * not met leaves the whole conjunction absent; a countermeasure whose profile condition does not hold, or is unknown,
 * does not apply (an unknown profile must never credit a barrier).
 */
export function countermeasureState(cm: CountermeasurePlan, input: ReplayInput): State {
  if (cm.condition !== undefined) {
    const flag = input.flags.charAt(cm.condition);
    if (flag === "?") return "profile_unanswered";
    if (flag !== "1") return "not_applicable";
  }
  const status = cm.party === undefined ? input.status : input.parties?.[cm.party];
  if (!status) return "party_unanswered";
  let all = true;
  for (const p of cm.positions) {
    const s = status[p];
    if (s === MET) continue;
    if (s !== PARTIAL) return "absent";
    all = false;
  }
  return all ? "in_place" : "partial";
}

const STEP_ORDER: readonly StepVerdict[] = ["blocked", "limited", "detected", "hindered", "open"];
const BY_EFFECT: Readonly<Record<Effect, StepVerdict>> = {
  prevents: "blocked",
  limits: "limited",
  detects: "detected",
  hinders: "hindered",
};

/** Decides one step from its countermeasures: blocked > limited > detected > hindered > open. */
export function stepVerdict(countermeasures: readonly { effect: Effect; state: State }[]): StepVerdict {
  let best = STEP_ORDER.length - 1;
  for (const cm of countermeasures) {
    let verdict: StepVerdict | undefined;
    if (cm.state === "in_place") verdict = BY_EFFECT[cm.effect];
    // Half a barrier makes the step harder, never impossible; half a cap or half an alarm is not relied on.
    else if (cm.state === "partial" && cm.effect === "prevents") verdict = "hindered";
    if (verdict !== undefined) best = Math.min(best, STEP_ORDER.indexOf(verdict));
  }
  return STEP_ORDER[best] as StepVerdict;
}

const INCIDENT_OF_STEP: Readonly<Record<Exclude<StepVerdict, "open">, IncidentVerdict>> = {
  blocked: "stopped",
  limited: "limited",
  detected: "detected",
  hindered: "hindered",
};

/** Decides an incident from its steps: stopped when any step is blocked, else the strongest weaker verdict. */
export function incidentVerdict(steps: readonly StepVerdict[], applies: boolean): IncidentVerdict {
  if (!applies) return "not_applicable";
  for (const verdict of STEP_ORDER) {
    if (verdict !== "open" && steps.includes(verdict)) return INCIDENT_OF_STEP[verdict];
  }
  return "not_stopped";
}

/** Whether an incident's chain has a target in this organization: its condition holds, or a blank answer leaves it open. */
export function incidentApplies(
  plan: Pick<CatalogPlan, "incidentApplies">,
  i: number,
  flags: string,
): boolean {
  const condition = plan.incidentApplies[i];
  // An unanswered scoping question must never switch an incident off, as it never switches a control off.
  return condition === undefined || flags.charAt(condition) !== "0";
}

/**
 * The fewest controls that would all have to fail for none of `barriers` to stand (a minimum hitting set: failing one
 * control of a conjunction defeats it). Single-control barriers are forced, barriers that contain another are
 * dropped, and the rest is searched by branch and bound. Real chains have a handful of barriers, so the search is
 * exact; a search budget keeps a pathological catalog from stalling a run, returning the best set found.
 */
export function defenceDepth(barriers: readonly (readonly number[])[]): number {
  return depthSearch(barriers).depth;
}

/** `defenceDepth` with whether the search finished (`exact`) or ran out of budget (then `depth` is an upper bound). */
export function depthSearch(barriers: readonly (readonly number[])[]): { depth: number; exact: boolean } {
  if (barriers.length === 0) return { depth: 0, exact: true };
  const forced = new Set<number>();
  for (const b of barriers) if (b.length === 1) forced.add(b[0] as number);
  const rest = barriers
    .filter((b) => !b.some((p) => forced.has(p)))
    .map((b) => [...new Set(b)])
    .sort((a, b) => a.length - b.length);
  const minimal = rest.filter((b, i) => !rest.some((o, j) => j < i && o.every((p) => b.includes(p))));
  let best = new Set(minimal.flat()).size;
  let budget = 100_000;
  const search = (chosen: Set<number>) => {
    if (chosen.size >= best || budget-- <= 0) return;
    const open = minimal.find((b) => !b.some((p) => chosen.has(p)));
    if (!open) {
      best = chosen.size;
      return;
    }
    for (const p of open) {
      chosen.add(p);
      search(chosen);
      chosen.delete(p);
    }
  };
  search(new Set());
  return { depth: forced.size + best, exact: budget > 0 };
}

/** The controls present in every barrier: when depth is 1, each of them alone holds the chain. */
export function singlePoints(barriers: readonly (readonly number[])[]): number[] {
  if (barriers.length === 0) return [];
  const [first, ...rest] = barriers as [readonly number[], ...(readonly number[])[]];
  return first.filter((p) => rest.every((b) => b.includes(p)));
}

/** The position sets of the preventive countermeasures in place on an incident's chain. */
export function barriersOf(
  chain: readonly (readonly CountermeasurePlan[])[],
  input: ReplayInput,
): number[][] {
  const out: number[][] = [];
  for (const step of chain)
    for (const cm of step)
      if (cm.effect === "prevents" && countermeasureState(cm, input) === "in_place")
        out.push([...cm.positions]);
  return out;
}

/** One letter per step and incident, as the comparison keeps them, decided exactly as a report decides them. */
export function chainVerdicts(
  plan: Pick<CatalogPlan, "chains" | "incidentApplies">,
  i: number,
  input: ReplayInput,
): { steps: StepVerdict[]; verdict: IncidentVerdict } {
  const steps = (plan.chains[i] ?? []).map((step) =>
    stepVerdict(step.map((cm) => ({ effect: cm.effect, state: countermeasureState(cm, input) }))),
  );
  return { steps, verdict: incidentVerdict(steps, incidentApplies(plan, i, input.flags)) };
}

/** The answer-independent parts of a replay that evaluation fills in per organization. */
export interface ReplayExtras {
  /** Per incident: its weight in Fix first and the reasons the organization resembles the victim. */
  readonly weight: (i: number) => { weight: number; because: string[] };
  /** Per incident: the smallest sets of control ids to fix that would block a step, fewest first. */
  readonly fixes: (i: number) => string[][];
}

/** The result rows the replay reads: id, title and status per control position. */
type ReplayControls = readonly {
  control_id: string;
  title: string;
  status: CountermeasureReplay["controls"][number]["status"];
}[];

/** Replays every incident of the catalog for one organization. */
export function replayIncidents(
  catalog: Catalog,
  plan: CatalogPlan,
  input: ReplayInput,
  controls: ReplayControls,
  extras: ReplayExtras,
): IncidentReplay[] {
  return catalog.incidents.map((incident, i) =>
    replayIncident(catalog, plan, input, controls, extras, incident, i),
  );
}

function replayIncident(
  catalog: Catalog,
  plan: CatalogPlan,
  input: ReplayInput,
  controls: ReplayControls,
  extras: ReplayExtras,
  incident: Catalog["incidents"][number],
  i: number,
): IncidentReplay {
  const chain = plan.chains[i] ?? [];
  const sources = new Map(incident.sources.map((s) => [s.key, s]));
  const steps = incident.attack_chain.map((step, s) =>
    replayStep(step, chain[s] ?? [], sources, input, controls, counterEvidenceOf(catalog)[i]?.[s] ?? []),
  );
  const applies = incidentApplies(plan, i, input.flags);
  const verdict = incidentVerdict(
    steps.map((s) => s.verdict),
    applies,
  );
  const barriers = applies ? barriersOf(chain, input) : [];
  const { depth, exact } = depthSearch(barriers);
  const decisive =
    verdict === "stopped"
      ? "blocked"
      : verdict === "not_applicable" || verdict === "not_stopped"
        ? undefined
        : verdict;
  const { weight, because } = extras.weight(i);
  return {
    incident_id: incident.id,
    name: incident.name,
    date: incident.date,
    verdict,
    not_applicable_because: applies ? undefined : incident.not_applicable_because,
    decided_at: decisive ? steps.find((s) => s.verdict === decisive)?.step_id : undefined,
    blocked_steps: steps.filter((s) => s.verdict === "blocked").length,
    depth,
    depth_exact: exact,
    single_points:
      depth === 1
        ? singlePoints(barriers).map((p) => (controls[p] as { control_id: string }).control_id)
        : [],
    fixes: verdict === "stopped" || verdict === "not_applicable" ? [] : extras.fixes(i),
    weight,
    similar_because: because,
    known_controls: incident.known_controls.map((k) => {
      const source = sources.get(k.source);
      return {
        control: k.control,
        had: k.had,
        did_not_stop: k.did_not_stop,
        source_title: source?.title ?? k.source,
        source_url: source?.url ?? "",
        hedge: k.hedge,
      };
    }),
    steps,
  };
}

type Step = Catalog["incidents"][number]["attack_chain"][number];
type Source = Catalog["incidents"][number]["sources"][number];

function replayStep(
  step: Step,
  planned: NonNullable<CatalogPlan["chains"][number]>[number],
  sources: ReadonlyMap<string, Source>,
  input: ReplayInput,
  controls: ReplayControls,
  counterEvidence: StepReplay["counter_evidence"],
): StepReplay {
  const countermeasures = planned.map((cm): CountermeasureReplay => {
    const def = step.countermeasures[cm.index] as (typeof step.countermeasures)[number];
    const source = sources.get(def.source);
    return {
      effect: cm.effect,
      state: countermeasureState(cm, input),
      controls: cm.positions.map((p) => {
        const r = controls[p] as ReplayControls[number];
        // Another party's controls are shown with that party's status, or as not answered when it gave none.
        if (cm.party === undefined) return { id: r.control_id, title: r.title, status: r.status };
        const code = input.parties?.[cm.party]?.[p];
        return {
          id: r.control_id,
          title: r.title,
          status: code === undefined ? "not_answered" : (STATUSES[code] as Status),
          party_name: input.partyNames?.[cm.party]?.[p],
        };
      }),
      why: def.why,
      source: def.source,
      source_title: source?.title,
      source_url: source?.url,
      hedge: def.hedge,
      party: def.party,
    };
  });
  return {
    step_id: step.id,
    title: step.title,
    techniques: step.techniques,
    verdict: stepVerdict(countermeasures),
    countermeasures,
    counter_evidence: counterEvidence,
  };
}

const evidenceCache = new WeakMap<Catalog, StepReplay["counter_evidence"][][]>();

/** Counter-evidence per incident and step: it depends on the catalog alone, so it is worked out once per catalog. */
function counterEvidenceOf(catalog: Catalog): StepReplay["counter_evidence"][][] {
  let found = evidenceCache.get(catalog);
  if (!found) {
    found = catalog.incidents.map((incident) =>
      incident.attack_chain.map((step) =>
        counterEvidence(catalog, step.techniques, new Set(step.countermeasures.flatMap((c) => c.controls))),
      ),
    );
    evidenceCache.set(catalog, found);
  }
  return found;
}

/** Records, across the catalog, of a control on this step that was in place and was defeated by one of its techniques. */
function counterEvidence(
  catalog: Catalog,
  techniques: readonly string[],
  controls: ReadonlySet<string>,
): StepReplay["counter_evidence"] {
  const out: StepReplay["counter_evidence"] = [];
  for (const incident of catalog.incidents) {
    for (const known of incident.known_controls) {
      if (!controls.has(known.control)) continue;
      const shared = defeatedBy(known, incident).filter((t) => techniques.includes(t));
      if (shared.length === 0) continue;
      const source = incident.sources.find((s) => s.key === known.source);
      out.push({
        control: known.control,
        incident_id: incident.id,
        incident_name: incident.name,
        had: known.had,
        step: known.did_not_stop.join(", "),
        techniques: shared,
        source_title: source?.title ?? known.source,
        source_url: source?.url ?? "",
        hedge: known.hedge,
      });
    }
  }
  return out;
}
