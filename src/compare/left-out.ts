// Which controls every compared submission shares, and a note for each one left out of the comparison.

import type { Catalog } from "../model/catalog.js";
import { compareVersions } from "../model/catalog-meta.js";
import type { LeftOut } from "../model/comparison.js";
import { type VersionGap, versionGap } from "../model/version-gap.js";
import type { ValidSubmission } from "./submission-types.js";

/** The compared control set, the controls left out and the answered versions newer than the catalog. */
export interface SharedControls {
  readonly compared: ReadonlySet<string>;
  readonly leftOut: LeftOut[];
  readonly newer: { version: string; submissions: number }[];
}

/** Works out the controls that every submission's catalog version shares with the catalog in use. */
export function leftOutControls(catalog: Catalog, submissions: readonly ValidSubmission[]): SharedControls {
  const perVersion = new Map<string, number>();
  for (const s of submissions) perVersion.set(s.catalogVersion, (perVersion.get(s.catalogVersion) ?? 0) + 1);
  const versions = [...perVersion.keys()].sort(compareVersions);
  const gaps: VersionGap[] = versions.map((v) => versionGap(catalog.meta, v));
  const notes = new Map<string, LeftOut>();
  for (const gap of gaps) {
    const n = perVersion.get(gap.version)!;
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
        submissions: (previous?.submissions ?? 0) + n,
        explanation: "",
      });
    }
  }
  const leftOut = [...notes.values()]
    .map((note) => ({ ...note, explanation: explain(note) }))
    .sort((a, b) => (a.control_id < b.control_id ? -1 : 1));
  const excluded = new Set(leftOut.map((l) => l.control_id));
  return {
    compared: new Set(catalog.controls.map((c) => c.id).filter((id) => !excluded.has(id))),
    leftOut,
    newer: gaps
      .filter((g) => g.newer)
      .map((g) => ({ version: g.version, submissions: perVersion.get(g.version)! })),
  };
}

function explain(note: LeftOut): string {
  const n = note.submissions;
  const submissions = `${n} ${n === 1 ? "submission" : "submissions"} made against ${note.versions.join(", ")}`;
  const were = n === 1 ? "was" : "were";
  switch (note.reason) {
    case "added":
      return `Added to the catalog in ${note.version}; ${submissions} ${were} filled before it existed, so no one is compared on it.`;
    case "changed":
      return `Its questions or rule changed in ${note.version}; ${submissions} answered the earlier form, so the answers are not comparable.`;
    case "removed":
      return `Removed from the catalog in ${note.version}; answers to it in ${submissions} were not compared.`;
  }
}
