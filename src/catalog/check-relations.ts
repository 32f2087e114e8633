// Checks each incident's countermeasures and known controls: references, sources, profile conditions, and that no
// claim of prevention is contradicted by what the record shows victims had in place.
import type { Catalog } from "../model/catalog.js";
import { defeatedBy, type Incident, JUDGEMENT, type Technique } from "../model/incident.js";
import type { Question } from "../model/question.js";
import { checkCondition } from "./check-condition.js";
import type { CatalogSources } from "./load-catalog.js";
import { type Reporter, unknownRef } from "./reporter.js";

/** Checks the relations between controls and attack steps that the incidents declare. */
export function checkRelations(catalog: Catalog, sources: CatalogSources, report: Reporter): void {
  const controls = new Set(catalog.controls.map((c) => c.id));
  const profile = new Map<string, Question>(catalog.profile.map((q) => [q.id, q]));
  for (const incident of catalog.incidents)
    checkIncident(catalog, incident, sources.incidents.get(incident.id), controls, profile, report);
}

type CatalogFile = Parameters<Reporter>[0];

/** A profile condition of an incident, with the path where it is written. */
type PlacedCondition = { path: (string | number)[]; condition: NonNullable<Incident["applies_if"]> };

/** Checks that a source key is listed under `sources` (or, where allowed, is the catalog's own judgement). */
type Cite = (path: (string | number)[], key: string, judgementAllowed: boolean) => void;

/** Checks one incident's sources, profile conditions and countermeasures. */
function checkIncident(
  catalog: Catalog,
  incident: Incident,
  file: CatalogFile,
  controls: ReadonlySet<string>,
  profile: ReadonlyMap<string, Question>,
  report: Reporter,
): void {
  const cite = citer(sourceKeys(incident, file, report), file, report);
  const conditions = incidentConditions(incident, file, report);
  checkCountermeasures(catalog, incident, file, controls, cite, report, conditions);
  checkKnownControls(incident, file, controls, cite, report);
  for (const { path, condition } of conditions)
    for (const problem of checkCondition(condition, profile, path))
      report(file, problem.path, problem.code, problem.message, problem.hint);
}

/** The incident's source keys, reporting any listed twice. */
function sourceKeys(incident: Incident, file: CatalogFile, report: Reporter): Set<string> {
  const keys = new Set<string>();
  incident.sources.forEach((source, i) => {
    if (keys.has(source.key))
      report(file, ["sources", i, "key"], "catalog/duplicate-id", `Duplicate source key \`${source.key}\``);
    keys.add(source.key);
  });
  return keys;
}

function citer(keys: ReadonlySet<string>, file: CatalogFile, report: Reporter): Cite {
  return (path, key, judgementAllowed) => {
    if (keys.has(key) || (judgementAllowed && key === JUDGEMENT)) return;
    report(
      file,
      path,
      "catalog/unknown-source",
      `Unknown source key \`${key}\``,
      judgementAllowed
        ? `List it under \`sources\`, or write \`${JUDGEMENT}\` when the relation is the catalog's own judgement.`
        : "List it under `sources`: a record of what a victim had must cite where it comes from.",
    );
  };
}

/** The incident's own profile conditions (`applies_if`, `similar_when`); an `applies_if` must say why. */
function incidentConditions(incident: Incident, file: CatalogFile, report: Reporter): PlacedCondition[] {
  const conditions: PlacedCondition[] = [];
  if (incident.applies_if) {
    conditions.push({ path: ["applies_if"], condition: incident.applies_if });
    if (!incident.not_applicable_because)
      report(
        file,
        ["applies_if"],
        "catalog/missing-reason",
        "An incident with `applies_if` needs `not_applicable_because`",
        "Say in one sentence why the chain has no target when the condition does not hold.",
      );
  }
  incident.similar_when.forEach((s, i) => {
    conditions.push({ path: ["similar_when", i, "if"], condition: s.if });
  });
  return conditions;
}

/**
 * Checks every countermeasure of the attack chain: its controls, its source, and that no victim's record contradicts
 * a claim of prevention. Adds the countermeasures' profile conditions to `conditions`.
 */
function checkCountermeasures(
  catalog: Catalog,
  incident: Incident,
  file: CatalogFile,
  controls: ReadonlySet<string>,
  cite: Cite,
  report: Reporter,
  conditions: PlacedCondition[],
): void {
  incident.attack_chain.forEach((step, s) => {
    step.countermeasures.forEach((cm, k) => {
      const at = ["attack_chain", s, "countermeasures", k];
      const seen = new Set<string>();
      cm.controls.forEach((id, j) => {
        if (!controls.has(id)) unknownRef(report, file, [...at, "controls", j], "control", id, controls);
        if (seen.has(id))
          report(
            file,
            [...at, "controls", j],
            "catalog/duplicate-id",
            `\`${id}\` appears twice in one countermeasure`,
          );
        seen.add(id);
      });
      cite([...at, "source"], cm.source, true);
      if (cm.applies_if) conditions.push({ path: [...at, "applies_if"], condition: cm.applies_if });
      if (cm.effect === "prevents")
        contradictions(catalog, step.techniques, cm.controls, [...at, "effect"], file, report);
    });
  });
}

/** Checks the counter-evidence of an incident: known controls, their sources, and the techniques that beat them. */
function checkKnownControls(
  incident: Incident,
  file: CatalogFile,
  controls: ReadonlySet<string>,
  cite: Cite,
  report: Reporter,
): void {
  const steps = new Map(incident.attack_chain.map((step) => [step.id, step]));
  incident.known_controls.forEach((known, k) => {
    const at = ["known_controls", k];
    if (!controls.has(known.control))
      unknownRef(report, file, [...at, "control"], "control", known.control, controls);
    cite([...at, "source"], known.source, false);
    const techniques = new Set<Technique>();
    known.did_not_stop.forEach((id, j) => {
      const step = steps.get(id);
      if (!step)
        unknownRef(report, file, [...at, "did_not_stop", j], `step of ${incident.id}`, id, steps.keys());
      else for (const t of step.techniques) techniques.add(t);
    });
    const declared = known.defeated_by ?? [];
    if (known.defeated_by && !known.narrowed_because && [...techniques].some((t) => !declared.includes(t)))
      report(
        file,
        [...at, "defeated_by"],
        "catalog/missing-reason",
        "`defeated_by` leaves out techniques of the steps this control did not stop",
        "Say why in `narrowed_because`, or drop `defeated_by` so that every technique of those steps counts.",
      );
    declared.forEach((t, j) => {
      if (!techniques.has(t))
        report(
          file,
          [...at, "defeated_by", j],
          "catalog/unknown-reference",
          `\`${t}\` is not a technique of the steps this control did not stop`,
          `Those steps use: ${[...techniques].join(", ") || "none"}.`,
        );
    });
  });
}

/**
 * Rejects a claim that `controls` prevent a step of `techniques` when some victim had every one of them in place and
 * the record says a step of one of those techniques got past them.
 */
function contradictions(
  catalog: Catalog,
  techniques: readonly Technique[],
  controls: readonly string[],
  path: (string | number)[],
  file: CatalogFile,
  report: Reporter,
): void {
  for (const victim of catalog.incidents) {
    for (const technique of techniques) {
      const records = controls.map((id) =>
        victim.known_controls.find((k) => k.control === id && defeatedBy(k, victim).includes(technique)),
      );
      if (records.some((r) => r === undefined)) continue;
      const first = records[0] as Incident["known_controls"][number];
      const had = controls.length === 1 ? controls[0] : controls.join(" and ");
      report(
        file,
        path,
        "catalog/contradicted-claim",
        `${victim.name} had ${had} and it did not stop \`${first.did_not_stop.join("`, `")}\` (${technique}); claiming it prevents a ${technique} step contradicts the record`,
        "Make the effect `hinders`, or prevent the step with a conjunction that adds a control the victim lacked.",
      );
      return;
    }
  }
}
