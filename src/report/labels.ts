// Words and marks for statuses and verdicts, shared by every renderer through the view model.
import type { IncidentReplay, Status, StepReplay } from "../model/result.js";

/** Human label and a short mark for each status. */
export const STATUS_LABEL: Record<Status, { label: string; mark: string }> = {
  met: { label: "Met", mark: "✅" },
  partially_met: { label: "Partially met", mark: "🟡" },
  not_met: { label: "Not met", mark: "❌" },
  not_answered: { label: "Not answered", mark: "❔" },
  risk_accepted: { label: "Risk accepted", mark: "⚠️" },
  not_applicable: { label: "Not applicable", mark: "➖" },
};

/** Label and mark for each step verdict of an incident replay. */
export const STEP_LABEL: Record<StepReplay["verdict"], { label: string; mark: string }> = {
  blocked: { label: "Blocked", mark: "🛡️" },
  limited: { label: "Loss limited", mark: "🧯" },
  partly_blocked: { label: "Partly blocked", mark: "🟡" },
  open: { label: "Open", mark: "🔓" },
  not_applicable: { label: "Not applicable", mark: "➖" },
};

/** Label for each incident verdict. */
export const INCIDENT_LABEL: Record<IncidentReplay["verdict"], string> = {
  stopped: "Would have been stopped",
  hindered: "Would only have been hindered",
  limited: "Not stopped, but the loss would have been limited",
  not_stopped: "Would NOT have been stopped",
  not_applicable: "Does not apply",
};

/** Definitions printed in the methodology appendix. */
export const STATUS_DEFINITIONS: Record<Status, string> = {
  met: "The answers satisfy the control's rule in full.",
  partially_met: "The answers satisfy the rule's weaker `partially_met` condition only.",
  not_met: "The answers satisfy neither condition.",
  not_answered: "None of the questions the rule needs was answered; scored as not met.",
  risk_accepted:
    "A gap covered by an approved exception that has not expired; scored on the underlying answers.",
  not_applicable:
    "Excluded by the organization profile, or answered N/A with a justification; left out of scores.",
};
