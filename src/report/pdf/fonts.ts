// The embedded fonts (Noto Sans JP, so Japanese renders as text) and a guard against glyphs they lack.
import { createRequire } from "node:module";

/** Font sources for one document: file paths of TrueType fonts, or a standard PDF font name. */
export interface FontSet {
  readonly regular: string;
  readonly bold: string;
  /** For digests and identifiers: ASCII only, so a standard font is enough. */
  readonly mono: string;
}

/**
 * Resolves the shipped fonts: Noto Sans JP Regular and Bold (static TTF, SIL OFL) from npm.
 * TTF, not WOFF: pdfkit subsets TTF glyphs cheaply, while WOFF/WOFF2 are slow or broken.
 */
export function defaultFonts(): FontSet {
  const require = createRequire(import.meta.url);
  return {
    regular: require.resolve("@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf"),
    bold: require.resolve("@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf"),
    mono: "Courier",
  };
}

/** Checks whether the embedded font has a glyph for a code point. */
export type HasGlyph = (codePoint: number) => boolean;

const REPLACEMENT = "?";
// Emoji variation selectors and joiners have no glyph of their own; dropping them keeps text clean.
const INVISIBLE = /[\u200d\ufe0e\ufe0f]/gu;

/**
 * Returns a function that replaces characters the font cannot draw (emoji, Hangul, ₿ …) with "?",
 * so a reader never sees an empty box. Results are remembered per string for this document only.
 */
export function glyphGuard(hasGlyph: HasGlyph): (text: string) => string {
  const seen = new Map<string, string>();
  return (text) => {
    // Printable ASCII is always covered; only strings with something else are scanned and remembered.
    if (!/[^\x20-\x7e\n]/.test(text)) return text;
    const known = seen.get(text);
    if (known !== undefined) return known;
    let safe = "";
    for (const ch of text.replace(INVISIBLE, "")) {
      const cp = ch.codePointAt(0)!;
      // A tab has no glyph in any font: it reads as the space it stands for, not as a "?".
      safe += cp === 9 ? " " : cp === 10 || hasGlyph(cp) ? ch : REPLACEMENT;
    }
    seen.set(text, safe);
    return safe;
  };
}
