// Scores one organization's row over the compared controls, reusing the engine's roll-up and replay rules.
import { replayIncidents } from "../engine/replay.js";
import { rollup } from "../engine/scoring.js";
import type { Catalog } from "../model/catalog.js";
import type { ControlResult } from "../model/result.js";
import { STEP_LETTER, statusOfLetter, VERDICT_LETTER } from "./letters.js";

/** The compact scores of one row: cheap to copy between threads and to keep for every organization. */
export interface RowScores {
  /** Severity-weighted score over the compared controls; null when none applies. */
  readonly score: number | null;
  /** Lowest tier reached across lessons; null when no lesson applies. */
  readonly tier: number | null;
  /** Score per lesson, in catalog order. */
  readonly lessons: readonly (number | null)[];
  /** Tier per lesson, in catalog order. */
  readonly lessonTiers: readonly (number | null)[];
  /** One `VERDICT_LETTER` per incident, in catalog order. */
  readonly incidents: string;
  /** One `STEP_LETTER` per attack step, incident after incident, in catalog order. */
  readonly steps: string;
}

/** Scores rows over one set of compared controls. */
export interface RowScorer {
  /** Scores a row of evaluated results covering every catalog control, in catalog order. */
  fromResults(results: readonly ControlResult[]): RowScores;
  /** Scores a row of status letters (after exceptions, and as assessed) in the catalog's control order. */
  fromLetters(statuses: string, assessed: string): RowScores;
}

/**
 * Prepares scoring over the compared controls. Controls left out behave as if the catalog did not have them,
 * so a lesson or an attack step is judged only on what every submission could answer.
 */
export function createRowScorer(catalog: Catalog, compared: ReadonlySet<string>): RowScorer {
  const positions = catalog.controls.flatMap((c, i) => (compared.has(c.id) ? [i] : []));
  const all = positions.length === catalog.controls.length;
  const kept = positions.map((i) => catalog.controls[i]!);
  const view: Catalog = { ...catalog, controls: kept };
  // Lesson membership as index lists, so each row is grouped without searching.
  const members = catalog.lessons.map((lesson) =>
    kept.flatMap((control, k) => (control.lessons.includes(lesson.id) ? [k] : [])),
  );
  const score = (results: readonly ControlResult[]): RowScores => {
    const lessons = catalog.lessons.map((lesson, l) =>
      rollup(
        lesson.id,
        lesson.title,
        members[l]!.map((k) => results[k]!),
      ),
    );
    // As in evaluate(): the overall tier is the lowest tier reached across lessons.
    const tiers = lessons.map((l) => l.tier).filter((t): t is number => t !== null);
    const replay = replayIncidents(view, results);
    return {
      score: rollup("overall", "All controls", results).score,
      tier: tiers.length > 0 ? Math.min(...tiers) : null,
      lessons: lessons.map((l) => l.score),
      lessonTiers: lessons.map((l) => l.tier),
      incidents: replay.map((r) => VERDICT_LETTER[r.verdict]).join(""),
      steps: replay.map((r) => r.steps.map((s) => STEP_LETTER[s.verdict]).join("")).join(""),
    };
  };
  return {
    fromResults: (results) => score(all ? results : positions.map((i) => results[i]!)),
    fromLetters: (statuses, assessed) =>
      score(
        kept.map((control, k) => {
          const incidents = Object.keys(control.blocks).sort();
          return {
            control_id: control.id,
            title: control.title,
            severity: control.severity,
            level: control.level,
            status: statusOfLetter(statuses.charAt(positions[k]!)),
            assessed_status: statusOfLetter(assessed.charAt(positions[k]!)),
            checks: [],
            unanswered_questions: [],
            evidence: [],
            lessons: control.lessons,
            incidents,
            blocks: incidents.flatMap((incident) =>
              (control.blocks[incident] ?? []).map((step) => ({ incident, step })),
            ),
            frameworks: control.frameworks,
            risk: 0,
          };
        }),
      ),
  };
}
