// What each answered catalog version cannot be compared on, read from the catalog's changelog, and a note per control.

import type { Catalog } from "../model/catalog.js";
import { compareVersions } from "../model/catalog-meta.js";
import type { LeftOut, NotCompared } from "../model/comparison.js";
import { type MissingControl, type VersionGap, versionGap } from "../model/version-gap.js";
import type { ValidSubmission } from "./submission-types.js";

/** The control set two or more submissions share, the controls left out and the answered versions newer than the catalog. */
export interface SharedControls {
  readonly compared: ReadonlySet<string>;
  readonly leftOut: LeftOut[];
  readonly newer: { version: string; submissions: number }[];
}

/**
 * Works out the controls that every submission's catalog version shares with the catalog in use. For `diff`,
 * whose score change needs both sides on one basis; `compare` scores each submission on its own version instead.
 */
export function leftOutControls(catalog: Catalog, submissions: readonly ValidSubmission[]): SharedControls {
  const perVersion = countVersions(submissions.map((s) => s.catalogVersion));
  const gaps = [...perVersion.keys()].sort(compareVersions).map((v) => versionGap(catalog.meta, v));
  const leftOut = gapNotes(gaps, (v) => perVersion.get(v)!).map((note) => ({
    ...note,
    explanation: explainShared(note),
  }));
  const excluded = new Set(leftOut.map((l) => l.control_id));
  return {
    compared: new Set(catalog.controls.map((c) => c.id).filter((id) => !excluded.has(id))),
    leftOut,
    newer: gaps
      .filter((g) => g.newer)
      .map((g) => ({ version: g.version, submissions: perVersion.get(g.version)! })),
  };
}

/** How one answered catalog version stands against the catalog in use, and what that leaves out for its submissions. */
export interface VersionStanding {
  readonly version: string;
  readonly standing: "current" | "older" | "newer";
  /** Controls of the catalog in use that version lacks or asked in an earlier form: not compared for its submissions. */
  readonly notCompared: ReadonlyMap<string, MissingControl>;
  /** Positions (catalog order) of the incidents with a countermeasure control in `notCompared`. */
  readonly notComparable: ReadonlySet<number>;
}

/** Reads one answered version's standing from the changelog. */
export function versionStanding(catalog: Catalog, version: string): VersionStanding {
  const gap = versionGap(catalog.meta, version);
  const order = compareVersions(version, catalog.meta.version);
  const notComparable = new Set<number>();
  catalog.incidents.forEach((incident, i) => {
    // Any effect counts: a missing detecting control can turn "not stopped" into "detected", so the verdict is unknown.
    const ids = incident.attack_chain.flatMap((step) => step.countermeasures.flatMap((cm) => cm.controls));
    if (ids.some((id) => gap.missing.has(id))) notComparable.add(i);
  });
  return {
    version,
    standing: order < 0 ? "older" : order > 0 ? "newer" : "current",
    notCompared: gap.missing,
    notComparable,
  };
}

/** One submission made against a version, under its label in the output. */
export interface LabelledVersion {
  readonly version: string;
  readonly label: string;
}

/** A note per control not compared for some submissions: which versions, how many and whose, and why. */
export function notComparedNotes(catalog: Catalog, submissions: readonly LabelledVersion[]): NotCompared[] {
  const labels = new Map<string, string[]>();
  for (const s of submissions) labels.set(s.version, [...(labels.get(s.version) ?? []), s.label]);
  const gaps = [...labels.keys()].sort(compareVersions).map((v) => versionGap(catalog.meta, v));
  const total = submissions.length;
  return gapNotes(gaps, (v) => labels.get(v)!.length).map((note) => {
    const organizations = note.versions.flatMap((v) => labels.get(v)!).sort();
    return { ...note, organizations, explanation: explainPerSubmission(note, total) };
  });
}

function countVersions(versions: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const v of versions) out.set(v, (out.get(v) ?? 0) + 1);
  return out;
}

/** Merges the gaps of the answered versions (oldest first) into one note per control, without its explanation. */
function gapNotes(gaps: readonly VersionGap[], count: (version: string) => number): LeftOut[] {
  const notes = new Map<string, LeftOut>();
  for (const gap of gaps) {
    const entries: [string, LeftOut["reason"], string][] = [
      ...[...gap.missing].map(([id, m]): [string, LeftOut["reason"], string] => [id, m.reason, m.version]),
      ...[...gap.removed].map(([id, v]): [string, LeftOut["reason"], string] => [id, "removed", v]),
    ];
    for (const [id, reason, version] of entries) {
      const previous = notes.get(id);
      // Older versions come first, so the note keeps the change nearest to the catalog in use.
      notes.set(id, {
        control_id: id,
        reason,
        version,
        versions: [...(previous?.versions ?? []), gap.version],
        submissions: (previous?.submissions ?? 0) + count(gap.version),
        explanation: "",
      });
    }
  }
  return [...notes.values()].sort((a, b) => (a.control_id < b.control_id ? -1 : 1));
}

function submissionsMade(note: LeftOut): string {
  const n = note.submissions;
  return `${n} ${n === 1 ? "submission" : "submissions"} made against ${note.versions.join(", ")}`;
}

function explainShared(note: LeftOut): string {
  const submissions = submissionsMade(note);
  const were = note.submissions === 1 ? "was" : "were";
  switch (note.reason) {
    case "added":
      return `Added to the catalog in ${note.version}; ${submissions} ${were} filled before it existed, so no one is compared on it.`;
    case "changed":
      return `Its questions or rule changed in ${note.version}; ${submissions} answered the earlier form, so the answers are not comparable.`;
    case "removed":
      return `Removed from the catalog in ${note.version}; answers to it in ${submissions} were not compared.`;
  }
}

function explainPerSubmission(note: LeftOut, total: number): string {
  const submissions = submissionsMade(note);
  const them = note.submissions === 1 ? "that submission" : "those submissions";
  const rest = total - note.submissions;
  const others =
    rest === 0
      ? "no submission is compared on it"
      : `it is not compared for ${them} only; the other ${rest} ${rest === 1 ? "is" : "are"} compared on it`;
  switch (note.reason) {
    case "added":
      return `Added to the catalog in ${note.version}; ${submissions} ${note.submissions === 1 ? "predates" : "predate"} it, so ${others}.`;
    case "changed":
      return `Its questions or rule changed in ${note.version}; ${submissions} answered the earlier form, so ${others}.`;
    case "removed":
      return `Removed from the catalog in ${note.version}; answers to it in ${submissions} were ignored.`;
  }
}
