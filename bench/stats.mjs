// Timing helpers shared by the bench cases: warm-up, samples, median/min/max, whole-process timing.
import { execFileSync } from "node:child_process";

/** Times `fn` `samples` times after `warmup` calls; returns { median_ms, min_ms, max_ms }. */
export async function time(fn, { warmup = 3, samples = 15 } = {}) {
  for (let i = 0; i < warmup; i++) await fn();
  const ms = [];
  for (let i = 0; i < samples; i++) {
    const start = process.hrtime.bigint();
    await fn();
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return summarize(ms);
}

/** Median, min and max of a list of milliseconds. */
export function summarize(ms) {
  const sorted = [...ms].sort((a, b) => a - b);
  return { median_ms: sorted[Math.floor(sorted.length / 2)], min_ms: sorted[0], max_ms: sorted.at(-1) };
}

/** Wall time of whole processes (`runs` counted after one warm-up). */
export function timeProcess(command, args, { runs = 10 } = {}) {
  const ms = [];
  for (let i = 0; i <= runs; i++) {
    const start = process.hrtime.bigint();
    execFileSync(command, args, { stdio: "ignore" });
    if (i > 0) ms.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return summarize(ms);
}

/** A seeded PRNG (mulberry32), so synthetic data is the same on every run. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
