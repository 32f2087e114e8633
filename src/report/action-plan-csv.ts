// The management action plan as CSV: one row per gap, for the spreadsheet a compliance department tracks.
import { toCsv } from "./comparison/csv.js";
import type { ReportModel } from "./report-model.js";

/** The header of the action-plan CSV. */
export const ACTION_PLAN_COLUMNS = [
  "organization",
  "as_of",
  "control_id",
  "title",
  "severity",
  "status",
  "owner",
  "due",
  "management_response",
  "state",
] as const;

/** Renders the view model's action plan as RFC 4180 CSV, cells neutralised against formulas. */
export function actionPlanCsv(model: ReportModel): string {
  // A spreadsheet wants an empty cell where the document shows a dash.
  const cell = (v: string) => (v === "—" ? "" : v);
  const rows = model.appendix.action_plan.map((r) => [
    model.organization.name,
    model.assessment.as_of,
    r.control_id,
    r.title,
    r.severity,
    r.status,
    cell(r.owner),
    cell(r.due),
    cell(r.response),
    r.state,
  ]);
  return toCsv([[...ACTION_PLAN_COLUMNS], ...rows]);
}
