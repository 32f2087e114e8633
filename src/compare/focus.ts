// One organization against its peers: percentile per lesson, incident verdicts and the controls where it lags.

import type { Catalog } from "../model/catalog.js";
import type { ControlStats, Focus, FocusScore } from "../model/comparison.js";
import { VERDICT_LETTER, verdictOfLetter } from "./letters.js";
import { percent, quantile, round1, type ScoredRow } from "./stats.js";

/** Percent of peer scores below `score`, ties counting half (the usual percentile rank); null without data. */
export function percentileRank(score: number | null, peers: readonly number[]): number | null {
  if (score === null || peers.length === 0) return null;
  const below = peers.filter((p) => p < score).length;
  const equal = peers.filter((p) => p === score).length;
  return round1((100 * (below + equal / 2)) / peers.length);
}

function standing(
  id: string,
  title: string,
  score: number | null,
  peerScores: (number | null)[],
): FocusScore {
  const peers = peerScores.filter((s): s is number => s !== null).sort((a, b) => a - b);
  return {
    id,
    title,
    score,
    peers: peers.length,
    peer_median: peers.length > 0 ? round1(quantile(peers, 0.5)) : null,
    percentile: percentileRank(score, peers),
  };
}

/** Compares the focus row with every other row. */
export function focusOf(
  catalog: Catalog,
  focus: ScoredRow,
  peers: readonly ScoredRow[],
  stats: readonly ControlStats[],
): Focus {
  return {
    label: focus.label,
    overall: standing(
      "overall",
      "All compared controls",
      focus.scores.score,
      peers.map((p) => p.scores.score),
    ),
    lessons: catalog.lessons.map((lesson, i) =>
      standing(
        lesson.id,
        lesson.title,
        focus.scores.lessons[i] ?? null,
        peers.map((p) => p.scores.lessons[i] ?? null),
      ),
    ),
    incidents: catalog.incidents.map((incident, i) => {
      const applicable = peers.filter((p) => p.scores.incidents.charAt(i) !== VERDICT_LETTER.not_applicable);
      const stopped = applicable.filter(
        (p) => p.scores.incidents.charAt(i) === VERDICT_LETTER.stopped,
      ).length;
      return {
        incident_id: incident.id,
        name: incident.name,
        verdict: verdictOfLetter(focus.scores.incidents.charAt(i)),
        peers_stopped_share: applicable.length > 0 ? percent(stopped, applicable.length) : null,
      };
    }),
    lagging_controls: stats
      .filter((s) => s.laggards.includes(focus.label) && s.norm !== null)
      .map((s) => {
        const inScope = peers.filter((p) => p.statuses.get(s.control_id) !== "not_applicable");
        const met = inScope.filter((p) => p.statuses.get(s.control_id) === "met").length;
        return {
          control_id: s.control_id,
          title: s.title,
          status: focus.statuses.get(s.control_id)!,
          norm: s.norm!,
          peers_met_share: percent(met, inScope.length),
        };
      }),
  };
}
