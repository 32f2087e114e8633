// What separates an answered catalog version from the catalog in use, read from the catalog's changelog.
import { type CatalogMeta, compareVersions } from "./catalog-meta.js";

/** Why a control of the catalog in use cannot be compared for a submission made against an older version. */
export interface MissingControl {
  readonly reason: "added" | "changed";
  /** The catalog version that added or changed it. */
  readonly version: string;
}

/** What separates an answered catalog version from the catalog in use. */
export interface VersionGap {
  readonly version: string;
  /** Controls of the catalog in use that the answered version lacks or asked differently. */
  readonly missing: ReadonlyMap<string, MissingControl>;
  /** Controls the answered version had that the catalog in use no longer has → the version that removed them. */
  readonly removed: ReadonlyMap<string, string>;
  /** True when the answered version is newer than the catalog in use, so the changelog cannot tell what differs. */
  readonly newer: boolean;
}

/** Reads the changelog between an answered version and the catalog in use. */
export function versionGap(meta: CatalogMeta, version: string): VersionGap {
  const missing = new Map<string, MissingControl>();
  const removed = new Map<string, string>();
  const newer = compareVersions(version, meta.version) > 0;
  if (newer || compareVersions(version, meta.version) === 0) return { version, missing, removed, newer };
  const between = meta.changelog
    .filter((c) => compareVersions(c.version, version) > 0 && compareVersions(c.version, meta.version) <= 0)
    .sort((a, b) => compareVersions(a.version, b.version));
  for (const change of between) {
    for (const id of change.added) missing.set(id, { reason: "added", version: change.version });
    for (const id of change.changed)
      if (!missing.has(id)) missing.set(id, { reason: "changed", version: change.version });
    for (const id of change.removed) {
      // A control added and removed again after the answered version was never part of either.
      if (missing.get(id)?.reason === "added") missing.delete(id);
      else removed.set(id, change.version);
      missing.delete(id);
    }
  }
  return { version, missing, removed, newer };
}
