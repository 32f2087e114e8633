// Framework coverage: each requirement's status from the controls mapped to it.
import type { Catalog } from "../model/catalog.js";
import type { ControlResult, FrameworkRollup } from "../model/result.js";
import { rollup } from "./scoring.js";

type Coverage = FrameworkRollup["requirements"][number]["status"];

function coverage(statuses: readonly ControlResult["status"][]): Coverage {
  const applicable = statuses.filter((s) => s !== "not_applicable");
  if (statuses.length === 0) return "not_mapped";
  if (applicable.length === 0) return "not_applicable";
  if (applicable.every((s) => s === "met")) return "covered";
  if (applicable.some((s) => s === "met" || s === "partially_met")) return "partial";
  return "gap";
}

/** Rolls control results up per framework and per requirement. */
export function rollupFrameworks(catalog: Catalog, results: readonly ControlResult[]): FrameworkRollup[] {
  return catalog.frameworks.map((framework) => {
    const mapped = results.filter((r) => r.frameworks[framework.id] !== undefined);
    const byRequirement = new Map<string, { id: string; status: ControlResult["status"] }[]>();
    for (const r of mapped) {
      for (const req of r.frameworks[framework.id] ?? []) {
        const entry = { id: r.control_id, status: r.status };
        const list = byRequirement.get(req);
        if (list) list.push(entry);
        else byRequirement.set(req, [entry]);
      }
    }
    const requirements = framework.requirements
      .map((req) => {
        const controls = byRequirement.get(req.id) ?? [];
        return { id: req.id, title: req.title, status: coverage(controls.map((c) => c.status)), controls };
      })
      .filter((req) => req.status !== "not_mapped");
    return {
      ...rollup(framework.id, framework.name, mapped),
      version: framework.version,
      requirements,
    };
  });
}
