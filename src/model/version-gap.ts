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

/** The changelog entries after `low` up to and including `high`, oldest first: the one walk of the changelog. */
export function changelogBetween(meta: CatalogMeta, low: string, high: string): CatalogMeta["changelog"] {
  return meta.changelog
    .filter((c) => compareVersions(c.version, low) > 0 && compareVersions(c.version, high) <= 0)
    .sort((a, b) => compareVersions(a.version, b.version));
}

/** Reads the changelog between an answered version and the catalog in use. */
export function versionGap(meta: CatalogMeta, version: string): VersionGap {
  const missing = new Map<string, MissingControl>();
  const removed = new Map<string, string>();
  const newer = compareVersions(version, meta.version) > 0;
  if (newer || compareVersions(version, meta.version) === 0) return { version, missing, removed, newer };
  for (const change of changelogBetween(meta, version, meta.version)) {
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
