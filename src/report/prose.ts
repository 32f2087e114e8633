// The report's explanatory sentences, written once: the view model carries them and every renderer prints them,
// so the Markdown and the PDF report cannot drift apart in what they say the method is.

import type { OutlineSection } from "./outline.js";

/** The opening paragraph of a section, by section id; a section without one is left out. */
export const SECTION_INTRO: Readonly<Partial<Record<OutlineSection["id"], string>>> = {
  replay:
    "Each incident's attack chain is walked step by step against this organization's controls. Every step lists its countermeasures from the incident record: what prevents it, detects it in time to respond, hinders it or limits the loss, each with its reason and source. A countermeasure counts only when every control in it is met; a partly met preventive countermeasure only hinders. An attack is stopped only when some step is blocked; ◀ marks the step that decides the verdict. Each control links to its detail.",
  lessons:
    "Each lesson groups the controls that answer one failure seen in real incidents. A lesson reaches tier L when every applicable control of level L or below is met.",
  frameworks:
    "How the catalog's controls map to external frameworks and regulations. A requirement is covered when all its mapped controls are met, partial when some are, and a gap when none is.",
};

/**
 * The findings section when no gap is open. An accepted risk is a gap covered by an exception, never "no gap": the
 * sentence says how many there are and where they are.
 */
export function noGapsProse(accepted: number): string {
  if (accepted === 0) return "There are no open gaps: every applicable control is met.";
  return `There are no open gaps, but ${accepted === 1 ? "1 gap is" : `${accepted} gaps are`} covered by an approved exception (accepted ${accepted === 1 ? "risk" : "risks"}): the control is not met and the organization has accepted the risk until the exception expires. ${accepted === 1 ? "It is" : "They are"} listed under the control details and in the exceptions appendix.`;
}

/** The frameworks section of a catalog that maps none. */
export const NO_FRAMEWORKS = "The catalog maps no framework.";

/** How the score, the risk ranking and the tiers are computed, for the methodology appendix. */
export const METHOD_RULES = {
  score:
    "The severity-weighted share of credit over applicable controls: met earns 1, partially met ½, anything else 0. Accepted risks earn what their answers earn. Controls not applicable are left out.",
  risk: "Severity weight × how much is missing × (1 + ½ per incident the control counters); the last tie-break of the ranking.",
  tier: "A lesson reaches tier L when every applicable control of level L or below is met; the overall tier is the lowest tier across lessons.",
} as const;
