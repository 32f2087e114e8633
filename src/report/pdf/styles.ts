// Page geometry, type sizes and the colour of every status, severity and verdict in the PDF report.
import type { Status } from "../../model/result.js";

/** A4 in points, with margins that leave room for the running header and footer. */
export const PAGE = {
  size: "A4",
  width: 595.28,
  height: 841.89,
  margin: { top: 64, bottom: 60, left: 50, right: 50 },
  headerY: 30,
  footerY: 841.89 - 40,
} as const;

/** Font sizes in points. */
export const SIZE = {
  title: 24,
  h1: 17,
  h2: 12.5,
  h3: 10.5,
  body: 9,
  small: 7.5,
  tiny: 6.5,
} as const;

/** Neutral colours of text, rules and fills. */
export const INK = {
  text: "#1f2328",
  muted: "#57606a",
  faint: "#8c959f",
  rule: "#d0d7de",
  zebra: "#f6f8fa",
  headerFill: "#e9eef5",
  accent: "#0b3d91",
  white: "#ffffff",
} as const;

// Loss limited: neither the green of a stopped attack nor the amber of a half-built barrier, nor the blue of
// severity.
const BLUE = "#125a79";
const GREEN = "#1a7f37";
// The status and verdict colours were chosen so that every two of a palette stay at least 12 apart (CIE ΔE) also as
// readers with protanopia, deuteranopia or tritanopia see them (test/palette.test.ts simulates each), and read at
// WCAG AA as text on white. So the amber is an ochre, an accepted risk magenta and "not answered" violet.
const AMBER = "#7b430b";
const RED = "#cf222e";
const GREY = "#667066";

/** Colour of each control status. */
export const STATUS_COLOR: Record<Status, string> = {
  met: GREEN,
  partially_met: AMBER,
  not_met: RED,
  not_answered: "#5b1cca",
  risk_accepted: "#a308a3",
  not_applicable: GREY,
};

/**
 * Colour of each severity: one blue ramp, darkest for the worst. Severity says how much a control matters, status
 * how it stands; a hue of its own keeps "medium" from reading as the amber of "partially met", also for readers who
 * do not tell red from green. White text on each passes WCAG AA.
 */
export const SEVERITY_COLOR: Record<string, string> = {
  critical: "#0a2a5c",
  high: "#1a4b8f",
  medium: "#2f66b0",
  low: "#4a6f9e",
};

/** Colour of each attack-step verdict. */
export const STEP_COLOR: Record<string, string> = {
  blocked: GREEN,
  limited: BLUE,
  detected: "#2831b2",
  hindered: AMBER,
  open: RED,
};

/** Colour of each incident verdict. */
export const INCIDENT_COLOR: Record<string, string> = {
  stopped: GREEN,
  limited: BLUE,
  detected: "#2831b2",
  hindered: AMBER,
  not_stopped: RED,
  not_applicable: GREY,
};

/** Colour of each framework-requirement coverage. */
export const COVERAGE_COLOR: Record<string, string> = {
  covered: GREEN,
  partial: AMBER,
  gap: RED,
  not_applicable: GREY,
  not_mapped: "#afb8c1",
};

/**
 * The colour of a tier: red below the baseline (tier 0), amber at the baseline, green above it, grey without one;
 * the same reading as the score beside it, so no bad figure is drawn in a neutral colour.
 */
export function tierColor(tier: number | null): string {
  if (tier === null) return GREY;
  if (tier >= 2) return GREEN;
  if (tier === 1) return AMBER;
  return RED;
}

/** The bands of `scoreColor`, for the legend of every chart drawn in them. */
export const SCORE_LEGEND: readonly { readonly color: string; readonly label: string }[] = [
  { color: GREEN, label: "80% and above" },
  { color: AMBER, label: "50% to under 80%" },
  { color: RED, label: "under 50%" },
];

/** Colour of a score bar: the same thresholds a reader applies to a percentage at a glance (80, 50). */
export function scoreColor(score: number | null): string {
  if (score === null) return GREY;
  if (score >= 80) return GREEN;
  if (score >= 50) return AMBER;
  return RED;
}
