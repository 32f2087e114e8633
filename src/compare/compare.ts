// The comparison aggregator: takes compact submission results in any order, builds the sector view at the end.

import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { didYouMean } from "../diagnostics/suggest.js";
import type { Catalog } from "../model/catalog.js";
import {
  COMPARISON_FORMAT,
  type Comparison,
  type Duplicate,
  type InvalidSubmissionEntry as InvalidEntry,
  type OrganizationRow,
} from "../model/comparison.js";
import type { Control } from "../model/control.js";
import { DIAGNOSTIC_CODES } from "../model/diagnostic-codes.js";
import { createPseudonymizer, type Pseudonymizer, uniqueLabels } from "./anonymize.js";
import { exposureOf, type IncidentSlot } from "./exposure.js";
import { focusOf } from "./focus.js";
import { groupByOrganization, normalizeName, type OrganizationGroup } from "./identity.js";
import { leftOutControls } from "./left-out.js";
import { statusOfLetter, stepOfLetter, verdictOfLetter } from "./letters.js";
import { createRowScorer } from "./rows.js";
import { controlStats, lessonStats, type ScoredRow } from "./stats.js";
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
}

/** The outcome of finishing: the comparison, or why the focus organization could not be found. */
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

/** A scored row, with the group of submissions it stands for. */
type GroupRow = ScoredRow & { group: OrganizationGroup };

function buildComparison(
  catalog: Catalog,
  valid: readonly ValidSubmission[],
  invalid: readonly InvalidSubmission[],
  warnings: ReadonlyMap<string, number>,
  options: ComparisonOptions,
): ComparisonOutcome {
  const groups = groupByOrganization(valid);
  const focusGroup = options.focus === undefined ? undefined : findGroup(groups, options.focus);
  if (options.focus !== undefined && !focusGroup) return focusNotFound(groups, options.focus);
  const pseudonymous = options.anonymize === true || focusGroup !== undefined;
  const pseudonyms = createPseudonymizer(options.pseudonymKey);
  const labels = labelGroups(groups, focusGroup, pseudonymous, pseudonyms);
  const threshold = options.normThreshold ?? 75;
  const fileLabel = (path: string) => (pseudonymous ? pseudonyms.file(path) : path);
  return {
    ok: true,
    comparison: {
      format: COMPARISON_FORMAT,
      catalog: { id: catalog.meta.id, version: catalog.meta.version, digest: catalog.digest },
      as_of: options.asOf ?? null,
      pseudonymisation: pseudonymisationOf(pseudonymous, pseudonyms),
      norm_threshold: threshold,
      summary: summaryOf(valid, invalid, groups, warnings),
      ...comparedResults(catalog, groups, labels, focusGroup, pseudonymous, threshold),
      invalid: invalidEntries(invalid, pseudonymous, fileLabel),
      duplicates: duplicateEntries(groups, labels, fileLabel),
    },
  };
}

/** The parts of a comparison read from the compared organizations: what was compared, each row and the statistics. */
type ComparedResults = Pick<
  Comparison,
  | "controls"
  | "lessons"
  | "left_out"
  | "newer_versions"
  | "organizations"
  | "control_stats"
  | "lesson_stats"
  | "exposure"
  | "focus"
>;

/** Scores every organization over the controls all their catalog versions share, and sums up the sector. */
function comparedResults(
  catalog: Catalog,
  groups: readonly OrganizationGroup[],
  labels: readonly string[],
  focusGroup: OrganizationGroup | undefined,
  pseudonymous: boolean,
  threshold: number,
): ComparedResults {
  const kept = groups.map((g) => g.kept);
  const { leftOut, newer, compared } = leftOutControls(catalog, kept);
  const comparedControls = catalog.controls.filter((c) => compared.has(c.id));
  const rows = scoredRows(catalog, groups, labels, compared, comparedControls);
  const stats = comparedControls.map((c) => controlStats(c, rows, threshold));
  const focusRow = rows.find((r) => r.group === focusGroup);
  const slots = incidentSlots(catalog);
  return {
    controls: comparedControls.map(controlEntry),
    lessons: lessonEntries(catalog, comparedControls),
    left_out: leftOut,
    newer_versions: newer,
    organizations: rows.map((row) =>
      organizationRow(catalog, slots, row, row.group, row === focusRow, pseudonymous),
    ),
    control_stats: stats,
    lesson_stats: catalog.lessons.map((l, i) => lessonStats(l, i, rows)),
    exposure: catalog.incidents.map((incident, i) => exposureOf(incident, slots[i]!, rows, comparedControls)),
    focus: focusRow ? focusOf(catalog, focusRow, peersOf(rows, focusRow), stats) : null,
  };
}

function peersOf(rows: readonly GroupRow[], focusRow: GroupRow): GroupRow[] {
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

/** One row per organization over the compared controls, lowest score first, then by label. */
function scoredRows(
  catalog: Catalog,
  groups: readonly OrganizationGroup[],
  labels: readonly string[],
  compared: ReadonlySet<string>,
  comparedControls: readonly Control[],
): GroupRow[] {
  // Submissions arrive scored over the whole catalog; only a version difference forces a rescore.
  const rescore = compared.size < catalog.controls.length ? createRowScorer(catalog, compared) : undefined;
  const position = new Map(catalog.controls.map((c, i) => [c.id, i]));
  const statusesOf = (letters: string) =>
    new Map(comparedControls.map((c) => [c.id, statusOfLetter(letters.charAt(position.get(c.id)!))]));
  const rows: GroupRow[] = groups.map((group, i) => ({
    group,
    label: labels[i]!,
    statuses: statusesOf(group.kept.statuses),
    assessed: statusesOf(group.kept.assessed),
    scores: rescore ? rescore(group.kept.statuses, group.kept.assessed, group.kept.flags) : group.kept.scores,
  }));
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
): Comparison["summary"] {
  return {
    files: valid.length + invalid.length,
    compared: groups.length,
    invalid: invalid.length,
    duplicates_ignored: groups.reduce((n, g) => n + g.ignored.length, 0),
    warnings: Object.fromEntries([...warnings].sort(([a], [b]) => (a < b ? -1 : 1))),
  };
}

function controlEntry(c: Control): Comparison["controls"][number] {
  return { id: c.id, title: c.title, severity: c.severity, level: c.level, lessons: c.lessons };
}

/** Every lesson with the compared controls that teach it. */
function lessonEntries(catalog: Catalog, comparedControls: readonly Control[]): Comparison["lessons"] {
  return catalog.lessons.map((l) => ({
    id: l.id,
    title: l.title,
    controls: comparedControls.filter((c) => c.lessons.includes(l.id)).map((c) => c.id),
  }));
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

function organizationRow(
  catalog: Catalog,
  slots: readonly IncidentSlot[],
  row: ScoredRow,
  group: OrganizationGroup,
  focus: boolean,
  pseudonymous: boolean,
): OrganizationRow {
  const s = group.kept;
  const identified = !pseudonymous || focus;
  return {
    label: row.label,
    pseudonymous: !identified,
    focus,
    ...(identified
      ? {
          name: s.organization.name,
          jurisdiction: s.organization.jurisdiction,
          registration: s.organization.registration,
          file: s.file,
        }
      : {}),
    answered_catalog_version: s.catalogVersion,
    assessment_date: s.assessmentDate,
    score: row.scores.score,
    tier: row.scores.tier,
    lessons: Object.fromEntries(catalog.lessons.map((l, i) => [l.id, row.scores.lessons[i] ?? null])),
    controls: Object.fromEntries(row.statuses),
    incidents: Object.fromEntries(
      catalog.incidents.map((incident, i) => [
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
      ]),
    ),
  };
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
): Duplicate[] {
  return groups
    .map((g, i) => ({ g, label: labels[i]! }))
    .filter(({ g }) => g.ignored.length > 0)
    .map(({ g, label }) => duplicateEntry(g, label, fileLabel))
    .sort((a, b) => (a.organization < b.organization ? -1 : 1));
}

function duplicateEntry(g: OrganizationGroup, label: string, fileLabel: (path: string) => string): Duplicate {
  return {
    organization: label,
    kept: { file: fileLabel(g.kept.file), assessment_date: g.kept.assessmentDate },
    ignored: g.ignored.map((s) => ({
      file: fileLabel(s.file),
      assessment_date: s.assessmentDate,
      identical: s.sha256 === g.kept.sha256,
    })),
    reason: g.reason,
  };
}
