// Calendar dates: which strings are real dates, checked against the platform's own calendar.
import { describe, expect, it } from "vitest";
import { isIsoDate } from "../src/model/dates.js";

const viaDate = (value: string) => {
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
};

describe("isIsoDate", () => {
  it("accepts leap days only in leap years, and no 31st in a 30-day month", () => {
    expect(["2024-02-29", "2000-02-29", "2026-12-31", "2026-01-01"].map(isIsoDate)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(
      [
        "2023-02-29",
        "1900-02-29",
        "2026-04-31",
        "2026-13-01",
        "2026-00-10",
        "2026-01-00",
        "2026-1-01",
        " 2026-01-01",
      ].map(isIsoDate),
    ).toEqual([false, false, false, false, false, false, false, false]);
    expect([20260101, null, undefined].map(isIsoDate)).toEqual([false, false, false]);
  });

  it("agrees with the platform's calendar on every day-of-month string of four centuries' edges", () => {
    for (const year of ["1899", "1900", "1999", "2000", "2024", "2100", "2400"])
      for (let month = 0; month <= 13; month++)
        for (let day = 0; day <= 32; day++) {
          const value = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
          expect(isIsoDate(value), value).toBe(viaDate(value));
        }
  });
});
