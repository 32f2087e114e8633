// Framework coverage: each requirement's status from the controls mapped to it.
import type { Catalog } from "../model/catalog.js";
import type { ControlResult, FrameworkRollup } from "../model/result.js";
import type { CatalogPlan } from "./plan.js";
import { rollupOf, type TallyInput } from "./scoring.js";

type Coverage = FrameworkRollup["requirements"][number]["status"];

function coverage(statuses: readonly ControlResult["status"][]): Coverage {
  const applicable = statuses.filter((s) => s !== "not_applicable");
  if (statuses.length === 0) return "not_mapped";
  if (applicable.length === 0) return "not_applicable";
  if (applicable.every((s) => s === "met")) return "covered";
  if (applicable.some((s) => s === "met" || s === "partially_met")) return "partial";
  return "gap";
}

/** Rolls control results (indexed by catalog position) up per framework and per requirement. */
export function rollupFrameworks(
  catalog: Catalog,
  plan: Pick<CatalogPlan, "frameworks">,
  ids: readonly (readonly string[])[],
  results: readonly ControlResult[],
  input: TallyInput,
): FrameworkRollup[] {
  return catalog.frameworks.map((framework, f) => {
    const fw = plan.frameworks[f] ?? { members: [], requirements: [] };
    const requirements = fw.requirements.map(({ index, members }) => {
      const requirement = framework.requirements[index] as (typeof framework.requirements)[number];
      const controls = members.map((p) => {
        const r = results[p] as ControlResult;
        return { id: r.control_id, status: r.status };
      });
      return {
        id: requirement.id,
        title: requirement.title,
        status: coverage(controls.map((c) => c.status)),
        controls,
      };
    });
    const rollup = rollupOf(framework.id, framework.name, fw.members, ids[f] ?? [], input);
    return {
      id: rollup.id,
      title: rollup.title,
      score: rollup.score,
      tier: rollup.tier,
      counts: rollup.counts,
      controls: rollup.controls,
      version: framework.version,
      requirements,
    };
  });
}
