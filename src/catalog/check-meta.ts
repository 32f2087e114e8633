// Checks of the catalog as a whole: it has controls to assess, and its changelog is a history that can be read
// (each version once, oldest first, none after the catalog's own, no control both added and removed at once).

import type { Catalog } from "../model/catalog.js";
import { compareVersions } from "../model/catalog-meta.js";
import type { CatalogSources } from "./load-catalog.js";
import type { Reporter } from "./reporter.js";

/** Reports an empty catalog and a changelog that old answers files could not be explained by. */
export function checkMeta(catalog: Catalog, sources: CatalogSources, report: Reporter): void {
  if (catalog.controls.length === 0)
    report(
      sources.meta,
      [],
      "catalog/empty",
      "The catalog has no controls: there is nothing to assess, and `init` would write an empty questionnaire",
      "Add control files under `controls/`, one per control.",
    );
  if (catalog.incidents.length === 0)
    report(
      sources.meta,
      [],
      "catalog/empty",
      "The catalog has no incidents: no attack can be replayed, so no report can say what would stop one",
      "Add incident files under `incidents/`, each with its attack chain and sources.",
      "warning",
    );
  checkChangelog(catalog, sources, report);
}

function checkChangelog(catalog: Catalog, sources: CatalogSources, report: Reporter): void {
  const seen = new Set<string>();
  catalog.meta.changelog.forEach((entry, i) => {
    const at = ["changelog", i, "version"];
    const previous = catalog.meta.changelog[i - 1];
    if (seen.has(entry.version))
      report(
        sources.meta,
        at,
        "catalog/bad-changelog",
        `Version ${entry.version} appears twice in the changelog`,
      );
    else if (previous && compareVersions(entry.version, previous.version) < 0)
      report(
        sources.meta,
        at,
        "catalog/bad-changelog",
        `Version ${entry.version} comes after ${previous.version} in the changelog`,
        "List the releases oldest first, so the controls each one added or removed can be replayed in order.",
      );
    if (compareVersions(entry.version, catalog.meta.version) > 0)
      report(
        sources.meta,
        at,
        "catalog/bad-changelog",
        `Version ${entry.version} in the changelog is newer than the catalog itself (${catalog.meta.version})`,
        "Raise the catalog's `version`, or remove the entry for a release that has not happened.",
      );
    seen.add(entry.version);
    for (const id of entry.added.filter((a) => entry.removed.includes(a)))
      report(
        sources.meta,
        ["changelog", i, "removed"],
        "catalog/bad-changelog",
        `Version ${entry.version} both adds and removes \`${id}\``,
        "A release either adds a control or removes it; an edited control is listed under `changed`.",
      );
    checkAnswerNotes(entry, i, entry.version === catalog.meta.version, (path, message, hint, severity) =>
      report(sources.meta, path, "catalog/bad-changelog", message, hint, severity),
    );
  });
}

type Entry = Catalog["meta"]["changelog"][number];
type NoteReport = (path: (string | number)[], message: string, hint: string, severity?: "warning") => void;

/**
 * `for_answers` names only controls the release lists, and the release being made (the catalog's own version; older
 * entries predate the field) says what answers need for every control it changes or removes: an older answer may
 * no longer meet such a control as it did.
 */
function checkAnswerNotes(entry: Entry, i: number, current: boolean, report: NoteReport): void {
  const listed = new Set([...entry.added, ...entry.removed, ...entry.changed]);
  for (const id of Object.keys(entry.for_answers).filter((k) => !listed.has(k)))
    report(
      ["changelog", i, "for_answers", id],
      `Version ${entry.version} says what answers to \`${id}\` need, but does not list it as added, removed or changed`,
      "List the control under `added`, `removed` or `changed` of the same release.",
    );
  if (!current) return;
  for (const id of [...entry.changed, ...entry.removed].filter((k) => !Object.hasOwn(entry.for_answers, k)))
    report(
      ["changelog", i, "changed"],
      `Version ${entry.version} changes or removes \`${id}\` without saying what answers made before need`,
      "Add a line for it under `for_answers`.",
      "warning",
    );
}
