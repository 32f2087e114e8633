// Names of the link targets (named destinations), shared by the sections that define and link them.

/** Destinations of the sections, incidents, frameworks and lessons: the outline's own. */
export { APPENDIX_PART, frameworkDest, incidentDest, lessonDest, SECTION } from "../outline.js";

/** Destination of a control's detail, from its view-model anchor. */
/** A control's destination: its anchor, the same name the Markdown report links to, so one outline serves both. */
export const controlDest = (anchor: string) => anchor;
