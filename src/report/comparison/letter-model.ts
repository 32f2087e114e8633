// The supervisory feedback letter (`compare --focus`): one organization's position against its peers, in aggregate
// only. No peer row, name, pseudonym or file appears in it, so the addressee cannot re-identify a peer from it.
import { createHash } from "node:crypto";
import type { Comparison, FocusScore } from "../../model/comparison.js";
import type { DocumentInput } from "../document-view.js";
import { buildComparisonModel } from "./compare-model.js";
import { dayOf } from "./day-of.js";

/** What a letter is built from besides the comparison: the sender's letterhead, when a configuration gives one. */
export interface LetterInputs {
  readonly vaspcheckVersion: string;
  readonly document?: DocumentInput;
}

/** Where a percentile puts the addressee: the quarter of its peers it falls in, in words. */
export function percentileBand(percentile: number | null): string {
  if (percentile === null) return "—";
  if (percentile < 25) return "Lowest quarter";
  if (percentile < 50) return "Second quarter";
  if (percentile < 75) return "Third quarter";
  return "Highest quarter";
}

/** Builds the letter's view model. Pure; its renderers only lay it out. */
export function buildLetterModel(c: Comparison, inputs: LetterInputs) {
  const focus = c.focus;
  if (!focus) throw new Error("a letter needs a --focus organization");
  const view = buildComparisonModel(c, inputs).focus!;
  const config = inputs.document?.config;
  const addressee = c.organizations.find((o) => o.focus);
  // Dated like the sector report: the as-of date, or the latest assessment among the submissions compared.
  const latest = c.organizations
    .map((o) => dayOf(o.assessment_date))
    .sort()
    .at(-1);
  const date = config?.report.date ?? c.as_of ?? latest ?? "1970-01-01";
  const peers = c.organizations.length - 1;
  const band = (s: FocusScore) => (s.withheld !== null ? "—" : percentileBand(s.percentile));
  return {
    title: `Supervisory feedback: ${focus.label}`,
    sender: config?.firm?.name ?? "Supervisor (not named: give a letterhead with --report-config)",
    logo: inputs.document?.logo ?? null,
    reference: config?.report.number ?? "—",
    confidentiality: config?.report.confidentiality ?? "Confidential",
    date,
    addressee: {
      name: focus.label,
      registration: addressee?.registration ?? "",
      jurisdiction: addressee?.jurisdiction ?? "",
    },
    subject: `Your security self-assessment against ${c.catalog.id} ${c.catalog.version}, compared with ${peers} peers`,
    opening: `We have compared the answers you submitted (assessed ${addressee?.assessment_date ?? "—"}) with those of ${peers} other exchanges, each evaluated on the same catalog and replayed against the same past attacks. This letter gives your position in aggregate only: no other exchange is named, and any figure over fewer than ${focus.min_peers} peers is withheld.`,
    lessons: lessonRows(c, view, band),
    bands:
      "The percentile is the share of peers scoring lower, ties counting half. Lowest quarter: below the 25th percentile; second quarter: 25th to 50th; third quarter: 50th to 75th; highest quarter: 75th and above.",
    incidents: view.incidents.map((v, i) => ({
      ...v,
      in_scope: String(focus.incidents[i]?.peers_in_scope ?? 0),
    })),
    lagging: view.lagging,
    no_lagging: view.no_norms
      ? `No control has a sector norm yet: a norm needs at least 5 exchanges in scope, ${c.norm_threshold}% of them sharing one status.`
      : "On no control are you below the sector norm.",
    declared: declaredView(c),
    closing: closingOf(view.lagging.length > 0, (addressee?.declared_not_applicable.length ?? 0) > 0),
    signatories: (config?.signatories ?? [{ role: "For the supervisor" }]).map((s) => ({
      role: s.role,
      name: s.name ?? "",
      title: s.title ?? "",
    })),
    provenance: {
      catalog: `${c.catalog.id} ${c.catalog.version}`,
      vaspcheck_version: inputs.vaspcheckVersion,
      digest: letterDigest(c, inputs.document?.sha256),
    },
  };
}

/** The position rows: all compared controls, then each lesson, each band saying what declarations left out. */
function lessonRows(
  c: Comparison,
  view: NonNullable<ReturnType<typeof buildComparisonModel>["focus"]>,
  band: (s: FocusScore) => string,
) {
  const focus = c.focus!;
  const addressee = c.organizations.find((o) => o.focus);
  return [
    {
      number: "",
      ...view.overall,
      band: withDeclared(band(focus.overall), addressee?.declared_not_applicable.length ?? 0),
    },
    ...view.lessons.map((l, i) => ({
      ...l,
      band: withDeclared(band(focus.lessons[i]!), declaredIn(c, c.lessons[i]?.controls ?? [])),
    })),
  ];
}

/**
 * How many of a lesson's controls the addressee declared not applicable itself: they leave its score, so a band over
 * what remains may flatter it, and the row says so.
 */
function declaredIn(c: Comparison, controls: readonly string[]): number {
  const declared = new Set(c.organizations.find((o) => o.focus)?.declared_not_applicable ?? []);
  return controls.filter((id) => declared.has(id)).length;
}

function withDeclared(band: string, declared: number): string {
  if (declared === 0) return band;
  return `${band}; ${declared} ${declared === 1 ? "control" : "controls"} you declared not applicable left out`;
}

/** The controls the addressee declared not applicable by its own answer: they leave its score, so the letter names them. */
function declaredView(c: Comparison) {
  const addressee = c.organizations.find((o) => o.focus);
  const byId = new Map(c.controls.map((x) => [x.id, x]));
  const ids = addressee?.declared_not_applicable ?? [];
  return {
    note:
      ids.length === 0
        ? null
        : `You declared ${ids.length} ${ids.length === 1 ? "control" : "controls"} not applicable in your own answers. ${ids.length === 1 ? "It leaves" : "They leave"} your score and every comparison above; we will review each justification.`,
    controls: ids.map((id) => ({
      id,
      title: byId.get(id)?.title ?? "",
      severity: byId.get(id)?.severity ?? "",
    })),
  };
}

/** The request the letter closes with, naming only what the letter found. */
function closingOf(lagging: boolean, declared: boolean): string {
  const asks = [
    lagging ? "the controls where you are below the sector norm" : null,
    "the attacks your controls would not stop",
    declared ? "the justification of every control you declared not applicable" : null,
  ].filter((a): a is string => a !== null);
  const list = asks.length === 1 ? asks[0] : `${asks.slice(0, -1).join(", ")} and ${asks.at(-1)}`;
  return `We ask you to review ${list}, and to tell us within the period we set how and by when you will close those gaps. The figures rest on your own answers; where they were not independently tested, they say what you stated, not what was verified.`;
}

/** SHA-256 of the comparison the letter rests on and of the letterhead configuration. */
function letterDigest(c: Comparison, config: string | undefined): string {
  return createHash("sha256")
    .update(JSON.stringify(c))
    .update(config ? `\nreport-config ${config}` : "")
    .digest("hex");
}

/** The letter's view model. */
export type LetterModel = ReturnType<typeof buildLetterModel>;
