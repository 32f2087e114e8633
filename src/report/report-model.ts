// The view model: everything a report shows, sorted, counted and worded once, for every renderer.
import { createHash } from "node:crypto";
import { SEVERITY_WEIGHT, STATUSES } from "../engine/scoring.js";
import type { Catalog } from "../model/catalog.js";
import type { EvidenceCheck } from "../model/evidence-check.js";
import type { Question } from "../model/question.js";
import type { ControlResult, Evaluation } from "../model/result.js";
import { actionPlanRows, assuranceView, reviewRows } from "./assurance-view.js";
import { buildControlView, type ControlView } from "./control-view.js";
import { type DocumentInput, documentView } from "./document-view.js";
import {
  INCIDENT_DEFINITIONS,
  INCIDENT_LABEL,
  PARTY_LABEL,
  STATUS_DEFINITIONS,
  STATUS_LABEL,
  STEP_DEFINITIONS,
  STEP_LABEL,
} from "./labels.js";
import { APPENDIX_PART, buildOutline, frameworkDest, lessonDest } from "./outline.js";
import { METHOD_RULES, NO_FRAMEWORKS, noGapsProse } from "./prose.js";
import { buildFixPlanView, buildReplayView } from "./replay-view.js";

/** Digests and versions that make a report reproducible. */
export interface ReportInputs {
  readonly answersFile: string;
  readonly answersSha256: string;
  readonly vaspcheckVersion: string;
  /** The third parties' own answers files the evaluation read, with their digests. */
  readonly thirdPartyFiles?: readonly {
    readonly name: string;
    readonly file: string;
    readonly sha256: string;
  }[];
  /** The report configuration (issuing firm, status, number, opinion, signatories), when one was given. */
  readonly document?: DocumentInput;
  /** What `--verify-evidence` found of each evidence file; absent when the files were not checked. */
  readonly evidence?: readonly EvidenceCheck[];
}

const pct = (score: number | null) => (score === null ? "n/a" : `${score.toFixed(1)}%`);

/** What every part of the view model reads: the evaluation, the catalog, and shared lookups. */
interface ViewContext {
  readonly evaluation: Evaluation;
  readonly catalog: Catalog;
  readonly view: (id: string) => ControlView;
  readonly tierName: (level: number | null) => string;
}

/** Builds the report view model from an evaluation. Pure: renderers only lay this out. */
export function buildReportModel(evaluation: Evaluation, catalog: Catalog, inputs: ReportInputs) {
  const controls = new Map(catalog.controls.map((c) => [c.id, c]));
  const views = new Map<string, ControlView>(
    evaluation.controls.map((r) => [
      r.control_id,
      buildControlView(r, controls.get(r.control_id)!, catalog, inputs.evidence),
    ]),
  );
  const ctx: ViewContext = {
    evaluation,
    catalog,
    view: (id) => views.get(id)!,
    tierName: (level) =>
      level === null ? "n/a" : `${level} – ${catalog.meta.tiers.find((t) => t.level === level)?.name ?? ""}`,
  };
  // Newest incidents first: they are the attacks an exchange is most likely to face next.
  const replay = buildReplayView(evaluation, catalog, (id) => id.toLowerCase());
  const frameworks = frameworksView(evaluation, catalog);
  const assurance = assuranceView(evaluation);
  return {
    title: `Security gap report: ${evaluation.organization.name}`,
    outline: buildOutline(evaluation, replay, frameworks),
    organization: {
      name: evaluation.organization.name,
      jurisdiction: evaluation.organization.jurisdiction,
      registration: evaluation.organization.registration ?? "—",
    },
    assessment: { ...evaluation.assessment, as_of: evaluation.as_of },
    assurance,
    document: documentView(inputs.document, evaluation, assurance.label),
    provenance: provenanceView(evaluation, inputs),
    summary: summaryView(ctx),
    lessons: lessonsView(ctx),
    replay,
    fix_plan: buildFixPlanView(evaluation, catalog),
    gaps: evaluation.gaps.map(ctx.view),
    /**
     * Controls without an open gap (met, accepted risks, declared not applicable), in catalog order, without those the profile scopes out (appendix E lists them
     * with the reason): the rest of a complete per-control detail.
     */
    other_controls: evaluation.controls
      .filter((r) => r.gap_rank === undefined && r.not_applicable_by !== "profile")
      .map((r) => ctx.view(r.control_id)),
    frameworks,
    appendix: appendixView(ctx, controls),
    /** Sentences for states of the document, worded once for every renderer. */
    prose: {
      no_gaps: noGapsProse(evaluation.overall.counts.risk_accepted ?? 0),
      no_frameworks: NO_FRAMEWORKS,
    },
  };
}

function provenanceView(evaluation: Evaluation, inputs: ReportInputs) {
  return {
    catalog_id: evaluation.catalog.id,
    catalog_version: evaluation.catalog.version,
    answered_catalog_version: evaluation.answered_catalog.version,
    catalog_sha256: evaluation.catalog.digest,
    answers_file: inputs.answersFile,
    answers_sha256: inputs.answersSha256,
    /** The third parties' answers files, each a row of the provenance table. */
    third_party_files: (inputs.thirdPartyFiles ?? []).map((f) => ({ label: `Answers of ${f.name}`, ...f })),
    // The parties' digests join only when there are any, so the digest of a report without them stays as it was.
    inputs_sha256: sha256Hex(
      `${inputs.answersSha256}\n${evaluation.catalog.digest}\n${evaluation.as_of}\n${inputs.vaspcheckVersion}` +
        (inputs.thirdPartyFiles ?? []).map((f) => `\n${f.sha256}`).join("") +
        (inputs.document ? `\nreport-config ${inputs.document.sha256}` : ""),
    ),
    vaspcheck_version: inputs.vaspcheckVersion,
    result_format: evaluation.format,
  };
}

function summaryView({ evaluation, view, tierName }: ViewContext) {
  const replay = evaluation.replay;
  // evaluate() lists them, most severe first; the view only looks them up.
  const byId = new Map(evaluation.controls.map((r) => [r.control_id, r]));
  const answeredNa = evaluation.overall.declared_not_applicable.map((id) => byId.get(id)!);
  const counted =
    evaluation.overall.score_counting_declared_na === null
      ? null
      : pct(evaluation.overall.score_counting_declared_na);
  return {
    score: pct(evaluation.overall.score),
    score_value: evaluation.overall.score,
    /** Controls the organization itself declared not applicable, most severe first: they leave the score. */
    answered_na: answeredNa.map((r) => ({
      id: r.control_id,
      anchor: view(r.control_id).anchor,
      title: r.title,
      severity: r.severity,
      justification: r.not_applicable_justification ?? "",
    })),
    /** The score with those controls counted as not met, so a reader sees what the exemptions are worth. */
    score_counting_answered_na: counted,
    /** The sentence both renderers print above that list. */
    answered_na_note:
      counted === null
        ? null
        : `${answeredNa.length} ${answeredNa.length === 1 ? "control" : "controls"} declared not applicable by the answers ${answeredNa.length === 1 ? "leaves" : "leave"} the score; counted as not met, the score would be ${counted} instead of ${pct(evaluation.overall.score)}. Each needs a justification an auditor accepts.`,
    ...thirdPartiesView(evaluation),
    ...acceptedRisksView(evaluation, view),
    tier: tierName(evaluation.overall.tier),
    tier_level: evaluation.overall.tier,
    tier_note: tierNote(evaluation),
    total_controls: evaluation.controls.length,
    gap_count: evaluation.gaps.length,
    /** Gaps covered by an approved exception: not open, still gaps, and said beside every gap figure. */
    accepted_count: evaluation.overall.counts.risk_accepted ?? 0,
    statuses: STATUSES.map((s) => ({
      status: s,
      label: STATUS_LABEL[s].label,
      mark: STATUS_LABEL[s].mark,
      count: evaluation.overall.counts[s] ?? 0,
    })),
    top_gaps: evaluation.gaps.slice(0, 10).map(view),
    incidents_stopped: replay.filter((r) => r.verdict === "stopped").length,
    incidents_single_point: replay.filter((r) => r.verdict === "stopped" && r.depth === 1).length,
    incidents_not_stopped: replay.filter((r) => r.verdict !== "stopped" && r.verdict !== "not_applicable")
      .length,
    incidents_in_scope: replay.filter((r) => r.verdict !== "not_applicable").length,
    incidents_total: replay.length,
  };
}

/**
 * Critical controls whose gap the organization has accepted under a valid exception: the summary names them, so a
 * reader learns of an accepted risk on a critical control before the appendix.
 */
function acceptedRisksView(evaluation: Evaluation, view: ViewContext["view"]) {
  const accepted = evaluation.controls.filter(
    (r) => r.status === "risk_accepted" && r.severity === "critical" && r.exception,
  );
  return {
    accepted_critical: accepted.map((r) => ({
      id: r.control_id,
      anchor: view(r.control_id).anchor,
      title: r.title,
      approver: r.exception!.approver,
      expires: r.exception!.expires,
      justification: r.exception!.justification,
    })),
    accepted_critical_note:
      accepted.length === 0
        ? null
        : `${accepted.length} critical ${accepted.length === 1 ? "control is a gap" : "controls are gaps"} the organization has accepted as a risk under an exception that has not expired: ${accepted.length === 1 ? "it stops" : "they stop"} no attack in the replay until fixed.`,
  };
}

function lessonsView({ evaluation, catalog, view, tierName }: ViewContext) {
  return evaluation.lessons.map((lesson) => {
    const def = catalog.lessons.find((l) => l.id === lesson.id)!;
    return {
      id: lesson.id,
      dest: lessonDest(lesson.id),
      title: lesson.title,
      narrative: def.narrative,
      incidents: def.incidents.map((id) => catalog.incidents.find((i) => i.id === id)?.name ?? id).join(", "),
      score: pct(lesson.score),
      score_value: lesson.score,
      tier: tierName(lesson.tier),
      tier_level: lesson.tier,
      controls: lesson.controls.map(view),
    };
  });
}

function frameworksView(evaluation: Evaluation, catalog: Catalog) {
  return evaluation.frameworks.map((fw) => {
    const def = catalog.frameworks.find((f) => f.id === fw.id);
    const unconfirmed = new Map((def?.requirements ?? []).map((r) => [r.id, r.unconfirmed]));
    return frameworkView(fw, def?.checked ?? null, unconfirmed);
  });
}

function frameworkView(
  fw: Evaluation["frameworks"][number],
  checked: string | null,
  unconfirmed: ReadonlyMap<string, string | undefined>,
) {
  return {
    id: fw.id,
    dest: frameworkDest(fw.id),
    name: fw.title,
    version: fw.version,
    /** How the catalog checked the ids against the text, and what it could not. */
    checked,
    score: pct(fw.score),
    score_value: fw.score,
    mapped_controls: fw.controls.length,
    requirements: fw.requirements.map((req) => ({
      id: req.id,
      title: unconfirmed.get(req.id)
        ? `${req.title} (${unconfirmed.get(req.id)?.replace(/\.$/, "")})`
        : req.title,
      status: req.status,
      status_label: COVERAGE_LABEL[req.status],
      controls: req.controls.map((c) => `${c.id} (${STATUS_LABEL[c.status].label})`).join(", "),
    })),
  };
}

/** Why the profile scopes a control out, in the profile's words: the scoping answer that does not hold. */
function scopedOutReason(view: ControlView): string {
  const applies = view.rules.find((r) => r.rule === "applies_if");
  const failed = applies?.checks.filter((c) => !c.is_group && !c.passed) ?? [];
  if (failed.length === 0) return "Out of scope per the organization profile";
  return `Out of scope per the profile: ${failed.map((c) => `${c.question} (answered ${c.answer})`).join("; ")}`;
}

/** The controls not applicable, with why: answered N/A with its justification, or the profile answer that scopes it out. */
function notApplicableRows(ctx: ViewContext) {
  return ctx.evaluation.controls
    .filter((r) => r.status === "not_applicable")
    .map((r) => ({
      control_id: r.control_id,
      anchor: ctx.view(r.control_id).anchor,
      title: r.title,
      reason:
        r.not_applicable_by === "answer"
          ? `Answered N/A: ${r.not_applicable_justification ?? ""}`
          : scopedOutReason(ctx.view(r.control_id)),
      /** Scoped out by the profile: it has no detail page, so this row is where links to it lead. */
      scoped_out: r.not_applicable_by === "profile",
    }));
}

function appendixView(ctx: ViewContext, controls: ReadonlyMap<string, Catalog["controls"][number]>) {
  const { evaluation, catalog } = ctx;
  const plan = actionPlanRows(evaluation, ctx.view);
  const unplanned = plan.filter((r) => r.unplanned_critical).length;
  return {
    unanswered: evaluation.controls
      .filter((r) => r.status === "not_answered" || r.unanswered_questions.length > 0)
      .map((r) => ({
        control_id: r.control_id,
        anchor: ctx.view(r.control_id).anchor,
        title: r.title,
        questions: unansweredQuestions(r, controls.get(r.control_id)?.questions ?? []),
      })),
    action_plan: plan,
    /** The warning above the plan when a critical gap has none; null when every critical gap has one. */
    critical_unplanned_note:
      unplanned === 0
        ? null
        : `${unplanned} critical ${unplanned === 1 ? "gap has" : "gaps have"} no remediation plan.`,
    review: reviewRows(evaluation, ctx.view),
    exceptions: evaluation.controls
      .filter((r) => r.exception)
      .map((r) => ({
        control_id: r.control_id,
        anchor: ctx.view(r.control_id).anchor,
        title: r.title,
        justification: r.exception!.justification,
        // An operated control's exception is the operator's own, and its approver the operator's.
        approver: r.operated_by ? `${r.exception!.approver} (${r.operated_by.name})` : r.exception!.approver,
        expires: r.exception!.expires,
        state: r.exception!.expired
          ? `expired on ${r.exception!.expires}; status reverts to ${STATUS_LABEL[r.status].label}`
          : "valid",
      })),
    not_applicable: notApplicableRows(ctx),
    evidence: evaluation.controls.flatMap((r) =>
      r.evidence.map((e, i) => ({
        control_id: r.control_id,
        anchor: ctx.view(r.control_id).anchor,
        // An operated control's evidence is the operator's, its path relative to the operator's own file.
        title: r.operated_by ? `${e.title} (${r.operated_by.name}'s evidence)` : e.title,
        location: e.url ?? e.path ?? "—",
        sha256: e.sha256 ?? "—",
        date: e.date ?? "—",
        checked: ctx.view(r.control_id).evidence[i]?.verification ?? "",
      })),
    ),
    methodology: methodologyView(catalog),
    /** Title and link target of each appendix part, as the outline names them. */
    parts: APPENDIX_PART,
  };
}

function methodologyView(catalog: Catalog) {
  return {
    statuses: STATUSES.map((s) => ({
      status: s,
      label: STATUS_LABEL[s].label,
      mark: STATUS_LABEL[s].mark,
      definition: STATUS_DEFINITIONS[s],
    })),
    weights: Object.entries(SEVERITY_WEIGHT).map(([severity, weight]) => ({ severity, weight })),
    tiers: catalog.meta.tiers.map((t) => ({ level: t.level, name: t.name })),
    rules: METHOD_RULES,
    step_verdicts: STEP_DEFINITIONS.map(([verdict, definition]) => ({
      verdict,
      label: STEP_LABEL[verdict].label,
      mark: STEP_LABEL[verdict].mark,
      definition,
    })),
    incident_verdicts: INCIDENT_DEFINITIONS.map(([verdict, definition]) => ({
      verdict,
      label: INCIDENT_LABEL[verdict],
      definition,
    })),
  };
}

/** The report view model. Its type is inferred from the builder, the one place its shape is defined. */
export type ReportModel = ReturnType<typeof buildReportModel>;
export type { ControlView };

const COVERAGE_LABEL = {
  covered: "Covered",
  partial: "Partial",
  gap: "Gap",
  not_applicable: "Not applicable",
  not_mapped: "Not mapped",
} as const;

function unansweredQuestions(result: ControlResult, questions: readonly Question[]): string[] {
  const ids = result.status === "not_answered" ? questions.map((q) => q.id) : result.unanswered_questions;
  return ids.map((id) => questions.find((q) => q.id === id)?.text ?? id);
}

function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** The third parties that operate controls, and the sentence both renderers print above them. */
function thirdPartiesView(evaluation: Evaluation) {
  return {
    /** The sentence both renderers print above the third parties, when there are any. */
    third_parties_note:
      evaluation.third_parties.length === 0
        ? null
        : "Controls operated by third parties are decided by their own answers; replayed steps that happen inside them are decided by those answers too.",
    /** Third parties that operate controls: who, what, and whether their own answers could be used. */
    third_parties: evaluation.third_parties.map((t) => ({
      name: t.name,
      role: PARTY_LABEL[t.role].replace(/^your /, ""),
      operates: t.operates.join(", "),
      answers:
        t.answers === "current"
          ? `own answers of ${t.date}${t.assessor ? `, by ${t.assessor}` : ""}`
          : t.answers === "stale"
            ? `answers of ${t.date}, more than a year old: not used`
            : "no answers given: its controls count as not answered",
    })),
  };
}

/**
 * What holds the tier where it is: the lessons at the lowest tier and their controls of the next level that are not
 * met. A high score with tier 0 reads as a contradiction unless the report says which few controls decide it.
 */
function tierNote(evaluation: Evaluation): string | null {
  const tier = evaluation.overall.tier;
  if (tier === null) return null;
  const byId = new Map(evaluation.controls.map((c) => [c.control_id, c]));
  const holding = evaluation.lessons
    .filter((l) => l.tier === tier)
    .map((l) => {
      const ids = l.controls.filter((id) => {
        const c = byId.get(id);
        return c !== undefined && c.level === tier + 1 && c.status !== "met" && c.status !== "not_applicable";
      });
      return { title: l.title, ids };
    })
    .filter((l) => l.ids.length > 0);
  if (holding.length === 0) return null;
  const named = holding
    .slice(0, 4)
    .map((l) => `${l.title} (${l.ids.join(", ")})`)
    .join("; ");
  const more = holding.length > 4 ? `; and ${holding.length - 4} more lessons` : "";
  return `Tier ${tier} because level-${tier + 1} controls are not met in ${holding.length === 1 ? "one lesson" : `${holding.length} lessons`}: ${named}${more}.`;
}
