// How complete an assessment is: the share of in-scope controls answered, overall and per lesson, and the blanks.
import type { Catalog } from "../model/catalog.js";
import { type Severity, SeveritySchema } from "../model/control.js";
import type { ControlResult } from "../model/result.js";

/** Answered and in-scope controls of one group. */
export interface AnsweredShare {
  /** Controls in scope: every control except those the profile puts out of scope. */
  readonly in_scope: number;
  /** In-scope controls with any answer (a response, or a justified not-applicable). */
  readonly answered: number;
  /** answered / in_scope as a percentage to one decimal; 100 only when every in-scope control is answered. */
  readonly percent: number;
}

/** The completeness of one answers file. */
export interface Completeness extends AnsweredShare {
  readonly lessons: readonly (AnsweredShare & { readonly id: string; readonly title: string })[];
  /** Blank in-scope controls, most severe first; severities with none are left out. */
  readonly blank: readonly { readonly severity: Severity; readonly controls: readonly string[] }[];
}

function share(results: readonly ControlResult[]): AnsweredShare {
  const inScope = results.filter((r) => r.not_applicable_by !== "profile");
  const answered = inScope.filter((r) => r.assessed_status !== "not_answered").length;
  // Rounded to one decimal, except that only a complete file may read 100%.
  const percent =
    answered === inScope.length ? 100 : Math.min(99.9, Math.round((1000 * answered) / inScope.length) / 10);
  return { in_scope: inScope.length, answered, percent };
}

/** Measures how complete an assessment is from its control results. Pure. */
export function completenessOf(catalog: Catalog, results: readonly ControlResult[]): Completeness {
  const blank = results.filter(
    (r) => r.not_applicable_by !== "profile" && r.assessed_status === "not_answered",
  );
  return {
    ...share(results),
    lessons: catalog.lessons.map((lesson) => ({
      id: lesson.id,
      title: lesson.title,
      ...share(results.filter((r) => r.lessons.includes(lesson.id))),
    })),
    blank: SeveritySchema.options
      .map((severity) => ({
        severity,
        controls: blank.filter((r) => r.severity === severity).map((r) => r.control_id),
      }))
      .filter((group) => group.controls.length > 0),
  };
}
