// "Did you mean …": the closest known name to a mistyped one, by an edit distance bounded so it costs little.

/**
 * Longest name "did you mean" compares, in characters. Catalog ids, question ids and choices are far shorter (the
 * longest shipped id has about 30), so a longer key is not a typo of one; comparing it would only cost time, since
 * the distance grows with both lengths and a file may hold thousands of such keys.
 */
export const MAX_SUGGEST_LENGTH = 64;

/**
 * Levenshtein distance between two strings (case-insensitive). With a `limit`, only the band of cells within `limit`
 * of the diagonal is computed, and the answer is `limit + 1` as soon as the distance must exceed it: the work is
 * about `length × (2 × limit + 1)` instead of `length × length`.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  return bounded(a.toLowerCase(), b.toLowerCase(), limit);
}

/** `editDistance` of strings already lower-cased. */
function bounded(s: string, t: string, limit: number): number {
  const over = Math.min(limit, s.length + t.length) + 1;
  if (Math.abs(s.length - t.length) >= over) return over;
  const band = over - 1;
  // Cells outside the band hold `over`: no path through them can come back within the limit.
  let previous = new Float64Array(t.length + 1).fill(over);
  let current = new Float64Array(t.length + 1);
  for (let j = 0; j <= Math.min(t.length, band); j++) previous[j] = j;
  for (let i = 1; i <= s.length; i++) {
    current.fill(over);
    if (i <= band) current[0] = i;
    let rowBest = current[0] as number;
    for (let j = Math.max(1, i - band); j <= Math.min(t.length, i + band); j++) {
      const cost = s.charCodeAt(i - 1) === t.charCodeAt(j - 1) ? 0 : 1;
      const cell = Math.min(current[j - 1]! + 1, previous[j]! + 1, previous[j - 1]! + cost, over);
      current[j] = cell;
      if (cell < rowBest) rowBest = cell;
    }
    if (rowBest >= over) return over;
    [previous, current] = [current, previous];
  }
  return previous[t.length]!;
}

/**
 * The closest candidate within a distance of about a third of the word, or undefined. Words and candidates longer
 * than `MAX_SUGGEST_LENGTH` are not compared.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  if (word.length > MAX_SUGGEST_LENGTH) return undefined;
  const lower = word.toLowerCase();
  const limit = Math.max(2, Math.ceil(word.length / 3));
  let best: string | undefined;
  let bestDistance = limit;
  for (const candidate of candidates) {
    if (candidate.length > MAX_SUGGEST_LENGTH) continue;
    // Bounded by the best so far: a candidate further away cannot win, so its exact distance is not needed.
    const distance = bounded(lower, candidate.toLowerCase(), bestDistance);
    if (distance < bestDistance || (distance === bestDistance && (best === undefined || candidate < best))) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** A hint sentence for a mistyped name, or undefined when nothing is close. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const match = closest(word, candidates);
  return match === undefined ? undefined : `Did you mean \`${match}\`?`;
}
