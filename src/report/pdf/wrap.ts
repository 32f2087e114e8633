// Line breaking done once per text, in time linear in its length: words, Japanese characters with kinsoku rules, over-long tokens.
// Why not pdfkit's wrapper: it runs a Unicode line breaker and an event emitter per call and wraps
// again to draw what it measured; breaking once and drawing the lines is several times cheaper.

/** Width of a string in the current style, in points. */
export type Measure = (text: string) => number;

const CJK = "\u2e80-\u2fff\u3001-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff9f";
// Characters that must not start a line (closing brackets, punctuation, small kana, prolonged sound mark).
const CLOSE =
  "\u3001\u3002\uff0c\uff0e\u30fb\uff1a\uff1b\uff01\uff1f\uff09\u300d\u300f\u3011\u3015\u3009\u300b" +
  "\u30fc\u3005\u309d\u309e\u3041\u3043\u3045\u3047\u3049\u3063\u3083\u3085\u3087\u308e" +
  "\u30a1\u30a3\u30a5\u30a7\u30a9\u30c3\u30e3\u30e5\u30e7\u30ee\u30f5\u30f6";
// Characters that must not end a line (opening brackets).
const OPEN = "\uff08\u300c\u300e\u3010\u3014\u3008\u300a";
// Only ever used through matchAll, which works on a copy, so its lastIndex is never shared.
const TOKEN = new RegExp(
  `[${OPEN}]*[${CJK}][${CLOSE}]*\\s*|[${OPEN}]*[^\\s${CJK}${OPEN}]+[${CLOSE}]*\\s*|[${OPEN}]+|\\s+`,
  "gu",
);

// Work per character is bounded: a token wider than a line is measured one code point at a time
// (each width remembered by the faces), and only the pieces that become lines are measured whole.
// Measuring every prefix of the rest instead made an unbroken 30,000-character name take a minute.

/** The most code units on one line, so no line (of zero-width marks, say) is measured at any length. */
export const MAX_LINE_UNITS = 1024;

/** Tokens longer than this (in code units) are cut piece by piece without measuring them whole. */
const LONG_TOKEN = 256;

/**
 * Breaks text into lines no wider than `width`. Newlines in the text are kept as line breaks. With
 * `maxLines`, stops once more than that many lines are made (the caller then knows the text is cut).
 */
export function wrapLines(
  text: string,
  width: number,
  measure: Measure,
  maxLines = Number.POSITIVE_INFINITY,
): string[] {
  const lines: string[] = [];
  const space = measure(" ");
  for (const paragraph of text.split("\n")) {
    if (lines.length > maxLines) break;
    if (paragraph.length <= LONG_TOKEN && measure(paragraph) <= width) lines.push(paragraph.trimEnd());
    else wrapParagraph(paragraph, { width, measure, space, maxLines }, lines);
  }
  return lines;
}

interface Wrap {
  readonly width: number;
  readonly measure: Measure;
  readonly space: number;
  readonly maxLines: number;
}

function wrapParagraph(paragraph: string, wrap: Wrap, lines: string[]): void {
  const { width, measure, space } = wrap;
  let line = "";
  let used = 0;
  for (const match of paragraph.matchAll(TOKEN)) {
    if (lines.length > wrap.maxLines) return;
    const token = match[0];
    const bare = token.trimEnd();
    if (line === "" && bare === "" && lines.length > 0) continue;
    const long = bare.length > LONG_TOKEN;
    // Measure the token with its trailing space, as pdfkit lays words out when drawing, so that its
    // per-word shaping cache serves both; the space is then taken off for the fit test.
    const tokenWidth = long ? Number.POSITIVE_INFINITY : measure(token);
    const bareWidth = bare === token ? tokenWidth : tokenWidth - space * (token.length - bare.length);
    if (line !== "" && used + bareWidth > width) {
      lines.push(line.trimEnd());
      line = "";
      used = 0;
    }
    if (line === "" && bareWidth > width) {
      // A token wider than a whole line (a URL, a digest): cut it, preferring after "/" or "-".
      line = cutToken(token, bare.length, wrap, lines);
      used = measure(line);
      continue;
    }
    line += token;
    used += tokenWidth;
  }
  if (line.trimEnd() !== "" || lines.length === 0) lines.push(line.trimEnd());
}

/** Cuts the first `bare` code units of a token into full lines; returns the rest, which fits a line. */
function cutToken(token: string, bare: number, wrap: Wrap, lines: string[]): string {
  const { width, measure } = wrap;
  let start = 0;
  while (lines.length <= wrap.maxLines) {
    const end = fitEnd(token, start, bare, width, measure);
    const fits = (e: number) => measure(token.slice(start, e)) <= width;
    if (end >= bare && fits(bare)) return token.slice(start);
    const settled = settle(token, start, Math.min(end, bare), fits);
    const cut = Math.max(settled, nextBoundary(token, start));
    const prefix = token.slice(start, cut);
    const soft = Math.max(prefix.lastIndexOf("/"), prefix.lastIndexOf("-"));
    const taken = soft > prefix.length / 2 ? soft + 1 : prefix.length;
    lines.push(prefix.slice(0, taken).trimEnd());
    start += taken;
  }
  return "";
}

/**
 * Index after the last code point from `start` whose summed widths fit `width` (at least one code
 * point, at most `MAX_LINE_UNITS` code units, never past `limit`). One remembered measure per code point.
 */
function fitEnd(text: string, start: number, limit: number, width: number, measure: Measure): number {
  let used = 0;
  let i = start;
  while (i < limit && i - start < MAX_LINE_UNITS) {
    const next = nextBoundary(text, i);
    const w = measure(text.slice(i, next));
    if (i > start && used + w > width) break;
    used += w;
    i = next;
  }
  return i;
}

/**
 * The summed widths leave out kerning, so the real width of `text[start, end)` settles the cut: `end`
 * when it fits, else the longest fitting prefix by bisection (each step measures one line, not the rest).
 */
function settle(text: string, start: number, end: number, fits: (end: number) => boolean): number {
  if (fits(end)) return end;
  let low = start;
  let high = end;
  while (high - low > 1) {
    const mid = boundaryAt(text, (low + high) >> 1);
    if (mid <= low) break;
    if (fits(mid)) low = mid;
    else high = mid;
  }
  return low;
}

/** The index after the code point at `i` (a surrogate pair is one code point). */
function nextBoundary(text: string, i: number): number {
  return (text.codePointAt(i) ?? 0) > 0xffff ? i + 2 : i + 1;
}

/** `i`, moved back off the middle of a surrogate pair. */
function boundaryAt(text: string, i: number): number {
  const unit = text.charCodeAt(i);
  return unit >= 0xdc00 && unit <= 0xdfff && i > 0 ? i - 1 : i;
}

/** Shortens a line until it fits with an ellipsis appended. */
export function ellipsize(line: string, width: number, measure: Measure): string {
  const text = line.trimEnd();
  const room = width - measure("…");
  const fits = (e: number) => measure(`${text.slice(0, e)}…`) <= width;
  const end = room <= 0 ? 0 : settle(text, 0, fitEnd(text, 0, text.length, room, measure), fits);
  return `${text.slice(0, end).trimEnd()}…`;
}
