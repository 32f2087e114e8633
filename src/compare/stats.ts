// Sector statistics: status shares and outliers per control, score distributions per lesson.
import { credit, STATUSES } from "../engine/scoring.js";
import type { ControlStats, LessonStats } from "../model/comparison.js";
import type { Control } from "../model/control.js";
import type { Lesson } from "../model/lesson.js";
import type { Status } from "../model/result.js";
import type { RowScores } from "./rows.js";

/** One compared organization, as the statistics see it. */
export interface ScoredRow {
  readonly label: string;
  /** Control id → status after exceptions, for the controls compared for this organization only. */
  readonly statuses: ReadonlyMap<string, Status>;
  /** Control id → status decided by the answers alone, for the same controls. */
  readonly assessed: ReadonlyMap<string, Status>;
  /** Scores over the controls its own catalog version can answer. */
  readonly scores: RowScores;
  /** Controls of the catalog in use its catalog version lacks or asked in an earlier form. */
  readonly notCompared: ReadonlySet<string>;
  /** Positions of the incidents with a countermeasure control in `notCompared`: their verdicts cannot be trusted. */
  readonly notComparable: ReadonlySet<number>;
  /** Compared controls it declared not applicable by its own answer. */
  readonly declared: ReadonlySet<string>;
}

/** True when none of `ids` is left out for the row, so its score over them stands on the same basis as the others'. */
export function comparableOn(row: ScoredRow, ids: readonly string[]): boolean {
  return ids.every((id) => !row.notCompared.has(id));
}

/** Rounds to one decimal, the precision of every published score and share. */
export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Percent of `part` in `whole` (one decimal); 0 when `whole` is 0. */
export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : round1((100 * part) / whole);
}

/** The q-quantile (0–1) of ascending values, linearly interpolated (R type 7, as spreadsheets do). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new Error("quantile of an empty list");
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

/** Fewer exchanges in scope than this cannot set a norm: with three, one answer is a third of the sector. */
export const MIN_FOR_NORM = 5;

/**
 * Shares per status of one control, its sector norm and the organizations that stand out from it, over the
 * organizations whose catalog version could answer it: an unanswerable control is no answer at all.
 */
export function controlStats(
  control: Control,
  allRows: readonly ScoredRow[],
  normThreshold: number,
): ControlStats {
  const rows = allRows.filter((row) => row.statuses.has(control.id));
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  for (const row of rows) counts[row.statuses.get(control.id)!] += 1;
  const inScope = rows.length - counts.not_applicable;
  const top = STATUSES.filter((s) => s !== "not_applicable").reduce((a, b) =>
    counts[b] > counts[a] ? b : a,
  );
  const norm = inScope >= MIN_FOR_NORM && (100 * counts[top]) / inScope >= normThreshold ? top : null;
  return {
    control_id: control.id,
    title: control.title,
    severity: control.severity,
    level: control.level,
    lessons: control.lessons,
    compared: rows.length,
    not_compared: allRows.length - rows.length,
    counts,
    not_applicable_by_answer: rows.filter((row) => row.declared.has(control.id)).length,
    shares: Object.fromEntries(STATUSES.map((s) => [s, percent(counts[s], rows.length)])) as Record<
      Status,
      number
    >,
    norm,
    ...outliers(control.id, rows, norm),
  };
}

/** The organizations in scope below and above a control's norm (none without a norm). */
function outliers(
  id: string,
  rows: readonly ScoredRow[],
  norm: Status | null,
): { laggards: string[]; leaders: string[] } {
  const laggards: string[] = [];
  const leaders: string[] = [];
  if (norm === null) return { laggards, leaders };
  const normCredit = credit({ status: norm, assessed_status: norm });
  for (const row of rows) {
    const status = row.statuses.get(id)!;
    if (status === "not_applicable") continue;
    const own = credit({ status, assessed_status: row.assessed.get(id)! });
    if (own < normCredit) laggards.push(row.label);
    else if (own > normCredit) leaders.push(row.label);
  }
  return { laggards: laggards.sort(), leaders: leaders.sort() };
}

/**
 * Distribution of one lesson's scores, with the organizations below Tukey's lower fence. `controls` are the
 * lesson's compared controls: a row that lacks one of them scored the lesson on fewer controls, so it is left out.
 */
export function lessonStats(
  lesson: Lesson,
  index: number,
  allRows: readonly ScoredRow[],
  controls: readonly string[],
): LessonStats {
  const rows = allRows.filter((row) => comparableOn(row, controls));
  const not_comparable = allRows.length - rows.length;
  const scored = rows
    .map((row) => ({ label: row.label, score: row.scores.lessons[index] ?? null }))
    .filter((x): x is { label: string; score: number } => x.score !== null);
  const values = scored.map((x) => x.score).sort((a, b) => a - b);
  if (values.length === 0) {
    return {
      lesson_id: lesson.id,
      title: lesson.title,
      n: 0,
      not_comparable,
      min: null,
      q1: null,
      median: null,
      q3: null,
      max: null,
      low_outliers: [],
    };
  }
  const q1 = quantile(values, 0.25);
  const q3 = quantile(values, 0.75);
  const fence = q1 - 1.5 * (q3 - q1);
  return {
    lesson_id: lesson.id,
    title: lesson.title,
    n: values.length,
    not_comparable,
    min: values[0]!,
    q1: round1(q1),
    median: round1(quantile(values, 0.5)),
    q3: round1(q3),
    max: values.at(-1)!,
    low_outliers: scored
      .filter((x) => x.score < fence)
      .map((x) => x.label)
      .sort(),
  };
}
