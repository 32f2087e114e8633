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
  /** Compared control id → status after exceptions. */
  readonly statuses: ReadonlyMap<string, Status>;
  /** Compared control id → status decided by the answers alone. */
  readonly assessed: ReadonlyMap<string, Status>;
  readonly scores: RowScores;
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

/** Shares per status of one control, its sector norm and the organizations that stand out from it. */
export function controlStats(
  control: Control,
  rows: readonly ScoredRow[],
  normThreshold: number,
): ControlStats {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  for (const row of rows) counts[row.statuses.get(control.id)!] += 1;
  const inScope = rows.length - counts.not_applicable;
  const top = STATUSES.filter((s) => s !== "not_applicable").reduce((a, b) =>
    counts[b] > counts[a] ? b : a,
  );
  const norm = inScope >= MIN_FOR_NORM && (100 * counts[top]) / inScope >= normThreshold ? top : null;
  const laggards: string[] = [];
  const leaders: string[] = [];
  if (norm !== null) {
    const normCredit = credit({ status: norm, assessed_status: norm });
    for (const row of rows) {
      const status = row.statuses.get(control.id)!;
      if (status === "not_applicable") continue;
      const own = credit({ status, assessed_status: row.assessed.get(control.id)! });
      if (own < normCredit) laggards.push(row.label);
      else if (own > normCredit) leaders.push(row.label);
    }
  }
  return {
    control_id: control.id,
    title: control.title,
    severity: control.severity,
    level: control.level,
    lessons: control.lessons,
    counts,
    shares: Object.fromEntries(STATUSES.map((s) => [s, percent(counts[s], rows.length)])) as Record<
      Status,
      number
    >,
    norm,
    laggards: laggards.sort(),
    leaders: leaders.sort(),
  };
}

/** Distribution of one lesson's scores, with the organizations below Tukey's lower fence. */
export function lessonStats(lesson: Lesson, index: number, rows: readonly ScoredRow[]): LessonStats {
  const scored = rows
    .map((row) => ({ label: row.label, score: row.scores.lessons[index] ?? null }))
    .filter((x): x is { label: string; score: number } => x.score !== null);
  const values = scored.map((x) => x.score).sort((a, b) => a - b);
  if (values.length === 0) {
    return {
      lesson_id: lesson.id,
      title: lesson.title,
      n: 0,
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
