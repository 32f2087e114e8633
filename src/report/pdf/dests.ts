// Names of the link targets (named destinations), shared by the sections that define and link them.

/** Destinations of the sections, incidents, frameworks and lessons: the outline's own. */
export { APPENDIX_PART, frameworkDest, incidentDest, lessonDest, SECTION } from "../outline.js";

/** Destination of a control's detail, from its view-model anchor. */
export const controlDest = (anchor: string) => `control-${anchor}`;
