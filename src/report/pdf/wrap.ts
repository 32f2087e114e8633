// Line breaking done once per text: words, Japanese characters with kinsoku rules, over-long tokens.
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

/** Breaks text into lines no wider than `width`. Newlines in the text are kept as line breaks. */
export function wrapLines(text: string, width: number, measure: Measure): string[] {
  const lines: string[] = [];
  const space = measure(" ");
  for (const paragraph of text.split("\n")) {
    if (measure(paragraph) <= width) {
      lines.push(paragraph.trimEnd());
      continue;
    }
    let line = "";
    let used = 0;
    for (const match of paragraph.matchAll(TOKEN)) {
      const token = match[0];
      const bare = token.trimEnd();
      if (line === "" && bare === "" && lines.length > 0) continue;
      // Measure the token with its trailing space, as pdfkit lays words out when drawing, so that its
      // per-word shaping cache serves both; the space is then taken off for the fit test.
      const tokenWidth = measure(token);
      const bareWidth = bare === token ? tokenWidth : tokenWidth - space * (token.length - bare.length);
      if (line !== "" && used + bareWidth > width) {
        lines.push(line.trimEnd());
        line = "";
        used = 0;
      }
      if (line === "" && bareWidth > width) {
        // A token wider than a whole line (a URL, a digest): cut it, preferring after "/" or "-".
        let rest = token;
        while (measure(rest.trimEnd()) > width) {
          const cut = cutPoint(rest, width, measure);
          lines.push(rest.slice(0, cut).trimEnd());
          rest = rest.slice(cut);
        }
        line = rest;
        used = measure(rest);
        continue;
      }
      line += token;
      used += tokenWidth;
    }
    if (line.trimEnd() !== "" || lines.length === 0) lines.push(line.trimEnd());
  }
  return lines;
}

function cutPoint(token: string, width: number, measure: Measure): number {
  const chars = Array.from(token);
  let low = 1;
  let high = chars.length;
  // The longest prefix (in code points) that fits, by bisection.
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (measure(chars.slice(0, mid).join("")) <= width) low = mid;
    else high = mid - 1;
  }
  const prefix = chars.slice(0, low).join("");
  const soft = Math.max(prefix.lastIndexOf("/"), prefix.lastIndexOf("-"));
  return soft > prefix.length / 2 ? soft + 1 : prefix.length;
}

/** Shortens a line until it fits with an ellipsis appended. */
export function ellipsize(line: string, width: number, measure: Measure): string {
  let chars = Array.from(line.trimEnd());
  while (chars.length > 0 && measure(`${chars.join("")}…`) > width) chars = chars.slice(0, -1);
  return `${chars.join("").trimEnd()}…`;
}
