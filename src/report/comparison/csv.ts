// CSV output: one row per organization × control, RFC 4180 quoting, and cells neutralised against formula injection.
import { stringify } from "csv-stringify/sync";
import type { Comparison } from "../../model/comparison.js";
import { neutraliseText } from "../document-text.js";

/**
 * Characters that make a spreadsheet treat a cell as a formula (OWASP "CSV injection"), including the
 * full-width forms some spreadsheets also accept, and tab/CR which can hide a formula behind whitespace.
 */
const FORMULA_START = /^[\s]*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/u;

/** Prefixes `'` to a cell that a spreadsheet would evaluate, so it is shown as text instead. */
export function neutralizeFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/**
 * Renders rows as RFC 4180 CSV with CRLF line ends (quoting by csv-stringify). Every cell is neutralised first:
 * csv-stringify's own `escape_formulas` misses full-width signs and a formula behind leading spaces. Control and
 * bidi characters are neutralised before that (`neutraliseText`), so what the formula test sees is what a reader sees.
 */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return stringify(
    rows.map((row) => row.map((cell) => neutralizeFormula(neutraliseText(cell)))),
    { record_delimiter: "windows", quoted_match: /[\r\n]/ },
  );
}

/** The columns of the comparison CSV. */
export const COMPARISON_CSV_COLUMNS = [
  "organization",
  "pseudonymous",
  "jurisdiction",
  "registration",
  "file",
  "sha256",
  "signature",
  "assurance",
  "answered_catalog_version",
  "catalog_standing",
  "assessment_date",
  "overall_score",
  "overall_tier",
  "control_id",
  "control_title",
  "severity",
  "level",
  "lessons",
  "status",
  "not_applicable_by",
] as const;

/**
 * Renders a comparison as tidy CSV (one row per organization × compared control), ready for a spreadsheet or pandas.
 * A control the organization's catalog version cannot answer has status `not_compared`; a not-applicable one says
 * whether the profile or the organization's own answer ruled it out.
 */
export function renderComparisonCsv(comparison: Comparison): string {
  const text = (value: string | number | null | undefined) =>
    value === null || value === undefined ? "" : String(value);
  const rows: string[][] = [[...COMPARISON_CSV_COLUMNS]];
  for (const org of comparison.organizations) {
    for (const control of comparison.controls) {
      rows.push([
        org.label,
        org.pseudonymous ? "true" : "false",
        text(org.jurisdiction),
        text(org.registration),
        text(org.file),
        org.sha256,
        org.signature,
        org.assurance,
        org.answered_catalog_version,
        org.catalog_standing,
        org.assessment_date,
        text(org.score),
        text(org.tier),
        control.id,
        control.title,
        control.severity,
        String(control.level),
        control.lessons.join(";"),
        org.controls[control.id] ?? "",
        notApplicableBy(org, control.id),
      ]);
    }
  }
  return toCsv(rows);
}

/** `answer` for a control the organization declared not applicable itself, `profile` for one its profile excludes. */
function notApplicableBy(org: Comparison["organizations"][number], id: string): string {
  if (org.controls[id] !== "not_applicable") return "";
  return org.declared_not_applicable.includes(id) ? "answer" : "profile";
}
