// Words and marks for statuses and verdicts, shared by every renderer through the view model.

import type { Effect } from "../model/incident.js";
import type { CountermeasureReplay, IncidentReplay, Status, StepReplay } from "../model/result.js";
import type { ThirdPartyRole } from "../model/third-party.js";

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
  detected: { label: "Detected", mark: "🔔" },
  hindered: { label: "Hindered", mark: "🟡" },
  open: { label: "Open", mark: "🔓" },
};

/** Label for each incident verdict. */
export const INCIDENT_LABEL: Record<IncidentReplay["verdict"], string> = {
  stopped: "Would have been stopped",
  limited: "Not stopped, but the loss would have been limited",
  detected: "Not stopped, but it would have been detected in time to respond",
  hindered: "Not stopped, only hindered",
  not_stopped: "Would NOT have been stopped",
  not_applicable: "Does not apply",
};

/** What a countermeasure does when all its controls are met, as a verb phrase. */
export const EFFECT_LABEL: Record<Effect, string> = {
  prevents: "prevents",
  detects: "detects",
  hinders: "hinders",
  limits: "limits the loss",
};

/** The same, for a countermeasure that is not (fully) in place: what it would do, so "limits" is never read as done. */
export const EFFECT_WOULD_LABEL: Record<Effect, string> = {
  prevents: "would prevent",
  detects: "would detect",
  hinders: "would hinder",
  limits: "would limit the loss",
};

/** A kind of third party, as a sentence names it. */
export const PARTY_LABEL: Record<ThirdPartyRole, string> = {
  wallet_vendor: "your wallet vendor",
  custodian: "your custodian",
};

/** How a countermeasure stands for this organization. */
export const STATE_LABEL: Record<CountermeasureReplay["state"], string> = {
  in_place: "in place",
  partial: "partly in place",
  absent: "missing",
  not_applicable: "does not apply to you",
  profile_unanswered: "not credited: a scoping answer it depends on is blank",
  party_unanswered: "not credited: the third party's own answers are not given, or not current",
};

/** Definitions of the step verdicts, for every renderer's methodology. */
export const STEP_DEFINITIONS: readonly (readonly [StepReplay["verdict"], string])[] = [
  [
    "blocked",
    "A preventive countermeasure is in place: every control in it is met. The step fails as it happened.",
  ],
  [
    "limited",
    "Nothing prevents the step, but a met control caps what it can take (cold-storage share, velocity limits).",
  ],
  ["detected", "Nothing prevents or caps the step, but a met control would raise it in time to respond."],
  [
    "hindered",
    "Only a hindering countermeasure (training, simulations, assessments) is in place, or a preventive one is partly met: the step is made harder, not impossible.",
  ],
  ["open", "No countermeasure that applies to you is in place, or the catalog has none for this step."],
];

/** Definitions of the incident verdicts, for every renderer's methodology. */
export const INCIDENT_DEFINITIONS: readonly (readonly [IncidentReplay["verdict"], string])[] = [
  [
    "stopped",
    "At least one step is blocked. Depth counts the controls that would all have to fail to unblock every step.",
  ],
  ["limited", "No step is blocked, but the loss is capped at some step."],
  ["detected", "No step is blocked or capped, but one would be detected in time to respond."],
  ["hindered", "No step is blocked, capped or detected; some are made harder."],
  ["not_stopped", "Every step is open."],
  ["not_applicable", "The chain has no target in this organization (for example, no hot wallets to drain)."],
];

/** Definitions printed in the methodology appendix. */
export const STATUS_DEFINITIONS: Record<Status, string> = {
  met: "The answers satisfy the control's rule in full.",
  partially_met: "The answers satisfy only the rule's weaker condition for a partial result.",
  not_met: "The answers satisfy neither condition.",
  not_answered: "None of the questions the rule needs was answered; scored as not met.",
  risk_accepted:
    "A gap covered by an approved exception that has not expired; scored on the underlying answers.",
  not_applicable:
    "Excluded by the organization profile, or answered N/A with a justification; left out of scores.",
};
