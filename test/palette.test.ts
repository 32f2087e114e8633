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

/** Machado, Oliveira and Fernandes (2009) matrices at full severity, applied to linear RGB. */
const CVD = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
  normal: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
} as const;
const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
/** CIE L*a*b* (D65) of a colour as a reader with `vision` sees it. */
const labAs = (hex: string, vision: keyof typeof CVD) => {
  const rgb = rgb_(hex).map(linear);
  const [r, g, b] = CVD[vision].map((row) =>
    Math.min(
      1,
      Math.max(
        0,
        row.reduce((sum: number, k: number, i: number) => sum + k * (rgb[i] as number), 0),
      ),
    ),
  ) as [number, number, number];
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))] as const;
};
const rgb_ = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255);
/** The closest two colours of a palette (CIE76 ΔE) under each kind of vision. */
const closest = (palette: Record<string, string>) =>
  Object.keys(CVD).flatMap((vision) => {
    const entries = Object.entries(palette);
    return entries.flatMap(([a, ca], i) =>
      entries.slice(i + 1).map(([b, cb]) => {
        const [p, q] = [labAs(ca, vision as keyof typeof CVD), labAs(cb, vision as keyof typeof CVD)];
        return { vision, pair: `${a}/${b}`, delta: Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]) };
      }),
    );
  });

describe("the PDF palette", () => {
  it("keeps every two status colours, and every two verdict colours, apart for colour-blind readers", () => {
    for (const palette of [STATUS_COLOR, INCIDENT_COLOR]) {
      const near = closest(palette).filter((d) => d.delta < 12);
      expect(near.map((d) => `${d.vision}: ${d.pair} ΔE ${d.delta.toFixed(1)}`)).toEqual([]);
    }
  });

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
