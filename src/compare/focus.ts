// One organization against its peers: percentile per lesson, incident verdicts and the controls where it lags.

import type { Catalog } from "../model/catalog.js";
import type { ControlStats, Focus, FocusScore } from "../model/comparison.js";
import { VERDICT_LETTER, verdictOfLetter } from "./letters.js";
import { comparableOn, percent, quantile, round1, type ScoredRow } from "./stats.js";

/** Percent of peer scores below `score`, ties counting half (the usual percentile rank); null without data. */
export function percentileRank(score: number | null, peers: readonly number[]): number | null {
  if (score === null || peers.length === 0) return null;
  const below = peers.filter((p) => p < score).length;
  const equal = peers.filter((p) => p === score).length;
  return round1((100 * (below + equal / 2)) / peers.length);
}

/** What the focus comparison needs besides the rows: the peer minimum, and the compared controls per lesson. */
export interface FocusContext {
  /** Fewer peers in scope than this and a peer figure is withheld. */
  readonly minPeers: number;
  /** The controls compared for some organization, in catalog order. */
  readonly controls: readonly string[];
  /** Per lesson (catalog order), its controls among `controls`. */
  readonly lessonControls: readonly (readonly string[])[];
  /** The focus organization's answered catalog version, for the reason a standing is withheld. */
  readonly version: string;
}

/** Why a peer figure over `n` peers in scope is withheld, or null when it may be shown. */
export function withheldFor(n: number, minPeers: number): string | null {
  if (n === 0) return "no peer in scope";
  if (n >= minPeers) return null;
  return `withheld: ${n} ${n === 1 ? "peer" : "peers"} in scope, fewer than the minimum of ${minPeers}, so a peer could be re-identified`;
}

function standing(
  head: { id: string; title: string; score: number | null },
  focus: ScoredRow,
  peerRows: readonly ScoredRow[],
  scoreOf: (row: ScoredRow) => number | null,
  ids: readonly string[],
  ctx: FocusContext,
): FocusScore {
  // A score over fewer controls is on another basis: compared only with peers scored on the same ones.
  const peers = peerRows
    .filter((p) => comparableOn(p, ids))
    .map(scoreOf)
    .filter((s): s is number => s !== null)
    .sort((a, b) => a - b);
  const lacking = ids.filter((id) => focus.notCompared.has(id)).length;
  const withheld =
    lacking > 0
      ? `your catalog version ${ctx.version} lacks ${lacking} of these controls (or asked them differently), so your score is on another basis than your peers'`
      : withheldFor(peers.length, ctx.minPeers);
  return {
    ...head,
    peers: peers.length,
    peer_median: withheld === null ? round1(quantile(peers, 0.5)) : null,
    percentile: withheld === null ? percentileRank(head.score, peers) : null,
    withheld,
  };
}

/** Compares the focus row with every other row, withholding each peer figure over fewer than `minPeers` peers. */
export function focusOf(
  catalog: Catalog,
  focus: ScoredRow,
  peers: readonly ScoredRow[],
  stats: readonly ControlStats[],
  ctx: FocusContext,
): Focus {
  return {
    label: focus.label,
    min_peers: ctx.minPeers,
    overall: standing(
      { id: "overall", title: "All compared controls", score: focus.scores.score },
      focus,
      peers,
      (p) => p.scores.score,
      ctx.controls,
      ctx,
    ),
    lessons: catalog.lessons.map((lesson, i) =>
      standing(
        { id: lesson.id, title: lesson.title, score: focus.scores.lessons[i] ?? null },
        focus,
        peers,
        (p) => p.scores.lessons[i] ?? null,
        ctx.lessonControls[i] ?? [],
        ctx,
      ),
    ),
    incidents: catalog.incidents.map((incident, i) => focusIncident(incident, i, focus, peers, ctx)),
    lagging_controls: stats
      .filter((s) => s.laggards.includes(focus.label) && s.norm !== null)
      .map((s) => lagging(s, focus, peers, ctx.minPeers))
      // A norm over fewer peers than the minimum would itself say what those few peers answered.
      .filter((l) => l.withheld === null),
  };
}

/** A control where the focus organization is below the norm, with the share of peers in scope that meet it. */
function lagging(
  s: ControlStats,
  focus: ScoredRow,
  peers: readonly ScoredRow[],
  minPeers: number,
): Focus["lagging_controls"][number] {
  // A peer whose version cannot answer the control has no status for it, so it is not in scope.
  const inScope = peers.filter(
    (p) => (p.statuses.get(s.control_id) ?? "not_applicable") !== "not_applicable",
  );
  const met = inScope.filter((p) => p.statuses.get(s.control_id) === "met").length;
  const withheld = withheldFor(inScope.length, minPeers);
  return {
    control_id: s.control_id,
    title: s.title,
    status: focus.statuses.get(s.control_id)!,
    norm: s.norm!,
    peers_in_scope: inScope.length,
    peers_met_share: withheld === null ? percent(met, inScope.length) : null,
    withheld,
  };
}

/** The focus organization's verdict on one incident, and the share of comparable peers in scope that stop it. */
function focusIncident(
  incident: Catalog["incidents"][number],
  i: number,
  focus: ScoredRow,
  peers: readonly ScoredRow[],
  ctx: FocusContext,
): Focus["incidents"][number] {
  const inScope = peers.filter(
    (p) => p.scores.incidents.charAt(i) !== VERDICT_LETTER.not_applicable && !p.notComparable.has(i),
  );
  const stopped = inScope.filter((p) => p.scores.incidents.charAt(i) === VERDICT_LETTER.stopped).length;
  const withheld = withheldFor(inScope.length, ctx.minPeers);
  return {
    incident_id: incident.id,
    name: incident.name,
    verdict: focus.notComparable.has(i)
      ? "not_comparable"
      : verdictOfLetter(focus.scores.incidents.charAt(i)),
    peers_in_scope: inScope.length,
    peers_stopped_share: withheld === null ? percent(stopped, inScope.length) : null,
    withheld,
  };
}
