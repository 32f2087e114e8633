// The report's outline as data: its sections in order, with titles and link targets. The Markdown template
// iterates it, the PDF draws and lists it, so a section is added in one place.
import type { Evaluation } from "../model/result.js";
import { SECTION_INTRO } from "./prose.js";

/** Link targets of the sections and appendix parts, shared by every renderer. */
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
  actionPlan: "appendix-action-plan",
  review: "appendix-review",
  notApplicable: "appendix-not-applicable",
  unanswered: "appendix-unanswered",
  methodology: "appendix-methodology",
  signOff: "appendix-sign-off",
} as const;

/** Link target of an incident's replay. */
export const incidentDest = (id: string) => `incident-${id}`;
/** Link target of a framework's coverage table. */
export const frameworkDest = (id: string) => `framework-${id}`;
/** Link target of a lesson. */
export const lessonDest = (id: string) => `lesson-${id}`;

/** A top-level section of the report. */
export interface OutlineSection {
  readonly id: "summary" | "replay" | "findings" | "lessons" | "controls" | "frameworks" | "appendix";
  readonly title: string;
  /** The link target (named destination in the PDF, anchor in Markdown). */
  readonly dest: string;
  /** The Markdown partial that renders the section's body. */
  readonly partial: string;
  /** The section's opening paragraph, the same in every renderer; null when it has none. */
  readonly intro: string | null;
  readonly children: readonly { readonly title: string; readonly dest: string }[];
}

/** The appendix parts, lettered as the document cites them. */
export const APPENDIX = [
  { id: "evidence", title: "A. Evidence index", dest: SECTION.evidence },
  { id: "exceptions", title: "B. Exceptions", dest: SECTION.exceptions },
  { id: "action_plan", title: "C. Management action plan", dest: SECTION.actionPlan },
  { id: "review", title: "D. Review by the assessor", dest: SECTION.review },
  { id: "not_applicable", title: "E. Controls not applicable", dest: SECTION.notApplicable },
  { id: "unanswered", title: "F. Unanswered questions", dest: SECTION.unanswered },
  { id: "methodology", title: "G. Methodology and definitions", dest: SECTION.methodology },
  { id: "sign_off", title: "H. Sign-off", dest: SECTION.signOff },
] as const;

/** The appendix parts by id, for renderers that title and anchor each one. */
export const APPENDIX_PART = Object.fromEntries(APPENDIX.map((a) => [a.id, a])) as {
  readonly [P in (typeof APPENDIX)[number] as P["id"]]: P;
};

const section = (
  id: OutlineSection["id"],
  title: string,
  dest: string,
  children: OutlineSection["children"] = [],
): OutlineSection => ({
  id,
  title,
  dest,
  partial: `section-${id}`,
  intro: SECTION_INTRO[id] ?? null,
  children,
});

/** The report's sections, in order, with the entries each lists under it. */
export function buildOutline(
  evaluation: Pick<Evaluation, "replay" | "lessons" | "controls" | "gaps">,
  replayOrder: readonly { id: string; name: string; date: string }[],
  frameworks: readonly { id: string; name: string; version: string }[],
): OutlineSection[] {
  return [
    section("summary", "Executive summary", SECTION.summary),
    section(
      "replay",
      "Incident replay: could these attacks happen to us?",
      SECTION.replay,
      replayOrder.map((r) => ({ title: `${r.name} (${r.date})`, dest: incidentDest(r.id) })),
    ),
    section("findings", "Findings: the gaps, ranked", SECTION.findings),
    section(
      "lessons",
      "Lessons",
      SECTION.lessons,
      evaluation.lessons.map((l) => ({ title: l.title, dest: lessonDest(l.id) })),
    ),
    section("controls", "Control details", SECTION.controls, controlEntries(evaluation)),
    section(
      "frameworks",
      "Framework coverage",
      SECTION.frameworks,
      frameworks.map((f) => ({ title: `${f.name} — ${f.version}`, dest: frameworkDest(f.id) })),
    ),
    section(
      "appendix",
      "Appendix",
      SECTION.appendix,
      APPENDIX.map((a) => ({ title: a.title, dest: a.dest })),
    ),
  ];
}

/**
 * Every control with a detail, in the order the details come: the gaps ranked, then the others in catalog order
 * (a control the profile scopes out has a row in the appendix instead). Its anchor is its id in lower case.
 */
function controlEntries(
  evaluation: Pick<Evaluation, "controls" | "gaps">,
): { title: string; dest: string }[] {
  const byId = new Map(evaluation.controls.map((r) => [r.control_id, r]));
  const gaps = evaluation.gaps.map((id) => byId.get(id)).filter((r) => r !== undefined);
  const others = evaluation.controls.filter(
    (r) => r.gap_rank === undefined && r.not_applicable_by !== "profile",
  );
  return [...gaps, ...others].map((r) => ({
    title: `${r.gap_rank !== undefined ? `${r.gap_rank}. ` : ""}${r.control_id} — ${r.title}`,
    dest: r.control_id.toLowerCase(),
  }));
}
