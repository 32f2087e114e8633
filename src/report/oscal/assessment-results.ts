// The evaluation as an OSCAL 1.1.3 assessment-results document, for GRC tools: the applicable controls as reviewed
// controls, each answered control an observation with its evidence, each gap a finding with its risk, an accepted risk
// as a deviation approved until its exception expires, a remediation plan as the risk's planned response.
import type { ControlResult, Evaluation } from "../../model/result.js";
import { STATUS_LABEL } from "../labels.js";
import { uuidV5 } from "./uuid.js";

/** The OSCAL version the document claims and is validated against. */
export const OSCAL_VERSION = "1.1.3";
/** The namespace of vaspcheck's own OSCAL properties. */
const NS = "urn:vaspcheck:oscal";

type Json = Record<string, unknown>;

/**
 * Renders the assessment results. Every UUID is derived from the organization, the catalog and an id (version 5), and
 * every date from the assessment and as-of dates, so the same inputs give the same bytes.
 */
export function renderOscalAssessmentResults(evaluation: Evaluation, vaspcheckVersion: string): string {
  const scope = `${evaluation.organization.name}|${evaluation.catalog.id}@${evaluation.catalog.version}|${evaluation.as_of}`;
  const id = (kind: string, name = "") => uuidV5(`${scope}|${kind}|${name}`);
  const applicable = evaluation.controls.filter((c) => c.status !== "not_applicable");
  const resources: Json[] = [methodResource(evaluation, id("method"))];
  const observations = applicable
    .filter((c) => c.status !== "not_answered")
    .map((c) => observation(evaluation, c, id, resources));
  const troubled = applicable.filter((c) => c.status !== "met");
  const risks = troubled.map((c) => risk(c, id));
  const findings = applicable.map((c) => finding(c, id, observations.length > 0));
  const document = {
    "assessment-results": {
      uuid: id("document"),
      metadata: metadata(evaluation, vaspcheckVersion, id),
      "import-ap": {
        href: `#${id("method")}`,
        remarks:
          "No OSCAL assessment plan exists for a questionnaire self-assessment; the reference is to the catalog and method used.",
      },
      results: [
        {
          uuid: id("result"),
          title: `Gap assessment of ${evaluation.organization.name} against ${evaluation.catalog.id} ${evaluation.catalog.version}`,
          description: evaluation.assessment.scope,
          start: dateTime(evaluation.assessment.date),
          end: dateTime(evaluation.as_of),
          props: [
            prop("score", evaluation.overall.score === null ? "none" : evaluation.overall.score.toFixed(1)),
            prop("tier", evaluation.overall.tier === null ? "none" : String(evaluation.overall.tier)),
            prop("assurance", evaluation.review ? evaluation.review.level : "self_assessment"),
          ],
          "reviewed-controls": {
            "control-selections": [
              applicable.length > 0
                ? { "include-controls": applicable.map((c) => ({ "control-id": c.control_id })) }
                : { description: "No control of the catalog applies to this organization." },
            ],
          },
          ...(observations.length > 0 ? { observations } : {}),
          ...(risks.length > 0 ? { risks } : {}),
          ...(findings.length > 0 ? { findings } : {}),
        },
      ],
      "back-matter": { resources },
    },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

type Ids = (kind: string, name?: string) => string;

function metadata(e: Evaluation, vaspcheckVersion: string, id: Ids): Json {
  const parties = [
    { uuid: id("party", "organization"), type: "organization", name: e.organization.name },
    { uuid: id("party", "assessor"), type: "organization", name: e.assessment.assessor },
    ...(e.review ? [{ uuid: id("party", "reviewer"), type: "organization", name: e.review.reviewer }] : []),
  ];
  return {
    title: `Security gap assessment of ${e.organization.name}`,
    "last-modified": dateTime(e.as_of),
    version: e.as_of,
    "oscal-version": OSCAL_VERSION,
    props: [prop("generator", `vaspcheck ${vaspcheckVersion}`)],
    roles: [
      { id: "assessed-organization", title: "Assessed organization" },
      { id: "assessor", title: "Assessor" },
    ],
    parties,
    "responsible-parties": [
      { "role-id": "assessed-organization", "party-uuids": [parties[0]!.uuid] },
      { "role-id": "assessor", "party-uuids": parties.slice(1).map((p) => p.uuid) },
    ],
  };
}

function methodResource(e: Evaluation, uuid: string): Json {
  return {
    uuid,
    title: `vaspcheck catalog ${e.catalog.id} ${e.catalog.version}`,
    description:
      "The control catalog and rules the answers were evaluated against; its digest identifies the catalog's content.",
    props: [prop("catalog-digest", e.catalog.digest)],
  };
}

/** How an observation was made: the assessor's procedure where there is one, else the organization's answer. */
function methods(c: ControlResult): string[] {
  const procedure = c.review?.procedure;
  if (procedure === "tested") return ["TEST"];
  if (procedure === "inspected") return ["EXAMINE"];
  // A questionnaire answer is the organization's statement, which OSCAL's methods call an interview.
  return ["INTERVIEW"];
}

function observation(e: Evaluation, c: ControlResult, id: Ids, resources: Json[]): Json {
  const evidence = c.evidence.map((item, i) => {
    const uuid = id("evidence", `${c.control_id}|${i}`);
    const href = item.url ?? encodeURI(item.path ?? "");
    resources.push({
      uuid,
      title: item.title,
      rlinks: [
        {
          href,
          ...(item.sha256 ? { hashes: [{ algorithm: "SHA-256", value: item.sha256.toLowerCase() }] } : {}),
        },
      ],
      ...(item.date ? { props: [prop("evidence-date", item.date)] } : {}),
    });
    return { href: `#${uuid}`, description: item.title };
  });
  const stated = STATUS_LABEL[c.review?.self_assessed ?? c.assessed_status].label.toLowerCase();
  const concluded = c.review?.conclusion
    ? ` The assessor concluded ${STATUS_LABEL[c.review.conclusion].label.toLowerCase()}.`
    : "";
  return {
    uuid: id("observation", c.control_id),
    title: `${c.control_id} ${c.title}`,
    description: `The answers give ${stated}.${concluded}${c.notes ? ` Notes: ${c.notes}` : ""}`,
    methods: methods(c),
    types: ["control-objective"],
    collected: dateTime(e.assessment.date),
    ...(evidence.length > 0 ? { "relevant-evidence": evidence } : {}),
    ...(c.review?.sample ? { remarks: `Sample: ${c.review.sample}` } : {}),
  };
}

function risk(c: ControlResult, id: Ids): Json {
  const accepted = c.status === "risk_accepted" && c.exception && !c.exception.expired;
  const plan = c.remediation_plan;
  return {
    uuid: id("risk", c.control_id),
    title: `${c.control_id} is ${STATUS_LABEL[c.assessed_status].label.toLowerCase()}`,
    description: c.title,
    statement: accepted
      ? `Accepted by ${c.exception!.approver}: ${c.exception!.justification}`
      : `Severity ${c.severity}; risk ${c.risk} in the catalog's ranking.`,
    props: [prop("severity", c.severity), prop("status", c.status)],
    status: accepted ? "deviation-approved" : "open",
    ...(accepted ? { deadline: dateTime(c.exception!.expires) } : {}),
    ...(plan
      ? {
          remediations: [
            {
              uuid: id("remediation", c.control_id),
              lifecycle: "planned",
              title: `Remediation plan of ${plan.owner}`,
              description: plan.management_response ?? `Planned by ${plan.owner}.`,
              tasks: [
                {
                  uuid: id("milestone", c.control_id),
                  type: "milestone",
                  title: `Due ${plan.due}`,
                  timing: { "on-date": { date: dateTime(plan.due) } },
                },
              ],
            },
          ],
        }
      : {}),
  };
}

function finding(c: ControlResult, id: Ids, observed: boolean): Json {
  const met = c.status === "met";
  return {
    uuid: id("finding", c.control_id),
    title: `${c.control_id} ${c.title}`,
    description: `Status: ${STATUS_LABEL[c.status].label}.`,
    target: {
      type: "objective-id",
      "target-id": c.control_id,
      status: { state: met ? "satisfied" : "not-satisfied", reason: met ? "pass" : "fail" },
    },
    ...(observed && c.status !== "not_answered"
      ? { "related-observations": [{ "observation-uuid": id("observation", c.control_id) }] }
      : {}),
    ...(!met ? { "related-risks": [{ "risk-uuid": id("risk", c.control_id) }] } : {}),
  };
}

function prop(name: string, value: string): Json {
  return { name, ns: NS, value };
}

/** A calendar date as the OSCAL date-time of its start, in UTC. */
function dateTime(day: string): string {
  return `${day}T00:00:00Z`;
}
