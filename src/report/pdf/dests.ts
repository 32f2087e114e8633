// Names of the link targets (named destinations), shared by the sections that define and link them.

/** Destinations of the sections: the outline's own. */
export { SECTION } from "../outline.js";

/** Destination of a control's detail, from its view-model anchor. */
export const controlDest = (anchor: string) => `control-${anchor}`;
/** Destination of an incident's replay. */
export const incidentDest = (id: string) => `incident-${id}`;
/** Destination of a framework's coverage table. */
export const frameworkDest = (id: string) => `framework-${id}`;
/** Destination of a lesson. */
export const lessonDest = (id: string) => `lesson-${id}`;
