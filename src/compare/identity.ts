// Who is who across submissions: name normalisation, and grouping several submissions of one organization.
import { byCodeUnit } from "../diagnostics/diagnostic.js";
import { normalizeName } from "../model/names.js";
import type { ValidSubmission } from "./submission-types.js";

export { normalizeName };

/** The submissions of one organization: the one compared, and those set aside. */
export interface OrganizationGroup {
  readonly kept: ValidSubmission;
  readonly ignored: readonly ValidSubmission[];
  /**
   * Why `kept` was chosen: several files share its (latest) date, all files are identical, or it is the latest;
   * null when there was only one submission. Worded by the comparison, which may coarsen the date.
   */
  readonly reason: "tie" | "identical" | "latest" | null;
}

/** The reason a group's kept submission was chosen, in words, with its assessment date as `date` shows it. */
export function describeChoice(group: OrganizationGroup, date: (iso: string) => string): string {
  const on = date(group.kept.assessmentDate);
  switch (group.reason) {
    case null:
      return "";
    case "tie":
      return `several different files carry the same assessment date ${on}; the last in path order was compared — confirm which one is authoritative`;
    case "identical":
      return "the files are identical";
    case "latest":
      return `it has the latest assessment date (${on})`;
  }
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
  if (ignored.length === 0) return { kept, ignored, reason: null };
  const tie = ignored.some((s) => s.assessmentDate === kept.assessmentDate && s.sha256 !== kept.sha256);
  const identical = ignored.every((s) => s.sha256 === kept.sha256);
  return { kept, ignored, reason: tie ? "tie" : identical ? "identical" : "latest" };
}
