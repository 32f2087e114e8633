// The PDF's colours: severity and status on hues of their own, so no two meanings share a hue, and every colour
// drawn as text or behind white text reads at WCAG AA contrast.
import { describe, expect, it } from "vitest";
import {
  COVERAGE_COLOR,
  INCIDENT_COLOR,
  SEVERITY_COLOR,
  STATUS_COLOR,
  STEP_COLOR,
} from "../src/report/pdf/styles.js";

const rgb = (hex: string) =>
  [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
const luminance = (hex: string) => {
  const [r, g, b] = rgb(hex).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [
    number,
    number,
    number,
  ];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};
/** Hue in degrees, or null for a grey (too little saturation to carry a hue). */
const hue = (hex: string): number | null => {
  const [r, g, b] = rgb(hex);
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max - min < 0.12) return null;
  const d = max - min;
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (h * 60 + 360) % 360;
};
const hueDistance = (a: number, b: number) => Math.min(Math.abs(a - b), 360 - Math.abs(a - b));

describe("the PDF palette", () => {
  it("puts severity on one hue that no status, verdict or coverage colour uses", () => {
    const severity = Object.values(SEVERITY_COLOR).map(hue);
    expect(severity.every((h) => h !== null)).toBe(true);
    const meanings = [STATUS_COLOR, STEP_COLOR, INCIDENT_COLOR, COVERAGE_COLOR].flatMap((m) =>
      Object.values(m),
    );
    for (const color of meanings) {
      const h = hue(color);
      if (h === null) continue;
      for (const s of severity)
        expect(hueDistance(h, s as number), `${color} against severity`).toBeGreaterThan(15);
    }
  });

  it("gives each status a hue of its own (greys excepted)", () => {
    const hues = Object.entries(STATUS_COLOR).flatMap(([status, color]) => {
      const h = hue(color);
      return h === null ? [] : [[status, h] as const];
    });
    for (const [a, ha] of hues)
      for (const [b, hb] of hues) if (a < b) expect(hueDistance(ha, hb), `${a} and ${b}`).toBeGreaterThan(15);
  });

  it("reads at WCAG AA: status text on white, white text on severity badges", () => {
    for (const [status, color] of Object.entries(STATUS_COLOR))
      expect(contrast(color, "#ffffff"), status).toBeGreaterThanOrEqual(4.5);
    for (const [severity, color] of Object.entries(SEVERITY_COLOR))
      expect(contrast("#ffffff", color), severity).toBeGreaterThanOrEqual(4.5);
  });
});
