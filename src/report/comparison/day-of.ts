// The calendar day a comparison document is dated by, from an ISO date or a pseudonymised quarter.

/**
 * The day a document date is drawn from: an ISO date itself, a quarter (`2026-Q2`, a pseudonymised row) its first
 * day, so the document never dates a pseudonymised submission more precisely than its row does.
 */
export function dayOf(date: string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(date);
  if (!quarter) return date;
  return `${quarter[1]}-${String(3 * Number(quarter[2]) - 2).padStart(2, "0")}-01`;
}
