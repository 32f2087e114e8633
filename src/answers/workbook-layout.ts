// The rows of the answers workbook, derived from the catalog once: the writer lays them out, the reader maps the
// cells it finds back to the paths of an answers file. A row's path is the key path the YAML answers file would use.
import type { Catalog } from "../model/catalog.js";
import type { Question } from "../model/question.js";
import { describeType } from "./check-value.js";

/** The format of the workbook, kept in its hidden metadata sheet: a workbook of another format is refused. */
export const WORKBOOK_FORMAT = "vaspcheck/answers-workbook@1";
/** The sheets of the workbook, by role. */
export const SHEETS = {
  organization: "Organization",
  answers: "Answers",
  review: "Review",
  lists: "Lists",
  meta: "vaspcheck",
} as const;

/** How an answer cell is typed, so Excel's validation can hold it. */
export type CellKind =
  | { readonly kind: "text" }
  | { readonly kind: "date" }
  | { readonly kind: "boolean" }
  | { readonly kind: "choice"; readonly labels: readonly string[]; readonly values: readonly string[] }
  | { readonly kind: "number"; readonly whole: boolean; readonly min?: number; readonly max?: number };

/** One row of the workbook. `option` is set on the yes/no row of one choice of a multiple-choice question. */
export interface WorkbookRow {
  readonly path: string;
  readonly control: string;
  readonly title: string;
  readonly severity: string;
  readonly level: string;
  readonly lessons: string;
  readonly label: string;
  readonly allowed: string;
  readonly basis: string;
  readonly cell: CellKind;
  readonly option?: string;
}

/** The type of an answer cell for a question. */
export function cellKind(q: Question): CellKind {
  switch (q.type) {
    case "boolean":
      return { kind: "boolean" };
    case "single_choice":
      return { kind: "choice", labels: q.choices.map((c) => c.label), values: q.choices.map((c) => c.value) };
    case "multiple_choice":
      return { kind: "boolean" };
    case "number":
      return { kind: "number", whole: false, min: q.min, max: q.max };
    case "percentage":
      return { kind: "number", whole: false, min: 0, max: 100 };
    case "count":
      return { kind: "number", whole: true, min: 0 };
    case "duration":
      return { kind: "number", whole: false, min: 0 };
    case "date":
      return { kind: "date" };
    case "text":
      return { kind: "text" };
  }
}

const TEXT: CellKind = { kind: "text" };
const DATE: CellKind = { kind: "date" };

/** The rows of a question: one, or for a multiple choice one yes/no row per choice. */
function questionRows(
  path: string,
  q: Question,
  about: Omit<WorkbookRow, "path" | "label" | "allowed" | "basis" | "cell">,
): WorkbookRow[] {
  const basis = q.basis ?? "";
  if (q.type === "multiple_choice")
    return q.choices.map((c) => ({
      ...about,
      path: `${path}#${c.value}`,
      label: `${q.text} — ${c.label}`,
      allowed: "TRUE if it applies, FALSE if not",
      basis,
      cell: { kind: "boolean" },
      option: c.value,
    }));
  const allowed = q.type === "single_choice" ? q.choices.map((c) => c.label).join(" · ") : describeType(q);
  return [{ ...about, path, label: q.text, allowed, basis, cell: cellKind(q) }];
}

/**
 * How many of each repeated group the workbook holds: a new workbook has one third party and one evidence item per
 * control; a workbook exported from an answers file has as many as the file has.
 */
export interface WorkbookShape {
  readonly thirdParties: number;
  /** Evidence items by control id; a control not named has one. */
  readonly evidence: ReadonlyMap<string, number>;
}

/** The shape of a new workbook. */
export const BLANK_SHAPE: WorkbookShape = { thirdParties: 1, evidence: new Map() };

/**
 * A row's path with its group numbers set to 1, so a row of a second third party or a third evidence item is typed
 * as the first one is.
 */
export function firstOfGroup(path: string): string {
  return path
    .replace(/^third_parties\.\d+\./, "third_parties.1.")
    .replace(/\.evidence\.\d+\./, ".evidence.1.");
}

const ROLE: CellKind = {
  kind: "choice",
  labels: ["Wallet vendor", "Custodian"],
  values: ["wallet_vendor", "custodian"],
};

/** The rows of the organization sheet: who, when, which catalog, the scoping questions and the third parties. */
export function organizationRows(catalog: Catalog, shape: WorkbookShape = BLANK_SHAPE): WorkbookRow[] {
  const none = { control: "", title: "", severity: "", level: "", lessons: "" };
  const field = (path: string, label: string, cell: CellKind = TEXT, allowed = ""): WorkbookRow => ({
    ...none,
    path,
    label,
    allowed,
    basis: "",
    cell,
  });
  return [
    field("organization.name", "Organization name"),
    field("organization.jurisdiction", "Jurisdiction (e.g. JP, US-NY, EU)"),
    field("organization.registration", "Licence or registration number (optional)"),
    field(
      "organization.role",
      "Only in a wallet vendor's or custodian's own workbook: which it is (blank for the exchange)",
      ROLE,
      "Wallet vendor · Custodian",
    ),
    field("assessment.date", "Date the answers describe", DATE, "a date"),
    field("assessment.assessor", "Who made the assessment"),
    field("assessment.scope", "What the assessment covers"),
    ...catalog.profile.flatMap((q) => questionRows(`profile.${q.id}`, q, { ...none, control: "profile" })),
    ...Array.from({ length: Math.max(1, shape.thirdParties) }, (_, i) => {
      const n = i + 1;
      const which = n === 1 ? "Third party" : `Third party ${n}`;
      return [
        field(
          `third_parties.${n}.name`,
          `${which} that operates controls for you (wallet vendor, custodian); blank if none`,
        ),
        field(`third_parties.${n}.role`, `${which}: its role`, ROLE, "Wallet vendor · Custodian"),
        field(`third_parties.${n}.identifier`, `${which}: its registry number (法人番号, LEI), optional`),
        field(`third_parties.${n}.operates`, `${which}: control ids it operates, separated by semicolons`),
        field(`third_parties.${n}.answers`, `${which}: its own answers file, relative to this workbook`),
      ];
    }).flat(),
  ];
}

/** The evidence rows of one control: title, location, digest and date of each item. */
function evidenceRows(
  count: number,
  field: (suffix: string, label: string, cell?: CellKind, allowed?: string) => WorkbookRow,
): WorkbookRow[] {
  return Array.from({ length: Math.max(1, count) }, (_, i) => {
    const n = i + 1;
    const which = count > 1 ? `Evidence ${n}` : "Evidence";
    return [
      field(`evidence.${n}.title`, `${which}: title`),
      field(`evidence.${n}.location`, `${which}: file path or web address`),
      field(`evidence.${n}.sha256`, `${which}: SHA-256 of the file (optional)`),
      field(`evidence.${n}.date`, `${which}: date (optional)`, DATE, "a date"),
    ];
  }).flat();
}

/** The rows of the answers sheet: per control its questions, then N/A, evidence, exception, plan and notes. */
export function answerRows(catalog: Catalog, shape: WorkbookShape = BLANK_SHAPE): WorkbookRow[] {
  const lessonTitle = new Map(catalog.lessons.map((l) => [l.id, l.title]));
  return catalog.controls.flatMap((c) => {
    const about = {
      control: c.id,
      title: c.title,
      severity: c.severity,
      level: String(c.level),
      lessons: c.lessons.map((l) => lessonTitle.get(l) ?? l).join("; "),
    };
    const base = `answers.${c.id}`;
    const field = (suffix: string, label: string, cell: CellKind = TEXT, allowed = ""): WorkbookRow => ({
      ...about,
      path: `${base}.${suffix}`,
      label,
      allowed,
      basis: "",
      cell,
    });
    return [
      ...c.questions.flatMap((q) => questionRows(`${base}.responses.${q.id}`, q, about)),
      field(
        "not_applicable.justification",
        "Not applicable? Say why, in at least eight words (leave blank if it applies)",
      ),
      field("answered_on", "Date these answers were given (optional)", DATE, "a date"),
      ...evidenceRows(shape.evidence.get(c.id) ?? 1, field),
      field("exception.justification", "Accepted risk: why the gap is accepted (leave blank if none)"),
      field("exception.approver", "Accepted risk: who approved it"),
      field("exception.expires", "Accepted risk: when the acceptance expires", DATE, "a date"),
      field("remediation_plan.owner", "Remediation plan: owner (for a gap)"),
      field("remediation_plan.due", "Remediation plan: due date", DATE, "a date"),
      field("remediation_plan.management_response", "Remediation plan: management response"),
      field("notes", "Notes"),
    ];
  });
}

const choice = (pairs: readonly (readonly [string, string])[]): CellKind => ({
  kind: "choice",
  values: pairs.map(([value]) => value),
  labels: pairs.map(([, label]) => label),
});
const LEVEL = choice([
  ["independent_review", "Independent review of the answers"],
  ["tested", "Controls tested"],
]);
const PROCEDURE = choice([
  ["stated", "Stated: the answer taken as given"],
  ["inspected", "Inspected: the evidence examined"],
  ["tested", "Tested: operation tested or re-performed on a sample"],
]);
const CONCLUSION = choice([
  ["met", "Met"],
  ["partially_met", "Partially met"],
  ["not_met", "Not met"],
]);
const allowed = (k: CellKind) => (k.kind === "choice" ? k.labels.join(" · ") : "");

/**
 * The rows of the review sheet: the assessor's own record, kept apart from the organization's answers. Left blank,
 * the workbook is a self-assessment.
 */
export function reviewRows(catalog: Catalog): WorkbookRow[] {
  const none = { control: "", title: "", severity: "", level: "", lessons: "" };
  const head = (path: string, label: string, cell: CellKind = TEXT, says = ""): WorkbookRow => ({
    ...none,
    path,
    label,
    allowed: says,
    basis: "",
    cell,
  });
  return [
    head("review.reviewer", "Assessor (firm or team); leave this sheet blank for a self-assessment"),
    head("review.date", "Date of the review", DATE, "a date"),
    head("review.level", "Assurance the report claims", LEVEL, allowed(LEVEL)),
    ...catalog.controls.flatMap((c) => {
      const about = {
        control: c.id,
        title: c.title,
        severity: c.severity,
        level: String(c.level),
        lessons: "",
      };
      const row = (suffix: string, label: string, cell: CellKind = TEXT): WorkbookRow => ({
        ...about,
        path: `review.controls.${c.id}.${suffix}`,
        label,
        allowed: allowed(cell),
        basis: "",
        cell,
      });
      return [
        row("procedure", "How far the review went", PROCEDURE),
        row("sample", "What was sampled (for inspected and tested controls)"),
        row("conclusion", "The assessor's conclusion, where it differs from the answers", CONCLUSION),
        row("notes", "The assessor's notes"),
      ];
    }),
  ];
}
