// One organization's row of the comparison: scored on its own catalog version, with what that version leaves out.

import type { Catalog } from "../model/catalog.js";
import type { CellStatus, OrganizationRow } from "../model/comparison.js";
import type { IncidentSlot } from "./exposure.js";
import type { OrganizationGroup } from "./identity.js";
import type { VersionStanding } from "./left-out.js";
import { statusOfLetter, stepOfLetter, verdictOfLetter } from "./letters.js";
import type { RowScorer } from "./rows.js";
import type { ScoredRow } from "./stats.js";

/** A scored row, with the group of submissions it stands for and its catalog version's standing. */
export interface ComparedRow extends ScoredRow {
  readonly group: OrganizationGroup;
  readonly standing: VersionStanding;
}

/**
 * Scores one organization on its own catalog version: controls the version lacks or asked differently are left
 * out for it alone. `scorerFor` gives the (cached) scorer of a version that leaves controls out.
 */
export function compareRow(
  catalog: Catalog,
  group: OrganizationGroup,
  label: string,
  standing: VersionStanding,
  scorerFor: (standing: VersionStanding) => RowScorer,
): ComparedRow {
  const s = group.kept;
  const notCompared = new Set(standing.notCompared.keys());
  const statusesOf = (letters: string) =>
    new Map(
      catalog.controls.flatMap((c, i) =>
        notCompared.has(c.id) ? [] : [[c.id, statusOfLetter(letters.charAt(i))] as const],
      ),
    );
  return {
    group,
    standing,
    label,
    statuses: statusesOf(s.statuses),
    assessed: statusesOf(s.assessed),
    // Submissions arrive scored over the whole catalog; only a version that lacks controls forces a rescore.
    scores: notCompared.size > 0 ? scorerFor(standing)(s.statuses, s.assessed, s.flags, s.parties) : s.scores,
    notCompared,
    notComparable: standing.notComparable,
    declared: new Set(s.declaredNotApplicable.filter((id) => !notCompared.has(id))),
  };
}

/** How a row is shown: whether it is the focus, whether it is named, and how its dates read. */
export interface RowView {
  readonly focus: boolean;
  readonly identified: boolean;
  readonly date: (iso: string) => string;
}

/** The published row, over `controls` (the controls compared for some organization). */
export function organizationRow(
  catalog: Catalog,
  slots: readonly IncidentSlot[],
  row: ComparedRow,
  controls: readonly string[],
  view: RowView,
): OrganizationRow {
  const s = row.group.kept;
  return {
    label: row.label,
    pseudonymous: !view.identified,
    focus: view.focus,
    ...(view.identified
      ? {
          name: s.organization.name,
          jurisdiction: s.organization.jurisdiction,
          registration: s.organization.registration,
          file: s.file,
        }
      : {}),
    sha256: s.sha256,
    // A pseudonymised row does not name its reviewer: the reviewer would name the organization's auditor.
    signature: view.identified || s.signature === "unsigned" ? s.signature : "verified (signers withheld)",
    assurance:
      view.identified || s.assurance === "self-assessment" ? s.assurance : "reviewed (reviewer withheld)",
    third_party_sha256: s.partyDigests.filter((d): d is string => d !== undefined),
    answered_catalog_version: s.catalogVersion,
    catalog_standing: row.standing.standing,
    not_compared: catalog.controls.filter((c) => row.notCompared.has(c.id)).map((c) => c.id),
    not_comparable_incidents: catalog.incidents.filter((_, i) => row.notComparable.has(i)).map((x) => x.id),
    version_note: versionNote(catalog, row),
    declared_not_applicable: controls.filter((id) => row.declared.has(id)),
    assessment_date: view.date(s.assessmentDate),
    score: row.scores.score,
    tier: row.scores.tier,
    lessons: Object.fromEntries(catalog.lessons.map((l, i) => [l.id, row.scores.lessons[i] ?? null])),
    values: Object.fromEntries(
      Object.entries(s.values).filter(([key]) => row.statuses.has(key.slice(0, key.indexOf(".")))),
    ),
    controls: Object.fromEntries(
      controls.map((id): [string, CellStatus] => [id, row.statuses.get(id) ?? "not_compared"]),
    ),
    incidents: Object.fromEntries(
      catalog.incidents.map((incident, i) => incidentCell(incident, i, row, slots)),
    ),
  };
}

function incidentCell(
  incident: Catalog["incidents"][number],
  i: number,
  row: ScoredRow,
  slots: readonly IncidentSlot[],
): [string, OrganizationRow["incidents"][string]] {
  // A verdict replayed without some of the chain's countermeasures would be a guess: none is published.
  if (row.notComparable.has(i)) return [incident.id, { verdict: "not_comparable", steps: {} }];
  return [
    incident.id,
    {
      verdict: verdictOfLetter(row.scores.incidents.charAt(i)),
      steps: Object.fromEntries(
        incident.attack_chain.map((step, k) => [
          step.id,
          stepOfLetter(row.scores.steps.charAt(slots[i]!.stepOffset + k)),
        ]),
      ),
    },
  ];
}

/** What an older or newer catalog version means for the row, in words; null on the catalog in use. */
function versionNote(catalog: Catalog, row: ComparedRow): string | null {
  const version = row.group.kept.catalogVersion;
  const current = catalog.meta.version;
  if (row.standing.standing === "current") return null;
  if (row.standing.standing === "newer")
    return `Answered catalog ${version}, newer than the catalog in use (${current}): compared on the controls ${current} knows; answers to controls it does not know were ignored.`;
  const n = row.notCompared.size;
  if (n === 0)
    return `Answered catalog ${version}, older than the catalog in use (${current}); no control was added or changed since, so it is compared on every control.`;
  const k = row.notComparable.size;
  const incidents =
    k > 0
      ? `, and of the exposure to ${k} ${k === 1 ? "incident" : "incidents"} whose countermeasures use them`
      : "";
  return (
    `Answered catalog ${version}, older than the catalog in use (${current}): ${n} ${n === 1 ? "control" : "controls"} added or changed since ${n === 1 ? "is" : "are"} not compared for this organization. ` +
    `Its score, tier and lesson scores cover the ${catalog.controls.length - n} controls its version can answer, so they are not on the same basis as the others'; it is left out of the statistics of the controls not compared${incidents}.`
  );
}
