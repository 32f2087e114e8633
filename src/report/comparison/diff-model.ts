// The diff view model: sentences, signs and marks for the Markdown progress report, worded once.
import { createHash } from "node:crypto";
import type { ControlChangeKind, Diff, ReplayChange, ScoreChange } from "../../model/diff.js";
import type { Status } from "../../model/result.js";
import { INCIDENT_LABEL, STATUS_LABEL } from "../labels.js";

const KIND_TITLE: Record<ControlChangeKind, string> = {
  regressed: "Regressed",
  declared_not_applicable: "Newly declared not applicable by the answers (left out of the score)",
  improved: "Improved",
  new: "New in the catalog",
  removed: "Removed from the catalog",
  not_comparable: "Rule changed (not comparable)",
  other: "Other changes (scope or exception)",
};

const num = (v: number | null) => (v === null ? "—" : v.toFixed(1));
const signed = (v: number | null) => (v === null ? "—" : v > 0 ? `+${v.toFixed(1)}` : v.toFixed(1));
/** A status in words, with what an accepted risk rests on. */
const statusLabel = (s: Status | null, assessed: Status | null) =>
  s === null
    ? "—"
    : `${STATUS_LABEL[s].label}${s === "risk_accepted" && assessed ? ` (${STATUS_LABEL[assessed].label.toLowerCase()})` : ""}`;
/** The same led by its mark, for the Markdown. */
const status = (s: Status | null, assessed: Status | null) =>
  s === null ? "—" : `${STATUS_LABEL[s].mark} ${statusLabel(s, assessed)}`;

/** Builds the view model of a diff. Pure: the template only lays this out. */
export function buildDiffModel(d: Diff, inputs: { readonly vaspcheckVersion: string }) {
  return {
    title: `Progress: ${d.new.organization.name}`,
    warnings: [
      d.same_organization
        ? null
        : `These files name different organizations (${d.old.organization.name} and ${d.new.organization.name}); a progress diff is meant for two submissions of one organization.`,
      d.reversed
        ? `The "before" submission (assessed ${d.old.assessment_date}) is newer than the "after" one (assessed ${d.new.assessment_date}): every change below reads backwards.`
        : null,
    ].filter((w): w is string => w !== null),
    catalog: `${d.catalog.id} ${d.catalog.version}`,
    vaspcheck_version: inputs.vaspcheckVersion,
    format: d.format,
    as_of: d.as_of ?? "each submission's own assessment date",
    old: sideView(d.old),
    new: sideView(d.new),
    /** Whether either side declared controls not applicable, so the side table shows the score counting them. */
    declared_na: d.old.score_counting_declared_na !== null || d.new.score_counting_declared_na !== null,
    /** Whether either side names a third party, so the side table shows them. */
    has_parties: d.old.third_parties.length > 0 || d.new.third_parties.length > 0,
    headline: headline(d),
    /** What the figures rest on, in one sentence both renderers print. */
    provenance_note: `Catalog in use: ${d.catalog.id} ${d.catalog.version} · evaluated as of ${d.as_of ?? "each submission's own assessment date"} · vaspcheck ${inputs.vaspcheckVersion} (format ${d.format}). Scores cover the controls both submissions could answer.`,
    /** SHA-256 over both files' digests, the catalog and the as-of date: a changed byte in either changes it. */
    digest: createHash("sha256")
      .update(
        [d.format, d.catalog.digest, d.as_of ?? "own", d.old.sha256, d.new.sha256, ...partyDigests(d)].join(
          "\n",
        ),
      )
      .digest("hex"),
    declared_na_note: declaredNote(d),
    counts: countsView(d.summary),
    lessons: d.lessons.map(scoreView),
    groups: groupsView(d),
    incidents: d.incidents.map(incidentView),
    left_out: d.left_out,
  };
}

/** The SHA-256 of every third party's file either side read, before then after. */
function partyDigests(d: Diff): string[] {
  return [d.old, d.new].flatMap((side) => side.third_parties.flatMap((t) => (t.sha256 ? [t.sha256] : [])));
}

/** Each third party of one side in a phrase: who, whether its own answers were used, and of which date. */
function partiesText(side: Diff["old"]): string {
  if (side.third_parties.length === 0) return "none named";
  const state = { current: "answers of", stale: "stale answers of", missing: "no answers" } as const;
  return side.third_parties
    .map(
      (t) =>
        `${t.name} (${t.answers === "missing" ? state.missing : `${state[t.answers]} ${t.date ?? "—"}`})`,
    )
    .join("; ");
}

function sideView(side: Diff["old"]) {
  return {
    ...side,
    parties: partiesText(side),
    party_digests:
      side.third_parties.flatMap((t) => (t.sha256 ? [`${t.name}: ${t.sha256}`] : [])).join("; ") || "—",
    score: num(side.score),
    tier: tierText(side.tier, side.tier_name),
    score_counting_declared_na: num(side.score_counting_declared_na),
    declared_not_applicable: side.declared_not_applicable.length,
  };
}

/** The warning above the changes when the new submission took in-scope controls out by its own answer. */
function declaredNote(d: Diff): string | null {
  const added = d.controls.filter((c) => c.change === "declared_not_applicable");
  if (added.length === 0) return null;
  const list = added.map((c) => `${c.control_id} (${c.severity ?? "—"})`).join(", ");
  const one = added.length === 1;
  return `${added.length} ${one ? "control" : "controls"} in scope before ${one ? "is" : "are"} now declared not applicable by the answers: ${list}. ${one ? "It leaves" : "They leave"} the score; counting every declared N/A as not met, the new score would be ${num(d.new.score_counting_declared_na)} instead of ${num(d.new.score)}. Check each justification before crediting the change.`;
}

function tierText(level: number | null, name: string | null) {
  return level === null ? "—" : `${level} – ${name ?? ""}`;
}

function scoreView(s: ScoreChange) {
  return {
    title: s.title,
    old: num(s.old),
    new: num(s.new),
    delta: signed(s.delta),
    tiers:
      s.old_tier === s.new_tier ? String(s.old_tier ?? "—") : `${s.old_tier ?? "—"} → ${s.new_tier ?? "—"}`,
  };
}

/** How many controls changed in each way, in the order the report lists them. */
function countsView(counts: Diff["summary"]) {
  return [
    ["Improved", counts.improved],
    ["Regressed", counts.regressed],
    ["Newly declared not applicable", counts.declared_not_applicable],
    ["New in the catalog", counts.new],
    ["Removed from the catalog", counts.removed],
    ["Rule changed (not comparable)", counts.not_comparable],
    ["Other changes", counts.other],
    ["Unchanged", counts.unchanged],
  ].map(([label, count]) => ({ label, count }));
}

/** The changed controls grouped by kind of change; kinds with no control are left out. */
function groupsView(d: Diff) {
  return (Object.keys(KIND_TITLE) as ControlChangeKind[])
    .map((kind) => ({
      title: KIND_TITLE[kind],
      controls: d.controls
        .filter((c) => c.change === kind)
        .map((c) => ({
          id: c.control_id,
          title: c.title ?? "(no longer in the catalog)",
          severity: c.severity ?? "—",
          old: status(c.old_status, c.old_assessed_status),
          new: status(c.new_status, c.new_assessed_status),
          /** Without the mark, for a document whose font draws no emoji. */
          old_label: statusLabel(c.old_status, c.old_assessed_status),
          new_label: statusLabel(c.new_status, c.new_assessed_status),
        })),
    }))
    .filter((g) => g.controls.length > 0);
}

/** How one incident's replay changed, and the answers that moved it. */
function incidentView(i: ReplayChange) {
  return {
    name: i.name,
    because: [
      i.changed_controls.length > 0 ? i.changed_controls.join(", ") : "",
      i.profile_changed ? "scoping answers" : "",
    ]
      .filter(Boolean)
      .join("; "),
    old: INCIDENT_LABEL[i.old_verdict],
    new: INCIDENT_LABEL[i.new_verdict],
    change:
      i.change === "better"
        ? "▲ better"
        : i.change === "worse"
          ? "▼ worse"
          : i.old_verdict === i.new_verdict
            ? "="
            : "scope changed",
  };
}

/** The diff view model. */
export type DiffModel = ReturnType<typeof buildDiffModel>;

function headline(d: Diff): string {
  const parts = [`Score ${num(d.overall.old)} → ${num(d.overall.new)} (${signed(d.overall.delta)})`];
  parts.push(
    d.overall.old_tier === d.overall.new_tier
      ? `tier unchanged at ${d.new.tier ?? "—"}`
      : `tier ${d.old.tier ?? "—"} → ${d.new.tier ?? "—"}`,
  );
  const declared = d.summary.declared_not_applicable;
  parts.push(
    `${d.summary.improved} ${d.summary.improved === 1 ? "control" : "controls"} improved, ${d.summary.regressed} regressed${declared > 0 ? `, ${declared} newly declared not applicable` : ""}`,
  );
  const better = d.incidents.filter((i) => i.change === "better").length;
  const worse = d.incidents.filter((i) => i.change === "worse").length;
  if (better + worse > 0) parts.push(`${better} replayed attacks now fare better, ${worse} worse`);
  return `${parts.join("; ")}.`;
}
