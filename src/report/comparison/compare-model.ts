// The comparison view model: every sentence, percentage and mark the Markdown and PDF comparison show, worded once.

import { byCodeUnit } from "../../diagnostics/diagnostic.js";
import { placeOf } from "../../diagnostics/format.js";
import { STATUSES } from "../../engine/scoring.js";
import type {
  CellStatus,
  Comparison,
  ControlStats,
  Exposure,
  FocusScore,
  OrganizationRow,
} from "../../model/comparison.js";
import type { Status } from "../../model/result.js";
import type { DocumentInput } from "../document-view.js";
import { INCIDENT_LABEL, STATUS_DEFINITIONS, STATUS_LABEL } from "../labels.js";
import { comparisonProse } from "./prose.js";
import { comparisonDigest, registerView } from "./register-view.js";

/** The mark and words of a matrix cell whose control the submission's catalog version cannot answer. */
export const NOT_COMPARED = {
  mark: "◌",
  label: "Not compared",
  definition:
    "The submission was made against an older catalog version that lacks the control or asked it differently: it is left out of that control's statistics, and of the exposure to every incident whose countermeasures use it.",
} as const;

/** Marks the label of a row made against an older catalog version, in the matrices. */
export const OLDER_MARK = "†";

/** Label and mark of every matrix cell, the statuses and `not_compared`. */
export function cellLabel(status: CellStatus): { label: string; mark: string } {
  return status === "not_compared" ? NOT_COMPARED : STATUS_LABEL[status];
}

/** An incident verdict in words, `not_comparable` included. */
function verdictLabel(verdict: OrganizationRow["incidents"][string]["verdict"]): string {
  return verdict === "not_comparable"
    ? "Not comparable: your catalog version lacks a control its countermeasures use"
    : INCIDENT_LABEL[verdict];
}

/** A peer figure, or why it is withheld. */
function withheldOr(text: string, withheld: string | null): string {
  return withheld === null ? text : `— (${withheld})`;
}

/** Organizations listed by name in a table cell before the rest are counted ("and 12 more"). */
const LIST_LIMIT = 8;

const num = (value: number | null) => (value === null ? "—" : value.toFixed(1));
const pct = (value: number | null) => (value === null ? "—" : `${value.toFixed(1)}%`);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st. */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${suffix}`;
}

/** Names up to a limit, then a count of the rest. */
export function shortList(names: readonly string[], limit = LIST_LIMIT): string {
  if (names.length <= limit) return names.join(", ");
  return `${names.slice(0, limit).join(", ")} and ${names.length - limit} more`;
}

/** Inputs that make a comparison reproducible. */
export interface ComparisonInputs {
  readonly vaspcheckVersion: string;
  /** Who issues the sector report (`--report-config`): its name, reference, marking and date of issue. */
  readonly document?: DocumentInput;
}

/** Each lesson's short number in the tables ("L1", "L2" …), by lesson id. */
type LessonNumbers = ReadonlyMap<string, string>;

/** Builds the view model of a comparison. Pure: renderers only lay this out. */
export function buildComparisonModel(c: Comparison, inputs: ComparisonInputs) {
  const lessonNumber: LessonNumbers = new Map(c.lessons.map((l, i) => [l.id, `L${i + 1}`]));
  return {
    title: titleOf(c),
    issuer: issuerView(inputs.document),
    provenance: provenanceView(c, inputs),
    register: registerView(c),
    pseudonymisation: c.pseudonymisation.applied
      ? {
          method: c.pseudonymisation.method,
          keyed: c.pseudonymisation.keyed,
          min_peers: c.min_peers,
        }
      : null,
    findings: findings(c),
    declared: declaredView(c),
    shared_parties: sharedPartiesView(c),
    older: olderView(c),
    focus: focusView(c, lessonNumber),
    exposure: [...c.exposure].sort(byExposure).map(exposureView),
    controls: c.control_stats.map(controlView),
    lessons: c.lesson_stats.map((s) => lessonView(s, lessonNumber)),
    lesson_legend: c.lessons.map((l) => ({ number: lessonNumber.get(l.id) ?? "", title: l.title })),
    matrix: matrixView(c, lessonNumber),
    legend: legendView(c),
    ...submissionsView(c),
    prose: comparisonProse(`${c.norm_threshold}%`),
    method: {
      norm_threshold: `${c.norm_threshold}%`,
      statuses: [
        ...STATUSES.map((s) => ({
          id: s as CellStatus,
          mark: STATUS_LABEL[s].mark,
          label: STATUS_LABEL[s].label,
          definition: STATUS_DEFINITIONS[s],
        })),
        {
          id: "not_compared" as CellStatus,
          mark: NOT_COMPARED.mark,
          label: NOT_COMPARED.label,
          definition: NOT_COMPARED.definition,
        },
      ],
    },
  };
}

/** The third parties the exchanges name, most depended on first: one behind several exchanges is a shared weak point. */
function sharedPartiesView(c: Comparison) {
  return c.shared_third_parties.map((p) => ({
    name: p.identifier ? `${p.name} (${p.identifier})` : p.name,
    role: p.role === "wallet_vendor" ? "wallet vendor" : "custodian",
    count: p.organizations.length,
    organizations: p.organizations.join(", "),
    controls: p.controls.join(", "),
  }));
}

/** The status legend of the matrix; `not compared` only when some cell is. */
function legendView(c: Comparison) {
  const legend: { mark: string; label: string }[] = STATUSES.map((s) => ({
    mark: STATUS_LABEL[s].mark,
    label: STATUS_LABEL[s].label,
  }));
  if (c.organizations.some((o) => Object.values(o.controls).includes("not_compared")))
    legend.push({ mark: NOT_COMPARED.mark, label: `${NOT_COMPARED.label} (older catalog version)` });
  return legend;
}

/** Duplicates, invalid submissions, the controls not compared for some and the newer versions. */
function submissionsView(c: Comparison) {
  return {
    duplicates: c.duplicates.map(duplicateView),
    invalid: c.invalid.map(invalidView),
    not_compared: c.not_compared.map((l) => ({
      id: l.control_id,
      reason: l.reason,
      organizations: shortList(l.organizations),
      explanation: l.explanation,
    })),
    newer_versions: c.newer_versions.map((n) => ({
      version: n.version,
      text: `${plural(n.submissions, "submission")} made against ${n.version}, newer than the catalog in use (${c.catalog.version}): compared on the controls ${c.catalog.version} knows; answers to controls it does not know were ignored. Compare with \`--catalog\` pointing at ${n.version} for the full picture.`,
    })),
    warnings: Object.entries(c.summary.warnings).map(([code, count]) => ({ code, count })),
  };
}

/** Per organization that declared controls not applicable by its own answer: how many, and which. */
function declaredView(c: Comparison) {
  const severity = new Map(c.controls.map((x) => [x.id, x.severity]));
  return c.organizations
    .filter((o) => o.declared_not_applicable.length > 0)
    .map((o) => ({
      label: o.label,
      count: o.declared_not_applicable.length,
      critical: o.declared_not_applicable.filter((id) => severity.get(id) === "critical").length,
      controls: o.declared_not_applicable
        .map((id) => (severity.get(id) === "critical" ? `${id} (critical)` : id))
        .join(", "),
    }));
}

/** The organizations whose submission was made against another catalog version, and what that means for each. */
function olderView(c: Comparison) {
  return c.organizations
    .filter((o) => o.catalog_standing !== "current")
    .map((o) => ({
      label: o.label,
      version: o.answered_catalog_version,
      standing: o.catalog_standing,
      not_compared: o.not_compared.length,
      not_comparable: o.not_comparable_incidents.length,
      note: o.version_note ?? "",
    }));
}

function titleOf(c: Comparison): string {
  return c.focus
    ? `Supervisory feedback: ${c.focus.label} against ${plural(c.organizations.length - 1, "peer")}`
    : `Sector comparison: ${plural(c.summary.compared, "exchange")}`;
}

/** What the comparison was made from, and how organizations are named in it. */
function provenanceView(c: Comparison, inputs: ComparisonInputs) {
  return {
    catalog: `${c.catalog.id} ${c.catalog.version}`,
    catalog_sha256: c.catalog.digest,
    digest: comparisonDigest(c),
    format: c.format,
    vaspcheck_version: inputs.vaspcheckVersion,
    as_of: c.as_of ?? "each submission's own assessment date",
    submissions: submissionsLine(c),
    names: c.pseudonymisation.applied
      ? c.focus
        ? `${c.focus.label} by name; every other organization under a pseudonym, with its assessment date as a quarter`
        : "under pseudonyms, with assessment dates as quarters"
      : "by name",
  };
}

/** The focus organization against its peers: standings, incidents and the controls where it lags the norm. */
function focusView(c: Comparison, lessonNumber: LessonNumbers) {
  const focus = c.focus;
  if (!focus) return null;
  return {
    label: focus.label,
    overall: standing(focus.overall),
    lessons: focus.lessons.map((l) => ({
      ...standing(l),
      number: lessonNumber.get(l.id) ?? "",
    })),
    min_peers: focus.min_peers,
    incidents: focus.incidents.map((i) => ({
      name: i.name,
      verdict: verdictLabel(i.verdict),
      peers: withheldOr(pct(i.peers_stopped_share), i.withheld),
    })),
    /** Why nothing is listed as lagging: no norm exists at all, or the organization meets every norm. */
    no_norms: c.control_stats.every((s) => s.norm === null),
    lagging: focus.lagging_controls.map((l) => ({
      id: l.control_id,
      title: l.title,
      status: `${STATUS_LABEL[l.status].mark} ${STATUS_LABEL[l.status].label}`,
      status_label: STATUS_LABEL[l.status].label,
      norm: STATUS_LABEL[l.norm].label,
      peers_met: withheldOr(pct(l.peers_met_share), l.withheld),
    })),
  };
}

function lessonView(s: Comparison["lesson_stats"][number], lessonNumber: LessonNumbers) {
  return {
    number: lessonNumber.get(s.lesson_id) ?? "",
    title: s.title,
    n: s.not_comparable > 0 ? `${s.n} (${s.not_comparable} not comparable)` : String(s.n),
    min: num(s.min),
    q1: num(s.q1),
    median: num(s.median),
    q3: num(s.q3),
    max: num(s.max),
    outliers: s.low_outliers.length > 0 ? shortList(s.low_outliers) : "—",
  };
}

/** One row per organization: its score, tier, lesson scores and a status mark per control. */
function matrixView(c: Comparison, lessonNumber: LessonNumbers) {
  return {
    lesson_columns: c.lessons.map((l) => lessonNumber.get(l.id) ?? ""),
    control_columns: c.controls.map((ctl) => ctl.id),
    rows: c.organizations.map((o) => ({
      label: `${o.focus ? "▶ " : ""}${o.label}${o.not_compared.length > 0 ? ` ${OLDER_MARK}` : ""}`,
      score: num(o.score),
      tier: o.tier === null ? "—" : String(o.tier),
      lessons: c.lessons.map((l) => num(o.lessons[l.id] ?? null)),
      controls: c.controls.map((ctl) => {
        const status = o.controls[ctl.id];
        return status ? cellLabel(status).mark : "";
      }),
    })),
    /** Whether some row is marked as made against an older catalog version. */
    older: c.organizations.some((o) => o.not_compared.length > 0),
    older_mark: OLDER_MARK,
  };
}

function duplicateView(d: Comparison["duplicates"][number]) {
  return {
    organization: d.organization,
    kept: `${d.kept.file} (${d.kept.assessment_date})`,
    ignored: d.ignored
      .map((i) => `${i.file} (${i.assessment_date}${i.identical ? ", identical" : ""})`)
      .join("; "),
    reason: d.reason,
  };
}

function invalidView(s: Comparison["invalid"][number]) {
  return {
    file: s.file,
    organization: s.organization ?? "",
    errors: s.diagnostics.filter((d) => d.severity === "error").length,
    diagnostics: s.diagnostics.map((d) => ({
      where: placeOf(d.file, d.start),
      severity: d.severity,
      code: d.code,
      message: d.message,
    })),
  };
}

/** The comparison view model. Its type is inferred from the builder, the one place its shape is defined. */
export type ComparisonModel = ReturnType<typeof buildComparisonModel>;

function submissionsLine(c: Comparison): string {
  const s = c.summary;
  const parts = [`${plural(s.files, "file")} read`, `${plural(s.compared, "organization")} compared`];
  if (s.invalid > 0) parts.push(`${s.invalid} invalid (listed under Submissions)`);
  if (s.duplicates_ignored > 0) parts.push(`${plural(s.duplicates_ignored, "duplicate")} set aside`);
  if (s.third_party_files > 0)
    parts.push(
      `${plural(s.third_party_files, "answers file of a third party", "answers files of third parties")} read with the submission naming it`,
    );
  return parts.join(", ");
}

/** Orders incidents from the most exposed: most exchanges that would not stop them, then most that would only limit or hinder them. */
function byExposure(a: Exposure, b: Exposure): number {
  const share = (n: number, e: Exposure) => (e.applicable === 0 ? 0 : n / e.applicable);
  // Any verdict but "stopped" means the attack gets through: the fewest exchanges stopping it come first, and among
  // those, the most leaving it fully open.
  return (
    share(a.stopped, a) - share(b.stopped, b) ||
    share(b.not_stopped, b) - share(a.not_stopped, a) ||
    byCodeUnit(a.name, b.name)
  );
}

function findings(c: Comparison): string[] {
  // The attacks most exchanges would let through first; then those they would only hinder.
  const out = c.exposure
    .filter((e) => e.applicable > 0 && e.not_stopped + e.limited + e.detected + e.hindered > 0)
    .sort(byExposure)
    .slice(0, 5)
    .map((e) => e.summary);
  const least = leastMet(c);
  if (least) out.push(least);
  out.push(...declaredCritical(c));
  const older = olderFinding(c);
  if (older) out.push(older);
  return out;
}

/** The controls the most exchanges in scope fall short of, then the lowest share met. */
function leastMet(c: Comparison): string | undefined {
  const short = (s: ControlStats) => inScope(s) - s.counts.met;
  const weakest = c.control_stats
    .filter((s) => short(s) > 0)
    .sort(
      (a, b) => short(b) - short(a) || metShare(a) - metShare(b) || byCodeUnit(a.control_id, b.control_id),
    )
    .slice(0, 5);
  if (weakest.length === 0) return undefined;
  const one = (s: ControlStats) =>
    `${s.control_id} ${s.title} (met by ${s.counts.met} of ${plural(inScope(s), "exchange")} in scope${s.not_compared > 0 ? `; not compared for ${s.not_compared} more` : ""})`;
  return `Controls the most exchanges in scope fall short of: ${weakest.map(one).join("; ")}.`;
}

/** One finding per critical control that an exchange declared not applicable by its own answer. */
function declaredCritical(c: Comparison): string[] {
  return c.control_stats
    .filter((s) => s.severity === "critical" && s.not_applicable_by_answer > 0)
    .map((s) => {
      const who = c.organizations
        .filter((o) => o.declared_not_applicable.includes(s.control_id))
        .map((o) => o.label);
      const n = who.length;
      return `Critical control ${s.control_id} ${s.title} is declared not applicable by ${n === 1 ? "1 exchange in its own answers" : `${n} exchanges in their own answers`} (${shortList(who)}): it is left out of ${n === 1 ? "its score" : "their scores"}, so check the ${n === 1 ? "justification" : "justifications"}.`;
    });
}

/** Which exchanges answered an older catalog version, and what is therefore not compared for them. */
function olderFinding(c: Comparison): string | undefined {
  const older = c.organizations.filter((o) => o.not_compared.length > 0);
  if (older.length === 0) return undefined;
  const byVersion = new Map<string, OrganizationRow[]>();
  for (const o of older)
    byVersion.set(o.answered_catalog_version, [...(byVersion.get(o.answered_catalog_version) ?? []), o]);
  const parts = [...byVersion].map(
    ([version, rows]) =>
      `${version}: ${shortList(rows.map((o) => o.label))} (${plural(rows[0]!.not_compared.length, "control")} not compared)`,
  );
  const n = older.length;
  return (
    `${plural(n, "submission was", "submissions were")} made against an older catalog version than ${c.catalog.version} — ${parts.join("; ")}. ` +
    `The controls added or changed since are not compared for ${n === 1 ? "it" : "them"} only; ${n === 1 ? "it is" : "they are"} left out of those controls' statistics and of the exposure to every incident whose countermeasures use them, and ${n === 1 ? "its score covers" : "their scores cover"} fewer controls than the others'.`
  );
}

function inScope(s: ControlStats): number {
  return STATUSES.filter((x) => x !== "not_applicable").reduce((n, x) => n + s.counts[x], 0);
}

function metShare(s: ControlStats): number {
  const n = inScope(s);
  return n === 0 ? 0 : s.counts.met / n;
}

function standing(s: FocusScore) {
  return {
    title: s.title,
    score: num(s.score),
    median: withheldOr(num(s.peer_median), s.withheld),
    percentile: s.withheld !== null || s.percentile === null ? "—" : ordinal(Math.round(s.percentile)),
    peers: s.peers,
  };
}

function exposureView(e: Exposure) {
  return {
    name: e.name,
    date: e.date,
    summary: e.summary,
    applicable: e.applicable,
    stopped: e.stopped,
    limited: e.limited,
    detected: e.detected,
    hindered: e.hindered,
    not_stopped: e.not_stopped,
    not_applicable: e.not_applicable,
    not_comparable: e.not_comparable,
    weakest: e.weakest_step
      ? `Step ${e.weakest_step.number}: ${e.weakest_step.title} (${e.weakest_step.not_blocked} of ${e.weakest_step.of} not blocked)`
      : "—",
    uncovered: e.uncovered_steps.length > 0,
    steps: e.steps.map((s) => ({
      number: s.number,
      title: s.title,
      blocked: s.blocked,
      limited: s.limited,
      detected: s.detected,
      hindered: s.hindered,
      open: s.open,
      controls:
        s.countermeasures.length === 0
          ? "No control in the catalog prevents it or caps its loss"
          : s.countermeasures.join("; "),
      weakest: e.weakest_step?.step_id === s.step_id,
    })),
  };
}

function controlView(s: ControlStats) {
  const share = (status: Status) => pct(s.shares[status]);
  return {
    id: s.control_id,
    title: s.title,
    severity: s.severity,
    met: share("met"),
    partial: share("partially_met"),
    not_met: share("not_met"),
    not_answered: share("not_answered"),
    risk_accepted: share("risk_accepted"),
    not_applicable: share("not_applicable"),
    declared: s.not_applicable_by_answer > 0 ? String(s.not_applicable_by_answer) : "—",
    compared: s.not_compared > 0 ? `${s.compared} (${s.not_compared} not compared)` : String(s.compared),
    norm: s.norm ? STATUS_LABEL[s.norm].label : "—",
    below: s.laggards.length > 0 ? shortList(s.laggards) : "—",
    above: s.leaders.length > 0 ? shortList(s.leaders) : "—",
  };
}

/** Who issues the sector report and how it is marked; without a configuration, a marking only. */
function issuerView(document: DocumentInput | undefined) {
  const config = document?.config;
  return {
    name: config?.firm?.name ?? null,
    reference: config?.report.number ?? null,
    date: config?.report.date ?? null,
    status: config ? (config.report.status === "final" ? "Final" : "Draft") : null,
    // A sector comparison names exchanges' weaknesses: it is never unmarked.
    marking: config?.report.confidentiality ?? "Confidential: for supervisory use",
  };
}
