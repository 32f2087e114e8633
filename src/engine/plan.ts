// Answer-independent indexes of a catalog: which control positions make up each lesson, incident, countermeasure
// and framework requirement. Built once per catalog, they let every roll-up run in one pass over positions.
import type { Catalog } from "../model/catalog.js";
import type { Condition } from "../model/condition.js";
import type { Control } from "../model/control.js";
import type { Effect } from "../model/incident.js";
import type { ThirdPartyRole } from "../model/third-party.js";
import { SEVERITY_WEIGHT } from "./scoring.js";

/** One countermeasure of a step, with its controls as positions; empty when a control is not in the kept catalog. */
export interface CountermeasurePlan {
  /** Index of the countermeasure in its step. */
  readonly index: number;
  readonly effect: Effect;
  readonly positions: readonly number[];
  /** Index into `CatalogPlan.conditions` of its profile condition, if it has one. */
  readonly condition?: number;
  /** The kind of third party whose own controls these are (the step happens inside it). */
  readonly party?: ThirdPartyRole;
}

/** Members of one framework: the controls mapped to it, and per requirement (in framework order) those mapped there. */
export interface FrameworkPlan {
  readonly members: readonly number[];
  /** Index into the framework's requirements, with its controls; requirements no control maps are left out. */
  readonly requirements: readonly { readonly index: number; readonly members: readonly number[] }[];
}

/** Control positions (indexes into `catalog.controls`) per group, in catalog order. */
export interface CatalogPlan {
  /** Every kept control. */
  readonly all: readonly number[];
  /** Per lesson of the catalog. */
  readonly lessons: readonly (readonly number[])[];
  /** Per incident of the catalog: the controls that counter any of its steps. */
  readonly incidents: readonly (readonly number[])[];
  /** Per incident, per attack step: its countermeasures whose every control is kept. */
  readonly chains: readonly (readonly (readonly CountermeasurePlan[])[])[];
  /** The distinct profile conditions the replay reads, so a profile can travel as one flag per condition. */
  readonly conditions: readonly Condition[];
  /** Per incident: index into `conditions` of its `applies_if`, if it has one. */
  readonly incidentApplies: readonly (number | undefined)[];
  /** Per incident: indexes into `conditions` of its `similar_when` entries. */
  readonly similar: readonly (readonly number[])[];
  /** Per incident: log10(1 + loss in US$ millions), at least 1; the loss part of its weight in Fix first. */
  readonly lossWeights: readonly number[];
  /** Per framework of the catalog. */
  readonly frameworks: readonly FrameworkPlan[];
  /** Severity weight per control position. */
  readonly weights: readonly number[];
  /** Level per control position. */
  readonly levels: readonly number[];
}

/** Indexes a catalog, keeping only the controls `keep` accepts (all by default). */
export function planCatalog(catalog: Catalog, keep: (control: Control) => boolean = () => true): CatalogPlan {
  const all = catalog.controls.flatMap((control, position) => (keep(control) ? [position] : []));
  const where = (test: (control: Control) => boolean) =>
    all.filter((position) => test(catalog.controls[position] as Control));
  const { conditions, conditionIndex } = conditionIndexer();
  // Indexed over the whole catalog, kept controls or not, so every plan of one catalog reads the same flags.
  for (const incident of catalog.incidents) {
    conditionIndex(incident.applies_if);
    for (const s of incident.similar_when) conditionIndex(s.if);
    for (const step of incident.attack_chain)
      for (const cm of step.countermeasures) conditionIndex(cm.applies_if);
  }
  const chains = countermeasureChains(catalog, all, conditionIndex);
  return {
    all,
    lessons: catalog.lessons.map((lesson) => where((c) => c.lessons.includes(lesson.id))),
    incidents: chains.map((chain) =>
      [...new Set(chain.flatMap((step) => step.flatMap((cm) => cm.positions)))].sort((a, b) => a - b),
    ),
    chains,
    incidentApplies: catalog.incidents.map((incident) => conditionIndex(incident.applies_if)),
    similar: catalog.incidents.map((incident) =>
      incident.similar_when.map((s) => conditionIndex(s.if) as number),
    ),
    conditions,
    lossWeights: catalog.incidents.map((incident) =>
      Math.max(1, Math.log10(1 + (incident.loss_usd ?? 0) / 1_000_000)),
    ),
    frameworks: catalog.frameworks.map((framework) => frameworkPlan(catalog, framework, where)),
    weights: catalog.controls.map((c) => SEVERITY_WEIGHT[c.severity]),
    levels: catalog.controls.map((c) => c.level),
  };
}

/** Gives a condition's index in `conditions`, adding it the first time; undefined for no condition. */
type ConditionIndex = (condition: Condition | undefined) => number | undefined;

/** The distinct conditions seen so far, equal ones sharing one index. */
function conditionIndexer(): { conditions: Condition[]; conditionIndex: ConditionIndex } {
  const conditions: Condition[] = [];
  const conditionIndex: ConditionIndex = (condition) => {
    if (!condition) return undefined;
    const key = JSON.stringify(condition);
    const found = conditions.findIndex((c) => JSON.stringify(c) === key);
    if (found >= 0) return found;
    conditions.push(condition);
    return conditions.length - 1;
  };
  return { conditions, conditionIndex };
}

/** Per incident, per step: the countermeasures whose every control is kept, with their controls as positions. */
function countermeasureChains(
  catalog: Catalog,
  all: readonly number[],
  conditionIndex: ConditionIndex,
): CountermeasurePlan[][][] {
  const kept = new Map(all.map((position) => [(catalog.controls[position] as Control).id, position]));
  // A countermeasure with a control outside the kept set cannot be judged, so it is left out rather than half-read.
  return catalog.incidents.map((incident) =>
    incident.attack_chain.map((step) =>
      step.countermeasures.flatMap((cm, index): CountermeasurePlan[] => {
        const positions = cm.controls.map((id) => kept.get(id));
        if (positions.some((p) => p === undefined)) return [];
        const condition = conditionIndex(cm.applies_if);
        const plan: CountermeasurePlan = { index, effect: cm.effect, positions: positions as number[] };
        const withCondition = condition === undefined ? plan : { ...plan, condition };
        return [cm.party === undefined ? withCondition : { ...withCondition, party: cm.party }];
      }),
    ),
  );
}

/** The kept controls mapped to a framework, and per requirement those mapped there. */
function frameworkPlan(
  catalog: Catalog,
  framework: Catalog["frameworks"][number],
  where: (test: (control: Control) => boolean) => number[],
): FrameworkPlan {
  const members = where((c) => Object.hasOwn(c.frameworks, framework.id));
  const requirements = framework.requirements
    .map((requirement, index) => ({
      index,
      members: members.filter((position) =>
        catalog.controls[position]?.frameworks[framework.id]?.includes(requirement.id),
      ),
    }))
    .filter((r) => r.members.length > 0);
  return { members, requirements };
}
