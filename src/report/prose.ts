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

/** The findings section when nothing is a gap. */
export const NO_GAPS = "There are no gaps: every applicable control is met or covered by a valid exception.";

/** The frameworks section of a catalog that maps none. */
export const NO_FRAMEWORKS = "The catalog maps no framework.";

/** How the score, the risk ranking and the tiers are computed, for the methodology appendix. */
export const METHOD_RULES = {
  score:
    "The severity-weighted share of credit over applicable controls: met earns 1, partially met ½, anything else 0. Accepted risks earn what their answers earn. Controls not applicable are left out.",
  risk: "Severity weight × how much is missing × (1 + ½ per incident the control counters); the last tie-break of the ranking.",
  tier: "A lesson reaches tier L when every applicable control of level L or below is met; the overall tier is the lowest tier across lessons.",
} as const;
