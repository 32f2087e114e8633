// Checks of what a control rests on: official texts, two independent mappings (or a declared single-jurisdiction
// duty), no mapping to a regulator's own powers, and lessons whose first tier cannot be reached with nothing met.
import type { Catalog } from "../model/catalog.js";
import type { Condition } from "../model/condition.js";
import type { Control } from "../model/control.js";
import type { CatalogSources } from "./load-catalog.js";
import type { Reporter } from "./reporter.js";

/** Checks the sources and mappings of every framework and control, and the first tier of every lesson. */
export function checkSources(catalog: Catalog, sources: CatalogSources, report: Reporter): void {
  checkOfficialUrls(catalog, sources, report);
  const regulatorPowers = new Map(
    catalog.frameworks.map((f) => [
      f.id,
      new Set(f.requirements.filter((r) => r.addressee === "regulator").map((r) => r.id)),
    ]),
  );
  for (const control of catalog.controls) {
    const file = sources.controls.get(control.id);
    checkMappingCount(control, (path, code, message, hint) => report(file, path, code, message, hint));
    for (const [framework, ids] of Object.entries(control.frameworks))
      ids.forEach((id, i) => {
        if (regulatorPowers.get(framework)?.has(id))
          report(
            file,
            ["frameworks", framework, i],
            "catalog/regulator-power",
            `\`${id}\` of ${framework} is a power of the supervisor, not a duty of the exchange`,
            "Map the control to the provision that puts the duty on the exchange.",
          );
      });
  }
  checkFirstTier(catalog, sources, report);
}

/** The host of a URL, or undefined when it does not parse. */
function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/** A host is official when it is one of the catalog's official domains or a subdomain of one. */
function isOfficial(host: string, domains: readonly string[]): boolean {
  return domains.some((d) => host === d || host.endsWith(`.${d}`));
}

function checkOfficialUrls(catalog: Catalog, sources: CatalogSources, report: Reporter): void {
  const domains = catalog.meta.official_domains.map((d) => d.toLowerCase());
  for (const framework of catalog.frameworks) {
    const host = hostOf(framework.url);
    if (host !== undefined && isOfficial(host, domains)) continue;
    report(
      sources.frameworks.get(framework.id),
      ["url"],
      "catalog/unofficial-source",
      `The text of ${framework.name} is cited from ${host ?? framework.url}, which is not the publisher's own site`,
      domains.length === 0
        ? "List the publishers' domains in `official_domains` of catalog.yaml, then cite the official text."
        : `Cite the official text (domains accepted: ${domains.join(", ")}).`,
    );
  }
}

type At = (path: (string | number)[], code: Parameters<Reporter>[2], message: string, hint?: string) => void;

/** Two frameworks per control, unless it is a declared duty of one jurisdiction and scoped to it. */
function checkMappingCount(control: Control, at: At): void {
  const count = Object.keys(control.frameworks).length;
  const only = control.jurisdiction_only;
  if (control.single_framework !== undefined && count !== 1)
    at(
      ["single_framework"],
      "catalog/single-mapping",
      `Control ${control.id} says one framework is all it maps to, but it maps to ${count}`,
      "Remove `single_framework`, or the mappings that do not fit.",
    );
  if (only === undefined) {
    if (count < 2 && control.single_framework === undefined)
      at(
        ["frameworks"],
        "catalog/single-mapping",
        `Control ${control.id} maps to ${count === 0 ? "no framework" : "one framework only"}`,
        "Map it to a second framework; for a legal duty of one jurisdiction set `jurisdiction_only`, and for a practice only one framework sets, say why in `single_framework`.",
      );
    return;
  }
  if (!control.applies_if || !scopesTo(control.applies_if, only))
    at(
      ["jurisdiction_only"],
      "catalog/jurisdiction-scope",
      `Control ${control.id} is a duty of ${only} only, but its \`applies_if\` does not require that jurisdiction`,
      `Add \`{ question: jurisdictions, op: includes, value: ${only} }\` to \`applies_if\` (under \`all\`, if there are other conditions).`,
    );
}

/** Whether a condition can hold only when `jurisdictions` includes `jurisdiction`. */
function scopesTo(condition: Condition, jurisdiction: string): boolean {
  if ("all" in condition) return condition.all.some((c) => scopesTo(c, jurisdiction));
  if ("any" in condition) return condition.any.every((c) => scopesTo(c, jurisdiction));
  if ("not" in condition) return false;
  return (
    condition.question === "jurisdictions" && condition.op === "includes" && condition.value === jurisdiction
  );
}

/**
 * A lesson with no level-1 control would be at tier 1 with nothing met (every level-1 control of none is met). The
 * roll-up refuses such a tier too; lint says so where the catalog is written.
 */
function checkFirstTier(catalog: Catalog, sources: CatalogSources, report: Reporter): void {
  const original = (sources.lessons?.data as { lessons?: { id: string }[] } | undefined)?.lessons ?? [];
  for (const lesson of catalog.lessons) {
    const members = catalog.controls.filter((c) => c.lessons.includes(lesson.id));
    if (members.length === 0 || members.some((c) => c.level === 1)) continue;
    report(
      sources.lessons,
      ["lessons", original.findIndex((l) => l.id === lesson.id), "id"],
      "catalog/vacuous-tier",
      `Lesson \`${lesson.id}\` has no level-1 control, so its first tier would say nothing`,
      "Give the lesson a level-1 control (its baseline).",
    );
  }
}
