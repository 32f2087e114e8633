// One organization's progress: what improved, regressed, came and went between two submissions.

import { compileCatalog } from "../engine/compile.js";
import { countermeasureState, type ReplayInput, replayStatuses } from "../engine/replay.js";
import { credit, SEVERITY_WEIGHT } from "../engine/scoring.js";
import type { Catalog } from "../model/catalog.js";
import { compareVersions } from "../model/catalog-meta.js";
import {
  type ControlChange,
  type ControlChangeKind,
  DIFF_FORMAT,
  type Diff,
  type DiffSide,
  type ReplayChange,
  type ScoreChange,
} from "../model/diff.js";
import type { Status } from "../model/result.js";
import { changelogBetween } from "../model/version-gap.js";
import { normalizeName } from "./identity.js";
import { leftOutControls } from "./left-out.js";
import { STATUS_LETTER, statusOfLetter, verdictOfLetter } from "./letters.js";
import { codes, createRowScorer, partyCodes, type RowScorer, type RowScores } from "./rows.js";
import type { ValidSubmission } from "./submission-types.js";

/** Order in which changes are listed: what got worse first. */
const KIND_ORDER: readonly ControlChangeKind[] = [
  "regressed",
  "declared_not_applicable",
  "improved",
  "new",
  "removed",
  "not_comparable",
  "other",
];

const VERDICT_RANK = { not_stopped: 0, hindered: 1, detected: 2, limited: 3, stopped: 4 } as const;

/** Compares two submissions of one organization. Pure: the same submissions give the same diff. */
export function diffSubmissions(
  catalog: Catalog,
  before: ValidSubmission,
  after: ValidSubmission,
  options: { readonly asOf?: string } = {},
): Diff {
  const { compared, leftOut } = leftOutControls(catalog, [before, after]);
  const scorer = createRowScorer(catalog, compared);
  const oldScores = scorer(before.statuses, before.assessed, before.flags, before.parties);
  const newScores = scorer(after.statuses, after.assessed, after.flags, after.parties);
  const [was, now] = [replayInputOf(before), replayInputOf(after)];
  const { controls, summary } = controlChanges(catalog, before, after, compared);
  return {
    format: DIFF_FORMAT,
    catalog: { id: catalog.meta.id, version: catalog.meta.version, digest: catalog.digest },
    as_of: options.asOf ?? null,
    old: side(catalog, before, oldScores, scorer, compared),
    new: side(catalog, after, newScores, scorer, compared),
    same_organization: sameOrganization(before, after),
    reversed: before.assessmentDate > after.assessmentDate,
    summary,
    overall: scoreChange("overall", "All compared controls", oldScores, newScores, -1),
    lessons: catalog.lessons.map((l, i) => scoreChange(l.id, l.title, oldScores, newScores, i)),
    controls,
    incidents: catalog.incidents.map((incident, i) =>
      replayChange(incident, oldScores, newScores, i, {
        catalog,
        changed: compared,
        before,
        after,
        was,
        now,
        conditions: replayConditions(catalog, i),
      }),
    ),
    left_out: leftOut.map((l) => ({ control_id: l.control_id, explanation: l.explanation })),
  };
}

/** Every control whose standing changed between the two submissions, in report order, and the tally per kind. */
function controlChanges(
  catalog: Catalog,
  before: ValidSubmission,
  after: ValidSubmission,
  compared: ReadonlySet<string>,
): { controls: ControlChange[]; summary: Diff["summary"] } {
  const between = changesBetween(catalog, before.catalogVersion, after.catalogVersion);
  const controls: ControlChange[] = [];
  const summary = Object.fromEntries([...KIND_ORDER, "unchanged"].map((k) => [k, 0])) as Diff["summary"];
  catalog.controls.forEach((control, i) => {
    const oldStatus = statusOfLetter(before.statuses.charAt(i));
    const newStatus = statusOfLetter(after.statuses.charAt(i));
    const inOld = between.get(control.id);
    // Missing from both versions: neither side answered it, so there is nothing to compare.
    if (!compared.has(control.id) && !inOld) return;
    let change: ControlChangeKind | "unchanged";
    if (inOld === "added") change = "new";
    else if (inOld === "removed") change = "removed";
    else if (inOld === "changed") change = "not_comparable";
    else change = kindOf(oldStatus, before.assessed.charAt(i), newStatus, after.assessed.charAt(i));
    if (change === "other" && newlyDeclared(control.id, oldStatus, before, after))
      change = "declared_not_applicable";
    summary[change] += 1;
    if (change === "unchanged") return;
    controls.push({
      control_id: control.id,
      title: control.title,
      severity: control.severity,
      change,
      old_status: change === "new" ? null : oldStatus,
      new_status: change === "removed" ? null : newStatus,
      old_assessed_status: change === "new" ? null : statusOfLetter(before.assessed.charAt(i)),
      new_assessed_status: change === "removed" ? null : statusOfLetter(after.assessed.charAt(i)),
    });
  });
  for (const [id, kind] of between) {
    if (kind !== "removed" || catalog.controls.some((c) => c.id === id)) continue;
    summary.removed += 1;
    controls.push({
      control_id: id,
      change: "removed",
      old_status: null,
      new_status: null,
      old_assessed_status: null,
      new_assessed_status: null,
    });
  }
  sortChanges(controls);
  return { controls, summary };
}

function sortChanges(controls: ControlChange[]): void {
  const weight = (c: ControlChange) => (c.severity ? SEVERITY_WEIGHT[c.severity] : 0);
  controls.sort(
    (a, b) =>
      KIND_ORDER.indexOf(a.change) - KIND_ORDER.indexOf(b.change) ||
      weight(b) - weight(a) ||
      (a.control_id < b.control_id ? -1 : 1),
  );
}

/**
 * What the changelog says about each control between two answered versions, seen from the old one:
 * `added` (the new version has it, the old did not), `removed` or `changed`.
 */
function changesBetween(
  catalog: Catalog,
  from: string,
  to: string,
): Map<string, "added" | "removed" | "changed"> {
  const out = new Map<string, "added" | "removed" | "changed">();
  const forward = compareVersions(from, to) <= 0;
  const [low, high] = forward ? [from, to] : [to, from];
  for (const entry of changelogBetween(catalog.meta, low, high)) {
    for (const id of entry.added) out.set(id, forward ? "added" : "removed");
    for (const id of entry.removed) out.set(id, forward ? "removed" : "added");
    for (const id of entry.changed) if (!out.has(id)) out.set(id, "changed");
  }
  return out;
}

/** True when the new submission's own answer took a control out of scope that the old one had in scope. */
function newlyDeclared(
  id: string,
  oldStatus: Status,
  before: ValidSubmission,
  after: ValidSubmission,
): boolean {
  return (
    after.declaredNotApplicable.includes(id) &&
    (oldStatus !== "not_applicable" || !before.declaredNotApplicable.includes(id))
  );
}

function kindOf(
  oldStatus: Status,
  oldAssessed: string,
  newStatus: Status,
  newAssessed: string,
): ControlChangeKind | "unchanged" {
  if (oldStatus === newStatus && oldAssessed === newAssessed) return "unchanged";
  if (oldStatus === "not_applicable" || newStatus === "not_applicable") return "other";
  const before = credit({ status: oldStatus, assessed_status: statusOfLetter(oldAssessed) });
  const after = credit({ status: newStatus, assessed_status: statusOfLetter(newAssessed) });
  if (after > before) return "improved";
  if (after < before) return "regressed";
  return oldStatus === newStatus ? "unchanged" : "other";
}

function side(
  catalog: Catalog,
  s: ValidSubmission,
  scores: RowScores,
  scorer: RowScorer,
  compared: ReadonlySet<string>,
): DiffSide {
  const declared = s.declaredNotApplicable.filter((id) => compared.has(id));
  return {
    file: s.file,
    organization: s.organization,
    sha256: s.sha256,
    assessment_date: s.assessmentDate,
    answered_catalog_version: s.catalogVersion,
    third_parties: s.thirdParties.map((t, i) => ({
      name: t.name,
      role: t.role,
      operates: t.operates,
      answers: t.answers,
      date: t.date,
      sha256: s.partyDigests[i],
    })),
    score: scores.score,
    tier: scores.tier,
    tier_name:
      scores.tier === null ? null : (catalog.meta.tiers.find((t) => t.level === scores.tier)?.name ?? null),
    declared_not_applicable: declared,
    score_counting_declared_na:
      declared.length === 0 ? null : scoreCountingDeclared(catalog, s, declared, scorer),
  };
}

/** The score with every declared-N/A control counted as not met, so a reader sees what the declarations are worth. */
function scoreCountingDeclared(
  catalog: Catalog,
  s: ValidSubmission,
  declared: readonly string[],
  scorer: RowScorer,
): number | null {
  const at = new Set(declared.map((id) => catalog.controls.findIndex((c) => c.id === id)));
  const notMet = (letters: string) =>
    [...letters].map((letter, i) => (at.has(i) ? STATUS_LETTER.not_met : letter)).join("");
  return scorer(notMet(s.statuses), notMet(s.assessed), s.flags, s.parties).score;
}

function sameOrganization(a: ValidSubmission, b: ValidSubmission): boolean {
  const ra = a.organization.registration;
  const rb = b.organization.registration;
  if (ra && rb) return normalizeName(ra) === normalizeName(rb);
  return normalizeName(a.organization.name) === normalizeName(b.organization.name);
}

function scoreChange(id: string, title: string, a: RowScores, b: RowScores, lesson: number): ScoreChange {
  const before = lesson < 0 ? a.score : (a.lessons[lesson] ?? null);
  const after = lesson < 0 ? b.score : (b.lessons[lesson] ?? null);
  return {
    id,
    title,
    old: before,
    new: after,
    delta: before === null || after === null ? null : Math.round((after - before) * 10) / 10,
    old_tier: lesson < 0 ? a.tier : (a.lessonTiers[lesson] ?? null),
    new_tier: lesson < 0 ? b.tier : (b.lessonTiers[lesson] ?? null),
  };
}

/** The flag positions an incident's replay reads. */
function replayConditions(catalog: Catalog, i: number): number[] {
  const plan = compileCatalog(catalog).plan;
  const read = new Set<number>();
  const applies = plan.incidentApplies[i];
  if (applies !== undefined) read.add(applies);
  for (const step of plan.chains[i] ?? [])
    for (const cm of step) if (cm.condition !== undefined) read.add(cm.condition);
  return [...read];
}

function replayChange(
  incident: Catalog["incidents"][number],
  a: RowScores,
  b: RowScores,
  i: number,
  why: {
    catalog: Catalog;
    changed: ReadonlySet<string>;
    before: ValidSubmission;
    after: ValidSubmission;
    /** The two sides as the replay reads them. */
    was: ReplayInput;
    now: ReplayInput;
    conditions: readonly number[];
  },
): ReplayChange {
  // The reason is the countermeasures whose state moved the way the verdict moved, and of those only the controls
  // whose status moved: a control that regressed is never the reason an attack is now stopped.
  const { was, now } = why;
  const plan = compileCatalog(why.catalog).plan;
  const moved = { better: new Set<string>(), worse: new Set<string>() };
  for (const step of plan.chains[i] ?? [])
    for (const cm of step) {
      const delta = STATE_RANK[countermeasureState(cm, now)] - STATE_RANK[countermeasureState(cm, was)];
      if (delta === 0) continue;
      for (const p of cm.positions) {
        const id = (why.catalog.controls[p] as { id: string }).id;
        if (why.changed.has(id) && was.status[p] !== now.status[p])
          moved[delta > 0 ? "better" : "worse"].add(id);
      }
    }
  const profile_changed = why.conditions.some(
    (c) => why.before.flags.charAt(c) !== why.after.flags.charAt(c),
  );
  const before = verdictOfLetter(a.incidents.charAt(i));
  const after = verdictOfLetter(b.incidents.charAt(i));
  let change: ReplayChange["change"] = "same";
  if (before !== after && before !== "not_applicable" && after !== "not_applicable")
    change = VERDICT_RANK[after] > VERDICT_RANK[before] ? "better" : "worse";
  const changed_controls = change === "same" ? [] : [...moved[change]].sort();
  return {
    incident_id: incident.id,
    name: incident.name,
    old_verdict: before,
    new_verdict: after,
    change,
    changed_controls,
    profile_changed,
  };
}

/** How much a countermeasure's state stands in an attack's way, for telling the direction it moved in. */
const STATE_RANK: Readonly<Record<ReturnType<typeof countermeasureState>, number>> = {
  in_place: 2,
  partial: 1,
  absent: 0,
  not_applicable: 0,
  profile_unanswered: 0,
  party_unanswered: 0,
};

/** A submission as the replay reads it: statuses (accepted risks on their answers) and profile flags. */
function replayInputOf(v: ValidSubmission): ReplayInput {
  return {
    status: replayStatuses(codes(v.statuses), codes(v.assessed)),
    flags: v.flags,
    parties: partyCodes(v.parties),
  };
}
