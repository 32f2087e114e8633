// Who is who across submissions: name normalisation, and grouping several submissions of one organization.
import { byCodeUnit } from "../diagnostics/diagnostic.js";
import type { ValidSubmission } from "./submission-types.js";

/** Case-, width-, spacing- and punctuation-insensitive form of a name or registration number. */
export function normalizeName(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

/** The submissions of one organization: the one compared, and those set aside. */
export interface OrganizationGroup {
  readonly kept: ValidSubmission;
  readonly ignored: readonly ValidSubmission[];
  /** Why `kept` was chosen; empty when there was only one submission. */
  readonly reason: string;
}

/**
 * Groups submissions by organization. Two submissions are the same organization when their registrations
 * match, or when their names match and at least one gives no registration (a renamed exchange keeps its
 * registration; two exchanges with one name but different registrations stay apart).
 */
export function groupByOrganization(submissions: readonly ValidSubmission[]): OrganizationGroup[] {
  const sorted = [...submissions].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const groups: ValidSubmission[][] = [];
  const byRegistration = new Map<string, ValidSubmission[]>();
  const byName = new Map<string, ValidSubmission[]>();
  for (const s of sorted.filter((x) => x.organization.registration)) {
    const key = normalizeName(s.organization.registration ?? "");
    const group = byRegistration.get(key) ?? [];
    if (group.length === 0) {
      byRegistration.set(key, group);
      groups.push(group);
    }
    group.push(s);
    const name = normalizeName(s.organization.name);
    if (!byName.has(name)) byName.set(name, group);
  }
  for (const s of sorted.filter((x) => !x.organization.registration)) {
    const name = normalizeName(s.organization.name);
    const group = byName.get(name) ?? [];
    if (group.length === 0) {
      byName.set(name, group);
      groups.push(group);
    }
    group.push(s);
  }
  return groups.map(choose);
}

function choose(group: readonly ValidSubmission[]): OrganizationGroup {
  const ordered = [...group].sort(
    (a, b) => byCodeUnit(a.assessmentDate, b.assessmentDate) || (a.file < b.file ? -1 : 1),
  );
  const kept = ordered.at(-1)!;
  const ignored = ordered.slice(0, -1);
  if (ignored.length === 0) return { kept, ignored, reason: "" };
  const tie = ignored.filter((s) => s.assessmentDate === kept.assessmentDate && s.sha256 !== kept.sha256);
  const reason =
    tie.length > 0
      ? `several different files carry the same assessment date ${kept.assessmentDate}; the last in path order was compared — confirm which one is authoritative`
      : ignored.every((s) => s.sha256 === kept.sha256)
        ? "the files are identical"
        : `it has the latest assessment date (${kept.assessmentDate})`;
  return { kept, ignored, reason };
}
