// The assembled catalog: everything in `controls/`, validated and cross-checked.
import type { CatalogMeta } from "./catalog-meta.js";
import type { Control } from "./control.js";
import type { Framework } from "./framework.js";
import type { Incident } from "./incident.js";
import type { Lesson } from "./lesson.js";
import type { Question } from "./question.js";

/** A loaded catalog. Arrays are sorted by id so every consumer sees the same order. */
export interface Catalog {
  readonly meta: CatalogMeta;
  readonly profile: readonly Question[];
  readonly lessons: readonly Lesson[];
  readonly incidents: readonly Incident[];
  readonly frameworks: readonly Framework[];
  readonly controls: readonly Control[];
  /** SHA-256 over the catalog's files (sorted relative paths and bytes). */
  readonly digest: string;
}
