// Answer-independent indexes of a catalog: which control positions make up each lesson, incident, attack step
// and framework requirement. Built once per catalog, they let every roll-up run in one pass over positions.
import type { Catalog } from "../model/catalog.js";
import type { Control } from "../model/control.js";
import { SEVERITY_WEIGHT } from "./scoring.js";

/** A control's part in one attack step: it stops the step, or only caps the loss. */
export interface StepMember {
  readonly position: number;
  readonly role: "blocks" | "limits";
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
  /** Per incident of the catalog: the controls that block or limit any of its steps. */
  readonly incidents: readonly (readonly number[])[];
  /** Per incident, per attack step. */
  readonly chains: readonly (readonly (readonly StepMember[])[])[];
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
  return {
    all,
    lessons: catalog.lessons.map((lesson) => where((c) => c.lessons.includes(lesson.id))),
    incidents: catalog.incidents.map((incident) =>
      where((c) => Object.hasOwn(c.blocks, incident.id) || Object.hasOwn(c.limits, incident.id)),
    ),
    chains: catalog.incidents.map((incident) =>
      incident.attack_chain.map((step) =>
        all.flatMap((position) => {
          const control = catalog.controls[position] as Control;
          const members: StepMember[] = [];
          if (control.blocks[incident.id]?.includes(step.id)) members.push({ position, role: "blocks" });
          if (control.limits[incident.id]?.includes(step.id)) members.push({ position, role: "limits" });
          return members;
        }),
      ),
    ),
    frameworks: catalog.frameworks.map((framework) => {
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
    }),
    weights: catalog.controls.map((c) => SEVERITY_WEIGHT[c.severity]),
    levels: catalog.controls.map((c) => c.level),
  };
}
