// The comparison aggregator: takes compact submission results in any order, builds the sector view at the end.

import { resolve } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { didYouMean } from "../diagnostics/suggest.js";
import type { Catalog } from "../model/catalog.js";
import { compareVersions } from "../model/catalog-meta.js";
import {
  COMPARISON_FORMAT,
  type Comparison,
  type Duplicate,
  type InvalidSubmissionEntry as InvalidEntry,
} from "../model/comparison.js";
import type { Control } from "../model/control.js";
import { DIAGNOSTIC_CODES } from "../model/diagnostic-codes.js";
import { createPseudonymizer, type Pseudonymizer, uniqueLabels } from "./anonymize.js";
import { exposureOf, type IncidentSlot } from "./exposure.js";
import { focusOf } from "./focus.js";
import { describeChoice, groupByOrganization, normalizeName, type OrganizationGroup } from "./identity.js";
import { notComparedNotes, type VersionStanding, versionStanding } from "./left-out.js";
import { type ComparedRow, compareRow, organizationRow, type RowView } from "./organization-row.js";
import { DEFAULT_MIN_PEERS, quarterOf, tooFewPeers } from "./privacy.js";
import { createRowScorer, type RowScorer } from "./rows.js";
import { sharedThirdParties } from "./shared-parties.js";
import { controlStats, lessonStats } from "./stats.js";
import type { InvalidSubmission, SubmissionResult, ValidSubmission } from "./submission-types.js";

/** How the comparison is presented. */
export interface ComparisonOptions {
  /** Show every organization under a stable pseudonym. */
  readonly anonymize?: boolean;
  /** Secret key for the pseudonyms (HMAC); without it they are a plain hash anyone can recompute. */
  readonly pseudonymKey?: string;
  /** Name or registration of the one organization to show against its anonymised peers. */
  readonly focus?: string;
  /** The as-of date every submission was evaluated at, recorded in the output. */
  readonly asOf?: string;
  /** Percent of organizations in scope that must share a status for it to be a control's norm (default 75). */
  readonly normThreshold?: number;
  /**
   * The smallest peer group (other organizations) shown under pseudonyms (default 5): under `anonymize` or `focus`
   * fewer peers are refused, and a peer figure (share, median, percentile) over fewer peers in scope is withheld.
   */
  readonly minPeers?: number;
}

/** The outcome of finishing: the comparison, or why none can be shown (an unknown focus, too few peers). */
export type ComparisonOutcome =
  | { readonly ok: true; readonly comparison: Comparison }
  | { readonly ok: false; readonly problem: string; readonly hint?: string };

/** Collects submission results one at a time and turns them into a comparison. */
export interface ComparisonBuilder {
  /** Adds one result; results may arrive in any order. */
  add(result: SubmissionResult): void;
  /** Number of results added so far. */
  readonly size: number;
  /** Builds the comparison. Pure over the results added: arrival order does not change the output. */
  finish(options?: ComparisonOptions): ComparisonOutcome;
}

/** Starts a comparison against a catalog. Only compact results are kept, never whole evaluations. */
export function createComparison(catalog: Catalog): ComparisonBuilder {
  const valid: ValidSubmission[] = [];
  const invalid: InvalidSubmission[] = [];
  const warnings = new Map<string, number>();
  return {
    add(result) {
      if (!result.valid) {
        invalid.push(result);
        return;
      }
      for (const [code, n] of Object.entries(result.warnings))
        warnings.set(code, (warnings.get(code) ?? 0) + n);
      // Keep only what the matrix needs; the warnings were folded into the totals above.
      valid.push({ ...result, warnings: {} });
    },
    get size() {
      return valid.length + invalid.length;
    },
    finish: (options = {}) => buildComparison(catalog, valid, invalid, warnings, options),
  };
}

/** Who the output names, and how it shows their dates. */
interface Presentation {
  readonly labels: readonly string[];
  readonly focusGroup: OrganizationGroup | undefined;
  readonly threshold: number;
  readonly minPeers: number;
  /** A group's view in the output: pseudonymised groups show their dates as quarters. */
  readonly view: (group: OrganizationGroup) => RowView;
}

function buildComparison(
  catalog: Catalog,
  allValid: readonly ValidSubmission[],
  allInvalid: readonly InvalidSubmission[],
  warnings: ReadonlyMap<string, number>,
  options: ComparisonOptions,
): ComparisonOutcome {
  // A third party's own answers file, found in a compared folder, is part of a submission, not one of its own.
  const partyFiles = new Set(allValid.flatMap((v) => v.partyFiles));
  const isPartyFile = (s: { file: string }) => partyFiles.has(resolve(s.file));
  const valid = allValid.filter((v) => !isPartyFile(v));
  const invalid = allInvalid.filter((v) => !isPartyFile(v));
  const skipped = allValid.length + allInvalid.length - valid.length - invalid.length;
  const groups = groupByOrganization(valid);
  const focusGroup = options.focus === undefined ? undefined : findGroup(groups, options.focus);
  if (options.focus !== undefined && !focusGroup) return focusNotFound(groups, options.focus);
  const pseudonymous = options.anonymize === true || focusGroup !== undefined;
  const minPeers = options.minPeers ?? DEFAULT_MIN_PEERS;
  if (pseudonymous && groups.length - 1 < minPeers)
    return tooFewPeers(Math.max(0, groups.length - 1), minPeers, focusGroup !== undefined);
  const pseudonyms = createPseudonymizer(options.pseudonymKey);
  const labels = labelGroups(groups, focusGroup, pseudonymous, pseudonyms);
  const view = (group: OrganizationGroup): RowView => {
    const identified = !pseudonymous || group === focusGroup;
    return { focus: group === focusGroup, identified, date: identified ? (d) => d : quarterOf };
  };
  const shown: Presentation = { labels, focusGroup, threshold: options.normThreshold ?? 75, minPeers, view };
  const fileLabel = (path: string) => (pseudonymous ? pseudonyms.file(path) : path);
  return {
    ok: true,
    comparison: {
      format: COMPARISON_FORMAT,
      catalog: { id: catalog.meta.id, version: catalog.meta.version, digest: catalog.digest },
      as_of: options.asOf ?? null,
      pseudonymisation: pseudonymisationOf(pseudonymous, pseudonyms),
      norm_threshold: shown.threshold,
      min_peers: minPeers,
      summary: summaryOf(valid, invalid, groups, warnings, skipped),
      ...comparedResults(catalog, groups, shown),
      invalid: invalidEntries(invalid, pseudonymous, fileLabel),
      duplicates: duplicateEntries(groups, labels, fileLabel, view),
    },
  };
}

/** The parts of a comparison read from the compared organizations: what was compared, each row and the statistics. */
type ComparedResults = Pick<
  Comparison,
  | "controls"
  | "questions"
  | "lessons"
  | "not_compared"
  | "newer_versions"
  | "organizations"
  | "shared_third_parties"
  | "control_stats"
  | "lesson_stats"
  | "exposure"
  | "focus"
>;

/** Scores every organization on its own catalog version, and sums up the sector over those that could answer. */
function comparedResults(
  catalog: Catalog,
  groups: readonly OrganizationGroup[],
  shown: Presentation,
): ComparedResults {
  const rows = scoredRows(catalog, groups, shown.labels);
  const comparedControls = catalog.controls.filter(
    (c) => rows.length === 0 || rows.some((r) => !r.notCompared.has(c.id)),
  );
  const ids = comparedControls.map((c) => c.id);
  const lessonControls = catalog.lessons.map((l) =>
    comparedControls.filter((c) => c.lessons.includes(l.id)).map((c) => c.id),
  );
  const stats = comparedControls.map((c) => controlStats(c, rows, shown.threshold));
  const focusRow = rows.find((r) => r.group === shown.focusGroup);
  const slots = incidentSlots(catalog);
  return {
    controls: comparedControls.map(controlEntry),
    questions: comparedControls.flatMap(questionEntries),
    lessons: catalog.lessons.map((l, i) => ({ id: l.id, title: l.title, controls: [...lessonControls[i]!] })),
    not_compared: notComparedNotes(
      catalog,
      rows.map((r) => ({ version: r.group.kept.catalogVersion, label: r.label })),
    ),
    newer_versions: newerVersions(rows),
    organizations: rows.map((row) => organizationRow(catalog, slots, row, ids, shown.view(row.group))),
    shared_third_parties: sharedThirdParties(rows),
    control_stats: stats,
    lesson_stats: catalog.lessons.map((l, i) => lessonStats(l, i, rows, lessonControls[i]!)),
    exposure: catalog.incidents.map((incident, i) => exposureOf(incident, slots[i]!, rows, new Set(ids))),
    focus: focusRow
      ? focusOf(catalog, focusRow, peersOf(rows, focusRow), stats, {
          minPeers: shown.minPeers,
          controls: ids,
          lessonControls,
          version: focusRow.group.kept.catalogVersion,
        })
      : null,
  };
}

/** The answered versions newer than the catalog in use, with their number of compared submissions. */
function newerVersions(rows: readonly ComparedRow[]): Comparison["newer_versions"] {
  const counts = new Map<string, number>();
  for (const r of rows)
    if (r.standing.standing === "newer")
      counts.set(r.standing.version, (counts.get(r.standing.version) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => compareVersions(a, b))
    .map(([version, submissions]) => ({ version, submissions }));
}

function peersOf(rows: readonly ComparedRow[], focusRow: ComparedRow): ComparedRow[] {
  return rows.filter((r) => r !== focusRow);
}

/** Why `--focus` names no compared organization, with the closest name when there is one. */
function focusNotFound(groups: readonly OrganizationGroup[], focus: string): ComparisonOutcome {
  const names = groups.map((g) => g.kept.organization.name);
  return {
    ok: false,
    problem: `No compared submission is from an organization named "${focus}"`,
    hint: didYouMean(focus, names) ?? "Give the organization's name or registration as in its answers file.",
  };
}

/** One row per organization, each on its own catalog version, lowest score first, then by label. */
function scoredRows(
  catalog: Catalog,
  groups: readonly OrganizationGroup[],
  labels: readonly string[],
): ComparedRow[] {
  // Few distinct versions arrive, so their standings and scorers are worked out once each.
  const standings = new Map<string, VersionStanding>();
  const scorers = new Map<string, RowScorer>();
  const standingOf = (version: string) => {
    const found = standings.get(version) ?? versionStanding(catalog, version);
    standings.set(version, found);
    return found;
  };
  const scorerFor = (standing: VersionStanding) => {
    const kept = new Set(catalog.controls.map((c) => c.id).filter((id) => !standing.notCompared.has(id)));
    const found = scorers.get(standing.version) ?? createRowScorer(catalog, kept);
    scorers.set(standing.version, found);
    return found;
  };
  const rows = groups.map((group, i) =>
    compareRow(catalog, group, labels[i]!, standingOf(group.kept.catalogVersion), scorerFor),
  );
  return rows.sort(
    (a, b) =>
      (a.scores.score ?? Number.POSITIVE_INFINITY) - (b.scores.score ?? Number.POSITIVE_INFINITY) ||
      (a.label < b.label ? -1 : a.label > b.label ? 1 : 0),
  );
}

function pseudonymisationOf(
  pseudonymous: boolean,
  pseudonyms: Pseudonymizer,
): Comparison["pseudonymisation"] {
  return {
    applied: pseudonymous,
    keyed: pseudonymous && pseudonyms.keyed,
    method: pseudonymous ? pseudonyms.method : "none",
  };
}

function summaryOf(
  valid: readonly ValidSubmission[],
  invalid: readonly InvalidSubmission[],
  groups: readonly OrganizationGroup[],
  warnings: ReadonlyMap<string, number>,
  thirdPartyFiles: number,
): Comparison["summary"] {
  return {
    files: valid.length + invalid.length,
    compared: groups.length,
    invalid: invalid.length,
    duplicates_ignored: groups.reduce((n, g) => n + g.ignored.length, 0),
    third_party_files: thirdPartyFiles,
    warnings: Object.fromEntries([...warnings].sort(([a], [b]) => (a < b ? -1 : 1))),
  };
}

function controlEntry(c: Control): Comparison["controls"][number] {
  return { id: c.id, title: c.title, severity: c.severity, level: c.level, lessons: c.lessons };
}

function incidentSlots(catalog: Catalog): IncidentSlot[] {
  let stepOffset = 0;
  return catalog.incidents.map((incident, index) => {
    const slot = { index, stepOffset };
    stepOffset += incident.attack_chain.length;
    return slot;
  });
}

function findGroup(groups: readonly OrganizationGroup[], query: string): OrganizationGroup | undefined {
  const key = normalizeName(query);
  return groups.find((g) =>
    [g.kept, ...g.ignored].some(
      (s) =>
        normalizeName(s.organization.name) === key ||
        (s.organization.registration !== undefined && normalizeName(s.organization.registration) === key),
    ),
  );
}

function labelGroups(
  groups: readonly OrganizationGroup[],
  focus: OrganizationGroup | undefined,
  pseudonymous: boolean,
  pseudonyms: Pseudonymizer,
): string[] {
  if (!pseudonymous) return groups.map((g) => g.kept.organization.name);
  const labels = uniqueLabels(groups, (g, length) =>
    pseudonyms.organization(g.kept.organization.name, g.kept.organization.registration, length),
  );
  return groups.map((g, i) => (g === focus ? g.kept.organization.name : labels[i]!));
}

/** The submissions that could not be compared, by file name. */
function invalidEntries(
  invalid: readonly InvalidSubmission[],
  pseudonymous: boolean,
  fileLabel: (path: string) => string,
): InvalidEntry[] {
  return [...invalid]
    .sort((a, b) => (a.file < b.file ? -1 : 1))
    .map((s) => invalidEntry(s, pseudonymous, fileLabel));
}

function invalidEntry(
  s: InvalidSubmission,
  pseudonymous: boolean,
  fileLabel: (path: string) => string,
): InvalidEntry {
  if (!pseudonymous) {
    return { file: s.file, organization: s.organizationName, diagnostics: s.diagnostics.map(plain) };
  }
  // Messages, hints and values can quote the file's content (names included); the code's summary cannot.
  const file = fileLabel(s.file);
  return {
    file,
    diagnostics: s.diagnostics.map((d) => ({
      file,
      start: d.start,
      end: d.end,
      severity: d.severity,
      code: d.code,
      message: DIAGNOSTIC_CODES[d.code],
    })),
  };
}

function plain(d: Diagnostic): InvalidEntry["diagnostics"][number] {
  return { ...d, path: d.path ? [...d.path] : undefined };
}

/** The organizations that sent more than one submission, with which one was kept. */
function duplicateEntries(
  groups: readonly OrganizationGroup[],
  labels: readonly string[],
  fileLabel: (path: string) => string,
  view: (group: OrganizationGroup) => RowView,
): Duplicate[] {
  return groups
    .map((g, i) => ({ g, label: labels[i]! }))
    .filter(({ g }) => g.ignored.length > 0)
    .map(({ g, label }) => duplicateEntry(g, label, fileLabel, view(g).date))
    .sort((a, b) => (a.organization < b.organization ? -1 : 1));
}

function duplicateEntry(
  g: OrganizationGroup,
  label: string,
  fileLabel: (path: string) => string,
  date: (iso: string) => string,
): Duplicate {
  return {
    organization: label,
    kept: { file: fileLabel(g.kept.file), assessment_date: date(g.kept.assessmentDate) },
    ignored: g.ignored.map((s) => ({
      file: fileLabel(s.file),
      assessment_date: date(s.assessmentDate),
      identical: s.sha256 === g.kept.sha256,
    })),
    reason: describeChoice(g, date),
  };
}

/** The question types whose answers a comparison keeps and shows side by side: numbers and choices. */
export const VALUE_TYPES: ReadonlySet<string> = new Set([
  "number",
  "percentage",
  "count",
  "duration",
  "single_choice",
  "multiple_choice",
]);

/** The questions of a control whose answers the comparison keeps: numbers and choices. */
function questionEntries(c: Catalog["controls"][number]): Comparison["questions"] {
  return c.questions
    .filter((q) => VALUE_TYPES.has(q.type))
    .map((q) => ({
      key: `${c.id}.${q.id}`,
      control_id: c.id,
      text: q.text,
      type: q.type,
      ...("unit" in q && q.unit !== undefined ? { unit: q.unit } : {}),
      ...("choices" in q ? { choices: Object.fromEntries(q.choices.map((ch) => [ch.value, ch.label])) } : {}),
    }));
}
