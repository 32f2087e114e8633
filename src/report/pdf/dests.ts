// Names of the link targets (named destinations), shared by the sections that define and link them.

/** Destination of a top-level section. */
export const SECTION = {
  contents: "contents",
  summary: "summary",
  replay: "incident-replay",
  findings: "findings",
  lessons: "lessons",
  controls: "control-details",
  frameworks: "framework-coverage",
  appendix: "appendix",
  evidence: "appendix-evidence",
  exceptions: "appendix-exceptions",
  notApplicable: "appendix-not-applicable",
  unanswered: "appendix-unanswered",
  methodology: "appendix-methodology",
  signOff: "appendix-sign-off",
} as const;

/** Destination of a control's detail, from its view-model anchor. */
export const controlDest = (anchor: string) => `control-${anchor}`;
/** Destination of an incident's replay. */
export const incidentDest = (id: string) => `incident-${id}`;
/** Destination of a framework's coverage table. */
export const frameworkDest = (id: string) => `framework-${id}`;
/** Destination of a lesson. */
export const lessonDest = (id: string) => `lesson-${id}`;
