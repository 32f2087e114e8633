// Writes a commented answers template for a catalog: every question's text, type and allowed values as comments.
import { Document, isMap, isPair, isScalar, type Node, type Pair, type Scalar, YAMLMap } from "yaml";
import { describeType } from "../answers/check-value.js";
import type { Catalog } from "../model/catalog.js";
import type { Question } from "../model/question.js";

function pairOf(map: unknown, key: string): Pair<Scalar, Node> | undefined {
  if (!isMap(map)) return undefined;
  return map.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key) as
    | Pair<Scalar, Node>
    | undefined;
}

function comment(map: unknown, key: string, text: string): void {
  const pair = pairOf(map, key);
  if (pair && isScalar(pair.key))
    pair.key.commentBefore = text
      .split("\n")
      .map((l) => ` ${l}`)
      .join("\n");
}

function questionComment(q: Question): string {
  const lines = [q.text, `type: ${q.type} — ${describeType(q)}`];
  if ("choices" in q) for (const c of q.choices) lines.push(`  ${c.value}: ${c.label}`);
  if (q.help) lines.push(q.help);
  return lines.join("\n");
}

/** Options of the answers template. */
export interface TemplateOptions {
  /** Assessment date to pre-fill (`YYYY-MM-DD`); left empty when absent. */
  readonly date?: string;
}

/** Renders the answers template for a catalog as commented YAML. */
export function renderAnswersTemplate(catalog: Catalog, options: TemplateOptions = {}): string {
  const doc = new Document(templateData(catalog, options));
  doc.commentBefore = [
    ` vaspcheck answers file for ${catalog.meta.id} ${catalog.meta.version}`,
    " Fill in every null. Leave a response null if you cannot answer it: it counts as a failed check.",
    " Per control you may add: not_applicable: {justification}, exception: {justification, approver, expires},",
    " remediation_plan: {owner, due, management_response}, answered_on: YYYY-MM-DD.",
    " Evidence entries: {title, path or url, sha256 (optional), date (optional)}. Dates are YYYY-MM-DD.",
    " Check the file with: npx vaspcheck validate <this file>",
  ].join("\n");
  const root = doc.contents;
  commentSections(root);
  commentQuestions(root, catalog);
  if (root instanceof YAMLMap)
    root.items.forEach((p, i) => {
      if (i > 0 && isPair(p) && isScalar(p.key)) p.key.spaceBefore = true;
    });
  return doc.toString({ lineWidth: 0, nullStr: "" });
}

/** An empty answers file: every value to fill in is null, the catalog block is filled in. */
function templateData(catalog: Catalog, options: TemplateOptions) {
  return {
    organization: { name: null, jurisdiction: null, registration: null },
    assessment: { date: options.date ?? null, assessor: null, scope: null },
    catalog: { id: catalog.meta.id, version: catalog.meta.version },
    profile: Object.fromEntries(catalog.profile.map((q) => [q.id, null])),
    third_parties: [],
    answers: Object.fromEntries(
      catalog.controls.map((c) => [
        c.id,
        { responses: Object.fromEntries(c.questions.map((q) => [q.id, null])), evidence: [], notes: null },
      ]),
    ),
  };
}

/** Says above each top-level block what it is for. */
function commentSections(root: unknown): void {
  comment(
    root,
    "organization",
    "Who is assessed. jurisdiction: e.g. JP, US-NY, EU; registration: licence or registration number.",
  );
  comment(
    root,
    "assessment",
    "date: the day the answers describe (reports are evaluated as of this date unless --as-of is given).",
  );
  comment(root, "catalog", "The catalog these answers were written for; do not edit.");
  comment(root, "profile", "Scoping questions: they decide which controls apply.");
  comment(
    root,
    "third_parties",
    [
      "Vendors and custodians that operate controls for you, each as:",
      "  - {name, role: wallet_vendor or custodian, identifier (法人番号 or LEI, optional), operates: [control ids],",
      "     answers: their own answers file, relative to this one}",
      "Their answers decide the controls they operate and the replayed attack steps inside them; do not answer those",
      "controls yourself. Without their file, or with one more than a year old, those controls count as not answered.",
    ].join("\n"),
  );
}

/** Puts each question's text, type and allowed values above its key, and each control's title above the control. */
function commentQuestions(root: unknown, catalog: Catalog): void {
  const profile = pairOf(root, "profile")?.value;
  for (const q of catalog.profile) comment(profile, q.id, questionComment(q));
  const answers = pairOf(root, "answers")?.value;
  for (const control of catalog.controls) {
    comment(
      answers,
      control.id,
      `${control.id} [${control.severity}] ${control.title}\n${control.objective}`,
    );
    const responses = pairOf(pairOf(answers, control.id)?.value, "responses")?.value;
    for (const q of control.questions) comment(responses, q.id, questionComment(q));
  }
}
