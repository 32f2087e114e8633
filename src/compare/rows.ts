// Scores one organization's row over the compared controls: the engine's score, tier and replay rules, run on
// status letters with indexes prepared once, because the comparison scores every submission.

import { incidentVerdict, stepVerdict } from "../engine/replay.js";
import { SEVERITY_WEIGHT } from "../engine/scoring.js";
import type { Catalog } from "../model/catalog.js";
import { STATUS_LETTER, STEP_LETTER, statusOfLetter, VERDICT_LETTER } from "./letters.js";

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

/** Scores rows of status letters (after exceptions, and as assessed) given in the catalog's control order. */
export type RowScorer = (statuses: string, assessed: string) => RowScores;

const MET = STATUS_LETTER.met;
const PARTIAL = STATUS_LETTER.partially_met;
const NA = STATUS_LETTER.not_applicable;
const ACCEPTED = STATUS_LETTER.risk_accepted;

/**
 * Prepares scoring over the compared controls. Controls left out behave as if the catalog did not have them,
 * so a lesson or an attack step is judged only on what every submission could answer. The rules are those of
 * `rollup()` and `replayIncidents()`; the tests hold the two to the same results.
 */
export function createRowScorer(catalog: Catalog, compared: ReadonlySet<string>): RowScorer {
  const kept = catalog.controls.flatMap((control, position) =>
    compared.has(control.id) ? [{ control, position }] : [],
  );
  const all = kept.map((_, k) => k);
  const lessons = catalog.lessons.map((lesson) =>
    all.filter((k) => kept[k]!.control.lessons.includes(lesson.id)),
  );
  const chains = catalog.incidents.map((incident) =>
    incident.attack_chain.map((step) =>
      all.flatMap((k): { position: number; role: "blocks" | "limits" }[] => {
        const { control, position } = kept[k]!;
        if (control.blocks[incident.id]?.includes(step.id)) return [{ position, role: "blocks" }];
        if (control.limits[incident.id]?.includes(step.id)) return [{ position, role: "limits" }];
        return [];
      }),
    ),
  );
  const weights = kept.map((k) => SEVERITY_WEIGHT[k.control.severity]);
  const levels = kept.map((k) => k.control.level);
  const positions = kept.map((k) => k.position);
  return (statuses, assessed) => {
    // Accepted risk earns what the answers alone earn, as in scoring.credit().
    const credit = (k: number) => {
      const at = positions[k]!;
      const s = statuses[at] === ACCEPTED ? assessed[at] : statuses[at];
      return s === MET ? 1 : s === PARTIAL ? 0.5 : 0;
    };
    const group = (members: readonly number[]) => {
      let total = 0;
      let earned = 0;
      let lowestGap = 4;
      for (const k of members) {
        const status = statuses[positions[k]!];
        if (status === NA) continue;
        total += weights[k]!;
        earned += weights[k]! * credit(k);
        if (status !== MET) lowestGap = Math.min(lowestGap, levels[k]!);
      }
      if (total === 0) return { score: null, tier: null };
      return { score: Math.round((1000 * earned) / total) / 10, tier: Math.min(3, lowestGap - 1) };
    };
    const perLesson = lessons.map(group);
    const tiers = perLesson.map((l) => l.tier).filter((t): t is number => t !== null);
    let incidents = "";
    let steps = "";
    for (const chain of chains) {
      // The engine's own rules decide, so the comparison can never disagree with a single report.
      const verdicts = chain.map((entries) =>
        stepVerdict(entries.map((e) => ({ status: statusOfLetter(statuses[e.position]!), role: e.role }))),
      );
      steps += verdicts.map((v) => STEP_LETTER[v]).join("");
      incidents += VERDICT_LETTER[incidentVerdict(verdicts)];
    }
    return {
      score: group(all).score,
      tier: tiers.length > 0 ? Math.min(...tiers) : null,
      lessons: perLesson.map((l) => l.score),
      lessonTiers: perLesson.map((l) => l.tier),
      incidents,
      steps,
    };
  };
}
