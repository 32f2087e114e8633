// What keeps pseudonymised peers from being re-identified: a minimum peer group, and dates coarsened to quarters.

/** The smallest peer group shown under pseudonyms by default: with fewer, a row or a share points at one exchange. */
export const DEFAULT_MIN_PEERS = 5;

/** The quarter of an ISO date (`2026-05-14` → `2026-Q2`), so an assessment date cannot single out an organization. */
export function quarterOf(date: string): string {
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/** Why a pseudonymised comparison with `peers` other organizations is refused, and how to override it. */
export function tooFewPeers(
  peers: number,
  minPeers: number,
  focus: boolean,
): { ok: false; problem: string; hint: string } {
  const what = focus ? "the focus organization has" : "each organization has";
  return {
    ok: false,
    problem:
      `Too few peers to show under pseudonyms: ${what} ${peers} ${peers === 1 ? "peer" : "peers"}, fewer than the minimum peer group of ${minPeers}. ` +
      "With so few, a pseudonymised row or a peer share can be traced back to the exchange it describes (re-identification).",
    hint: `Compare at least ${minPeers + 1} organizations, or lower the minimum with --min-peers N (minPeers in the library) only if every reader may see each peer's answers.`,
  };
}
