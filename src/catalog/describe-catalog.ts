// Human-readable views of a catalog for `catalog list` and `catalog show`: browsable text and JSON.
import { describeType } from "../answers/check-value.js";
import type { Catalog } from "../model/catalog.js";
import type { Condition } from "../model/condition.js";
import type { Control } from "../model/control.js";
import type { Framework } from "../model/framework.js";
import type { Incident } from "../model/incident.js";
import type { Lesson } from "../model/lesson.js";

/** Writes a condition as indented lines of plain words. */
export function describeCondition(condition: Condition, indent = ""): string[] {
  if ("op" in condition) {
    const value =
      "value" in condition
        ? ` ${Array.isArray(condition.value) ? condition.value.join(", ") : String(condition.value)}`
        : "";
    return [`${indent}${condition.question} ${condition.op.replace(/_/g, " ")}${value}`];
  }
  const [word, children] =
    "all" in condition
      ? ["all of:", condition.all]
      : "any" in condition
        ? ["any of:", condition.any]
        : ["not:", [condition.not]];
  return [`${indent}${word}`, ...children.flatMap((c) => describeCondition(c, `${indent}  `))];
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows
    .map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join("  "))
    .join("\n");
}

/** The catalog as a text listing: metadata, lessons, incidents, frameworks and controls. */
export function listCatalog(catalog: Catalog): string {
  const { meta } = catalog;
  const parts = [
    `${meta.title}\n${meta.id} ${meta.version} — ${catalog.controls.length} controls, ${catalog.lessons.length} lessons, ${catalog.incidents.length} incidents, ${catalog.frameworks.length} frameworks`,
    `Controls\n${table([["ID", "SEVERITY", "LEVEL", "TITLE"], ...catalog.controls.map((c) => [c.id, c.severity, String(c.level), c.title])])}`,
    `Lessons\n${table([["ID", "CONTROLS", "TITLE"], ...catalog.lessons.map((l) => [l.id, String(catalog.controls.filter((c) => c.lessons.includes(l.id)).length), l.title])])}`,
    `Incidents\n${table([["ID", "DATE", "ATTRIBUTION", "NAME"], ...catalog.incidents.map((i) => [i.id, i.date, i.attribution.confidence, i.name])])}`,
    `Frameworks\n${table([["ID", "REQUIREMENTS", "NAME"], ...catalog.frameworks.map((f) => [f.id, String(f.requirements.length), `${f.name} ${f.version}`])])}`,
    "Run `npx vaspcheck catalog show <id>` for any control, lesson, incident or framework.",
  ];
  return `${parts.join("\n\n")}\n`;
}

/** What `catalog show` prints for one entry, and the entry as data for `--format json`. */
type Shown = { text: string; data: unknown };

/** One catalog entry found by id, as text and as data; undefined when no entry has that id. */
export function showEntry(catalog: Catalog, id: string): { text: string; data: unknown } | undefined {
  const control = catalog.controls.find((c) => c.id.toLowerCase() === id.toLowerCase());
  if (control) return showControl(catalog, control);
  const lesson = catalog.lessons.find((l) => l.id === id);
  if (lesson) return showLesson(catalog, lesson);
  const incident = catalog.incidents.find((i) => i.id === id);
  if (incident) return showIncident(incident);
  const framework = catalog.frameworks.find((f) => f.id === id);
  if (framework) return showFramework(catalog, framework);
  return undefined;
}

function showControl(catalog: Catalog, control: Control): Shown {
  const lines = [
    `${control.id}  ${control.title}`,
    `severity ${control.severity}, level ${control.level}; lessons: ${control.lessons.join(", ")}`,
    "",
    control.objective,
    "",
    "Questions:",
    ...control.questions.flatMap((q) => [
      `  ${q.id} (${describeType(q)})`,
      `    ${q.text}`,
      ...(q.basis ? [`    basis: ${q.basis}`] : []),
    ]),
    "",
    ...(control.applies_if ? ["Applies when:", ...describeCondition(control.applies_if, "  "), ""] : []),
    "Met when:",
    ...describeCondition(control.rule.met, "  "),
    ...(control.rule.partially_met
      ? ["Partially met when:", ...describeCondition(control.rule.partially_met, "  ")]
      : []),
    "",
    "Counters (from the incidents' countermeasures):",
    ...countersOf(catalog, control.id).map(
      (c) =>
        `  ${c.effect.padEnd(9)} ${c.incident} / ${c.step}${c.with.length > 0 ? ` (with ${c.with.join(", ")})` : ""}`,
    ),
    "Frameworks:",
    ...Object.entries(control.frameworks).map(([fw, reqs]) => `  ${fw}: ${reqs.join(", ")}`),
    "",
    `Remediation: ${control.remediation}`,
    "",
    "Examples:",
    ...control.examples.map((e) => `  ${e.expect.padEnd(14)} ${e.name}`),
  ];
  return { text: `${lines.join("\n")}\n`, data: control };
}

function showLesson(catalog: Catalog, lesson: Lesson): Shown {
  const controls = catalog.controls.filter((c) => c.lessons.includes(lesson.id));
  const text = `${lesson.title}\n\n${lesson.narrative}\n\nIncidents: ${lesson.incidents.join(", ")}\nControls:\n${controls.map((c) => `  ${c.id}  ${c.title}`).join("\n")}\n`;
  return { text, data: { ...lesson, controls: controls.map((c) => c.id) } };
}

function showIncident(incident: Incident): Shown {
  const text = [
    `${incident.name} (${incident.date}) — ${incident.loss}`,
    `Attribution: ${incident.attribution.actor} (${incident.attribution.confidence})`,
    "",
    incident.summary,
    "",
    `Root cause: ${incident.root_cause}`,
    ...(incident.aftermath ? ["", `Aftermath: ${incident.aftermath}`] : []),
    "",
    "Attack chain:",
    ...incident.attack_chain.map(stepText),
    "",
    ...(incident.known_controls.length > 0
      ? [
          "Known to have been in place (counter-evidence):",
          ...incident.known_controls.map(
            (k) =>
              `  ${k.control}: ${k.had} Did not stop: ${k.did_not_stop.join(", ")} [${k.source}${k.hedge ? `, ${k.hedge}` : ""}]`,
          ),
          "",
        ]
      : []),
    "Sources:",
    ...incident.sources.map((s) => `  ${s.key}  ${s.title} <${s.url}>`),
  ].join("\n");
  return { text: `${text}\n`, data: incident };
}

/** One numbered step of an attack chain, with its countermeasures below it. */
function stepText(s: Incident["attack_chain"][number], n: number): string {
  const counters = s.countermeasures.map(
    (cm) =>
      `     ${cm.effect.padEnd(9)} ${cm.controls.join(" + ")} — ${cm.why} [${cm.source}${cm.hedge ? `, ${cm.hedge}` : ""}]${
        cm.applies_if
          ? ` (only when ${describeCondition(cm.applies_if, "")
              .map((l) => l.trim())
              .join(" ")})`
          : ""
      }`,
  );
  return `  ${n + 1}. ${s.title} [${s.id}] (${s.techniques.join(", ")})\n     ${s.description}\n${counters.join("\n") || "     no countermeasure in the catalog"}`;
}

function showFramework(catalog: Catalog, framework: Framework): Shown {
  const rows = framework.requirements.map((r) => {
    const mapped = catalog.controls
      // Own keys only: a framework named `constructor` must not find Object.prototype's.
      .filter((c) => Object.hasOwn(c.frameworks, framework.id) && c.frameworks[framework.id]?.includes(r.id))
      .map((c) => c.id);
    return [r.id, mapped.join(", ") || "—", r.title];
  });
  return {
    text: `${framework.name} ${framework.version}\n\n${table([["ID", "CONTROLS", "TITLE"], ...rows])}\n`,
    data: framework,
  };
}

/** Every id `showEntry` accepts, for "did you mean". */
export function entryIds(catalog: Catalog): string[] {
  return [...catalog.controls, ...catalog.lessons, ...catalog.incidents, ...catalog.frameworks].map(
    (e) => e.id,
  );
}

/** Every step a control counters, read from the incidents. */
function countersOf(catalog: Catalog, id: string) {
  return catalog.incidents.flatMap((incident) =>
    incident.attack_chain.flatMap((step) =>
      step.countermeasures
        .filter((cm) => cm.controls.includes(id))
        .map((cm) => ({
          incident: incident.id,
          step: step.id,
          effect: cm.effect,
          with: cm.controls.filter((c) => c !== id),
        })),
    ),
  );
}
