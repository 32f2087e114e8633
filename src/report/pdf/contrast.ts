// WCAG contrast of two colours, and the ink (dark or white) that reads best on a fill.
import { INK } from "./styles.js";

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of `#rrggbb`, as WCAG 2 defines it. */
export function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => channel(Number.parseInt(hex.slice(i, i + 2), 16)));
  return 0.2126 * (r as number) + 0.7152 * (g as number) + 0.0722 * (b as number);
}

/** WCAG contrast ratio of two `#rrggbb` colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Black, for text on a fill too light for white; darker than the body ink, so mid-tones still reach 4.5:1. */
const BLACK = "#000000";

/** The text colour, of black and white, with the higher contrast on `fill`. */
export function readableInk(fill: string): string {
  return contrastRatio(fill, BLACK) >= contrastRatio(fill, INK.white) ? BLACK : INK.white;
}
