// Detects an answers file made for another catalog or version, and explains what differs using the changelog.

import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Catalog } from "../model/catalog.js";
import { SEMVER } from "../model/catalog-meta.js";
import { changelogBetween, versionGap } from "../model/version-gap.js";
import { locate, type SourceFile } from "../source/source-file.js";

/** Compares the `catalog` block of an answers file with the loaded catalog. */
export function explainCatalogVersion(file: SourceFile, block: unknown, catalog: Catalog): Diagnostic[] {
  if (block === null || typeof block !== "object") return [];
  const { id, version } = block as { id?: unknown; version?: unknown };
  const at = (key: string) => locate(file, ["catalog", key]);
  if (typeof id === "string" && id !== catalog.meta.id) {
    return [
      {
        file: file.path,
        ...at("id"),
        severity: "error",
        code: "answers/catalog-mismatch",
        message: `Answers were filled against catalog \`${id}\`, but the catalog in use is \`${catalog.meta.id}\``,
        expected: catalog.meta.id,
        actual: id,
        hint: "Pass the matching catalog with `--catalog DIR`, or regenerate the answers with `npx vaspcheck init`.",
      },
    ];
  }
  if (typeof version !== "string" || version === catalog.meta.version || !SEMVER.test(version)) return [];
  const explanation = versionChanges(catalog, version);
  const related = answerNotes(catalog, version).map(([id, note]) => {
    // The control's answer when the file has one, else the nearest place that exists.
    const place = locate(file, ["answers", id]);
    return { file: file.path, start: place.start, message: `${id}: ${note}` };
  });
  const sameMajor = version.split(".")[0] === catalog.meta.version.split(".")[0];
  return [
    {
      file: file.path,
      ...at("version"),
      severity: sameMajor ? "warning" : "error",
      code: "answers/catalog-version",
      message: `Answers were filled against ${catalog.meta.id} ${version}, the catalog is ${catalog.meta.version}: ${explanation}`,
      expected: catalog.meta.version,
      actual: version,
      hint: sameMajor
        ? "Review the listed controls, then update `catalog.version`."
        : "A new major version changes meaning; regenerate the template with `npx vaspcheck init` and carry the answers over.",
      ...(related.length > 0 ? { related } : {}),
    },
  ];
}

/** What the changelog says changed between `version` and the catalog's own: controls added, removed and changed. */
function versionChanges(catalog: Catalog, version: string): string {
  const gap = versionGap(catalog.meta, version);
  const ids = (reason: "added" | "changed") =>
    [...gap.missing]
      .filter(([, m]) => m.reason === reason)
      .map(([id]) => id)
      .sort();
  const parts: string[] = [];
  const added = ids("added");
  const removed = [...gap.removed.keys()].sort();
  const changed = ids("changed");
  if (added.length) parts.push(`new controls to answer: ${added.join(", ")}`);
  if (removed.length) parts.push(`controls no longer in the catalog: ${removed.join(", ")}`);
  if (changed.length) parts.push(`controls whose questions or rules changed: ${changed.join(", ")}`);
  // A catalog's changelog ends at its own version, so it cannot describe a newer one.
  return gap.newer
    ? "the answers are for a newer catalog than this one; use the catalog they were made for"
    : parts.length
      ? parts.join("; ")
      : "the changelog records no control changes between them";
}

/** The changelog's notes for answers, per control, from `version` (exclusive) to the catalog's own; the latest wins. */
function answerNotes(catalog: Catalog, version: string): [string, string][] {
  if (versionGap(catalog.meta, version).newer) return [];
  const notes = new Map<string, string>();
  for (const change of changelogBetween(catalog.meta, version, catalog.meta.version))
    for (const [id, note] of Object.entries(change.for_answers)) notes.set(id, `${note} (${change.version})`);
  return [...notes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
