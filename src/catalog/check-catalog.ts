// Cross-checks of a loaded catalog: references between entries, conditions, relations, coverage and metadata.
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { didYouMean } from "../diagnostics/suggest.js";
import type { Catalog } from "../model/catalog.js";
import type { Control } from "../model/control.js";
import type { Question } from "../model/question.js";
import { locate } from "../source/source-file.js";
import { checkCondition } from "./check-condition.js";
import { checkMeta } from "./check-meta.js";
import { checkRelations } from "./check-relations.js";
import { checkSources } from "./check-sources.js";
import { checkText } from "./check-text.js";
import type { CatalogSources } from "./load-catalog.js";
import { type Reporter, unknownRef } from "./reporter.js";

/** Checks references between catalog entries and the typing of every condition. */
export function checkCatalog(catalog: Catalog, sources: CatalogSources): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const report: Reporter = (file, path, code, message, hint, severity = "error") => {
    const place = file ? locate(file, path) : { start: { line: 1, column: 1 }, end: undefined };
    diagnostics.push({
      file: file?.path ?? "catalog",
      start: place.start,
      end: place.end,
      severity,
      code,
      message,
      path,
      hint,
    });
  };
  checkUniqueLessons(catalog, sources, report);
  checkLessons(catalog, sources, report);
  checkIncidents(catalog, sources, report);
  checkRelations(catalog, sources, report);
  checkControls(catalog, sources, report);
  checkSources(catalog, sources, report);
  checkText(sources, report);
  checkCoverage(catalog, sources, report);
  checkMeta(catalog, sources, report);
  return diagnostics;
}

function checkUniqueLessons(catalog: Catalog, sources: CatalogSources, report: Reporter) {
  const seen = new Set<string>();
  catalog.lessons.forEach((lesson, i) => {
    if (seen.has(lesson.id))
      report(
        sources.lessons,
        ["lessons", i, "id"],
        "catalog/duplicate-id",
        `Duplicate lesson id \`${lesson.id}\``,
      );
    seen.add(lesson.id);
  });
  const profileIds = new Set<string>();
  catalog.profile.forEach((q, i) => {
    if (profileIds.has(q.id))
      report(
        sources.profile,
        ["questions", i, "id"],
        "catalog/duplicate-id",
        `Duplicate profile question \`${q.id}\``,
      );
    profileIds.add(q.id);
  });
}

function checkLessons(catalog: Catalog, sources: CatalogSources, report: Reporter) {
  const incidents = new Set(catalog.incidents.map((i) => i.id));
  const original = (sources.lessons?.data as { lessons?: { id: string }[] } | undefined)?.lessons ?? [];
  for (const lesson of catalog.lessons) {
    const index = original.findIndex((l) => l.id === lesson.id);
    lesson.incidents.forEach((id, j) => {
      if (!incidents.has(id))
        unknownRef(report, sources.lessons, ["lessons", index, "incidents", j], "incident", id, incidents);
    });
  }
}

function checkIncidents(catalog: Catalog, sources: CatalogSources, report: Reporter) {
  for (const incident of catalog.incidents) {
    const seen = new Set<string>();
    incident.attack_chain.forEach((step, i) => {
      if (seen.has(step.id)) {
        report(
          sources.incidents.get(incident.id),
          ["attack_chain", i, "id"],
          "catalog/duplicate-id",
          `Duplicate step id \`${step.id}\``,
        );
      }
      seen.add(step.id);
    });
  }
}

type CatalogFile = Parameters<Reporter>[0];

/** Requirement ids per framework id. */
type FrameworkRequirements = ReadonlyMap<string, ReadonlySet<string>>;

function checkControls(catalog: Catalog, sources: CatalogSources, report: Reporter) {
  const lessons = new Set(catalog.lessons.map((l) => l.id));
  const frameworks = new Map(catalog.frameworks.map((f) => [f.id, new Set(f.requirements.map((r) => r.id))]));
  const profile = new Map<string, Question>(catalog.profile.map((q) => [q.id, q]));
  for (const control of catalog.controls) {
    const file = sources.controls.get(control.id);
    control.lessons.forEach((id, i) => {
      if (!lessons.has(id)) unknownRef(report, file, ["lessons", i], "lesson", id, lessons);
    });
    checkFrameworkRefs(control, file, frameworks, report);
    const questions = controlQuestions(control, file, report);
    checkRuleConditions(control, file, questions, profile, report);
    checkImplications(control, file, profile, report);
    checkExamples(control, file, report);
  }
}

/** Every framework a control maps to exists, and so does every requirement it names. */
function checkFrameworkRefs(
  control: Control,
  file: CatalogFile,
  frameworks: FrameworkRequirements,
  report: Reporter,
): void {
  for (const [frameworkId, requirements] of Object.entries(control.frameworks)) {
    const known = frameworks.get(frameworkId);
    if (!known) {
      unknownRef(report, file, ["frameworks", frameworkId], "framework", frameworkId, frameworks.keys());
      continue;
    }
    requirements.forEach((req, i) => {
      if (!known.has(req)) {
        report(
          file,
          ["frameworks", frameworkId, i],
          "catalog/unknown-requirement",
          `Unknown requirement \`${req}\` of ${frameworkId}`,
          didYouMean(req, known),
        );
      }
    });
  }
}

/** A control's questions by id, reporting any id used twice. */
function controlQuestions(control: Control, file: CatalogFile, report: Reporter): Map<string, Question> {
  const questions = new Map<string, Question>();
  control.questions.forEach((q, i) => {
    if (questions.has(q.id))
      report(file, ["questions", i, "id"], "catalog/duplicate-id", `Duplicate question id \`${q.id}\``);
    questions.set(q.id, q);
  });
  return questions;
}

/** Type-checks the rules against the control's own questions, and `applies_if` against the profile. */
function checkRuleConditions(
  control: Control,
  file: CatalogFile,
  questions: ReadonlyMap<string, Question>,
  profile: ReadonlyMap<string, Question>,
  report: Reporter,
): void {
  const conditions = [
    { path: ["rule", "met"], condition: control.rule.met, scope: questions },
    { path: ["rule", "partially_met"], condition: control.rule.partially_met, scope: questions },
    { path: ["applies_if"], condition: control.applies_if, scope: profile },
  ];
  for (const { path, condition, scope } of conditions) {
    if (!condition) continue;
    for (const problem of checkCondition(condition, scope, path)) {
      report(file, problem.path, problem.code, problem.message, problem.hint);
    }
  }
}

/** A choice implied by the profile names a profile question and one of its values, on a multiple-choice question. */
function checkImplications(
  control: Control,
  file: CatalogFile,
  profile: ReadonlyMap<string, Question>,
  report: Reporter,
): void {
  control.questions.forEach((question, i) => {
    if (question.type !== "single_choice" && question.type !== "multiple_choice") return;
    question.choices.forEach((choice, j) => {
      const by = choice.implied_by;
      if (!by) return;
      const at = ["questions", i, "choices", j, "implied_by"];
      if (question.type !== "multiple_choice") {
        report(
          file,
          at,
          "catalog/operator-type",
          `Choice \`${choice.value}\` of single-choice question \`${question.id}\` is implied by the profile`,
          "Only a multiple-choice answer can take an implied choice besides the ones it selects.",
        );
        return;
      }
      const source = profile.get(by.question);
      if (!source) {
        unknownRef(report, file, [...at, "question"], "profile question", by.question, profile.keys());
        return;
      }
      const values =
        source.type === "boolean" ? [] : "choices" in source ? source.choices.map((c) => c.value) : [];
      if (!values.includes(by.value))
        report(
          file,
          [...at, "value"],
          "catalog/unknown-choice",
          `Profile question \`${by.question}\` has no choice \`${by.value}\``,
          didYouMean(by.value, values) ?? "Name a choice of that profile question.",
        );
    });
  });
}

/** A control needs an example that is met and one that fails, so lint can show its rule tells them apart. */
function checkExamples(control: Control, file: CatalogFile, report: Reporter): void {
  const expects = new Set(control.examples.map((e) => e.expect));
  if (!expects.has("met"))
    report(
      file,
      ["examples"],
      "catalog/missing-example",
      "No example that is `met`",
      "Add answers that satisfy the rule.",
    );
  if (!expects.has("not_met") && !expects.has("partially_met")) {
    report(
      file,
      ["examples"],
      "catalog/missing-example",
      "No example that fails",
      "Add answers that should be `not_met`.",
    );
  }
}

/** A control no countermeasure names says why; one that a countermeasure names does not claim to counter nothing. */
function checkStepless(catalog: Catalog, sources: CatalogSources, report: Reporter) {
  const named = new Set(
    catalog.incidents.flatMap((i) =>
      i.attack_chain.flatMap((s) => s.countermeasures.flatMap((c) => c.controls)),
    ),
  );
  for (const control of catalog.controls) {
    const file = sources.controls.get(control.id);
    if (!named.has(control.id) && control.counters_no_step === undefined)
      // Placed at its lessons, next to which `counters_no_step` is written.
      report(
        file,
        ["lessons"],
        "catalog/no-step",
        `No attack step names \`${control.id}\`, and it does not say why`,
        "Add it to the countermeasures of the steps it counters (with a source), or say in `counters_no_step` why it counters none.",
      );
    else if (named.has(control.id) && control.counters_no_step !== undefined)
      report(
        file,
        ["counters_no_step"],
        "catalog/no-step",
        `\`${control.id}\` says it counters no step, but a countermeasure names it`,
        "Remove `counters_no_step`, or the countermeasure.",
      );
  }
}

function checkCoverage(catalog: Catalog, sources: CatalogSources, report: Reporter) {
  checkStepless(catalog, sources, report);
  const used = new Set(catalog.controls.flatMap((c) => c.lessons));
  const original = (sources.lessons?.data as { lessons?: { id: string }[] } | undefined)?.lessons ?? [];
  for (const lesson of catalog.lessons) {
    if (!used.has(lesson.id)) {
      const index = original.findIndex((l) => l.id === lesson.id);
      report(
        sources.lessons,
        ["lessons", index, "id"],
        "catalog/unused",
        `No control teaches lesson \`${lesson.id}\``,
        undefined,
        "warning",
      );
    }
  }
}
