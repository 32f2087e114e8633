// The comparison view model: every sentence, percentage and mark the Markdown and PDF comparison show, worded once.
import { byCodeUnit } from "../../diagnostics/diagnostic.js";
import { STATUSES } from "../../engine/scoring.js";
import type { Comparison, ControlStats, Exposure, FocusScore } from "../../model/comparison.js";
import type { Status } from "../../model/result.js";
import { INCIDENT_LABEL, STATUS_DEFINITIONS, STATUS_LABEL } from "../labels.js";

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
}

/** Each lesson's short number in the tables ("L1", "L2" …), by lesson id. */
type LessonNumbers = ReadonlyMap<string, string>;

/** Builds the view model of a comparison. Pure: renderers only lay this out. */
export function buildComparisonModel(c: Comparison, inputs: ComparisonInputs) {
  const lessonNumber: LessonNumbers = new Map(c.lessons.map((l, i) => [l.id, `L${i + 1}`]));
  return {
    title: titleOf(c),
    provenance: provenanceView(c, inputs),
    pseudonymisation: c.pseudonymisation.applied
      ? {
          method: c.pseudonymisation.method,
          keyed: c.pseudonymisation.keyed,
        }
      : null,
    findings: findings(c),
    focus: focusView(c, lessonNumber),
    exposure: [...c.exposure].sort(byExposure).map(exposureView),
    controls: c.control_stats.map(controlView),
    lessons: c.lesson_stats.map((s) => lessonView(s, lessonNumber)),
    lesson_legend: c.lessons.map((l) => ({ number: lessonNumber.get(l.id) ?? "", title: l.title })),
    matrix: matrixView(c, lessonNumber),
    legend: STATUSES.map((s) => ({ mark: STATUS_LABEL[s].mark, label: STATUS_LABEL[s].label })),
    duplicates: c.duplicates.map(duplicateView),
    invalid: c.invalid.map(invalidView),
    left_out: c.left_out.map((l) => ({ id: l.control_id, reason: l.reason, explanation: l.explanation })),
    newer_versions: c.newer_versions.map((n) => ({
      version: n.version,
      text: `${plural(n.submissions, "submission")} made against ${n.version}, newer than the catalog in use (${c.catalog.version}): compared on the controls ${c.catalog.version} knows; answers to controls it does not know were ignored. Compare with \`--catalog\` pointing at ${n.version} for the full picture.`,
    })),
    warnings: Object.entries(c.summary.warnings).map(([code, count]) => ({ code, count })),
    method: {
      norm_threshold: `${c.norm_threshold}%`,
      statuses: STATUSES.map((s) => ({
        mark: STATUS_LABEL[s].mark,
        label: STATUS_LABEL[s].label,
        definition: STATUS_DEFINITIONS[s],
      })),
    },
  };
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
    format: c.format,
    vaspcheck_version: inputs.vaspcheckVersion,
    as_of: c.as_of ?? "each submission's own assessment date",
    submissions: submissionsLine(c),
    names: c.pseudonymisation.applied
      ? c.focus
        ? `${c.focus.label} by name; every other organization under a pseudonym`
        : "under pseudonyms"
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
    lessons: focus.lessons.map((l) => ({ ...standing(l), number: lessonNumber.get(l.id) ?? "" })),
    incidents: focus.incidents.map((i) => ({
      name: i.name,
      verdict: INCIDENT_LABEL[i.verdict],
      peers: pct(i.peers_stopped_share),
    })),
    /** Why nothing is listed as lagging: no norm exists at all, or the organization meets every norm. */
    no_norms: c.control_stats.every((s) => s.norm === null),
    lagging: focus.lagging_controls.map((l) => ({
      id: l.control_id,
      title: l.title,
      status: `${STATUS_LABEL[l.status].mark} ${STATUS_LABEL[l.status].label}`,
      norm: STATUS_LABEL[l.norm].label,
      peers_met: pct(l.peers_met_share),
    })),
  };
}

function lessonView(s: Comparison["lesson_stats"][number], lessonNumber: LessonNumbers) {
  return {
    number: lessonNumber.get(s.lesson_id) ?? "",
    title: s.title,
    n: s.n,
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
      label: o.focus ? `▶ ${o.label}` : o.label,
      score: num(o.score),
      tier: o.tier === null ? "—" : String(o.tier),
      lessons: c.lessons.map((l) => num(o.lessons[l.id] ?? null)),
      controls: c.controls.map((ctl) => {
        const status = o.controls[ctl.id];
        return status ? STATUS_LABEL[status].mark : "";
      }),
    })),
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
      where: `${d.file}:${d.start.line}:${d.start.column}`,
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
  return parts.join(", ");
}

/** Orders incidents from the most exposed: most exchanges that would not stop them, then most that would only limit or hinder them. */
function byExposure(a: Exposure, b: Exposure): number {
  const share = (n: number, e: Exposure) => (e.applicable === 0 ? 0 : n / e.applicable);
  return (
    share(b.not_stopped, b) - share(a.not_stopped, a) ||
    share(b.limited + b.detected + b.hindered, b) - share(a.limited + a.detected + a.hindered, a) ||
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
  // Least met: the controls the most exchanges in scope fall short of, then the lowest share met.
  const short = (s: ControlStats) => inScope(s) - s.counts.met;
  const weakest = c.control_stats
    .filter((s) => short(s) > 0)
    .sort(
      (a, b) => short(b) - short(a) || metShare(a) - metShare(b) || byCodeUnit(a.control_id, b.control_id),
    )
    .slice(0, 5);
  if (weakest.length > 0) {
    out.push(
      `Least met controls: ${weakest.map((s) => `${s.control_id} ${s.title} (met by ${inScope(s) - short(s)} of ${plural(inScope(s), "exchange")} in scope)`).join("; ")}.`,
    );
  }
  if (c.left_out.length > 0) {
    out.push(
      `${plural(c.left_out.length, "control")} left out because not every submission's catalog version has it in this form: ${c.left_out.map((l) => l.control_id).join(", ")}.`,
    );
  }
  return out;
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
    median: num(s.peer_median),
    percentile: s.percentile === null ? "—" : ordinal(Math.round(s.percentile)),
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
    norm: s.norm ? STATUS_LABEL[s.norm].label : "—",
    below: s.laggards.length > 0 ? shortList(s.laggards) : "—",
    above: s.leaders.length > 0 ? shortList(s.leaders) : "—",
  };
}
