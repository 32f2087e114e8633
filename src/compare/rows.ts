// Scores one organization's row over the compared controls with the engine's plan, tally and replay rules, run on
// status letters, because the comparison keeps every submission as letters.

import { planCatalog } from "../engine/plan.js";
import { chainVerdicts, replayStatuses } from "../engine/replay.js";
import { STATUS_CODE, STATUSES, tally } from "../engine/scoring.js";
import type { Catalog } from "../model/catalog.js";
import type { ThirdPartyRole } from "../model/third-party.js";
import { STATUS_LETTER, STEP_LETTER, VERDICT_LETTER } from "./letters.js";

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

/**
 * Scores rows of status letters (after exceptions, and as assessed) given in the catalog's control order, with the
 * profile flags of `profileFlags` over the catalog's replay conditions.
 */
export type RowScorer = (
  statuses: string,
  assessed: string,
  flags: string,
  parties?: PartyLetters,
) => RowScores;

/** Per kind of third party, one `STATUS_LETTER` per catalog control: the party's own statuses as the replay reads them. */
export type PartyLetters = Readonly<Partial<Record<ThirdPartyRole, string>>>;

// Status letter → status code, for the engine's tally.
const CODE_OF_LETTER = new Map(STATUSES.map((status) => [STATUS_LETTER[status], STATUS_CODE[status]]));

/** Status codes of a row of status letters; an unknown letter is a bug, so it throws. */
export function codes(letters: string): Uint8Array {
  const out = new Uint8Array(letters.length);
  for (let i = 0; i < letters.length; i++) {
    const code = CODE_OF_LETTER.get(letters[i] as string);
    if (code === undefined) throw new Error(`Unknown status letter ${JSON.stringify(letters[i])}`);
    out[i] = code;
  }
  return out;
}

/**
 * Prepares scoring over the compared controls. Controls left out behave as if the catalog did not have them,
 * so a lesson or an attack step is judged only on what every submission could answer. The plan, the tally and
 * the step and incident verdicts are the engine's own, so a comparison can never disagree with a single report.
 */
export function createRowScorer(catalog: Catalog, compared: ReadonlySet<string>): RowScorer {
  const plan = planCatalog(catalog, (control) => compared.has(control.id));
  return (statuses, assessed, flags, parties = {}) => {
    const input = {
      status: codes(statuses),
      assessed: codes(assessed),
      weights: plan.weights,
      levels: plan.levels,
    };
    const perLesson = plan.lessons.map((members) => tally(members, input));
    const tiers = perLesson.map((l) => l.tier).filter((t): t is number => t !== null);
    const replayStatus = replayStatuses(input.status, input.assessed);
    const partyStatus = partyCodes(parties);
    let incidents = "";
    let steps = "";
    for (let i = 0; i < plan.chains.length; i++) {
      const replay = chainVerdicts(plan, i, { status: replayStatus, flags, parties: partyStatus });
      steps += replay.steps.map((v) => STEP_LETTER[v]).join("");
      incidents += VERDICT_LETTER[replay.verdict];
    }
    return {
      score: tally(plan.all, input).score,
      tier: tiers.length > 0 ? Math.min(...tiers) : null,
      lessons: perLesson.map((l) => l.score),
      lessonTiers: perLesson.map((l) => l.tier),
      incidents,
      steps,
    };
  };
}

/** Per kind of third party, its status letters as the status codes the replay reads. */
export function partyCodes(parties: PartyLetters): Partial<Record<ThirdPartyRole, Uint8Array>> {
  const out: Partial<Record<ThirdPartyRole, Uint8Array>> = {};
  for (const [role, letters] of Object.entries(parties) as [ThirdPartyRole, string][])
    out[role] = codes(letters);
  return out;
}
