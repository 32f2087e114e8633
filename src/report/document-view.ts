// What the issuing firm adds to a report: status, number, marking, the scope's limits, the opinion and the
// signature blocks. Without a report configuration the report is an unnumbered draft that expresses no opinion.
import type { ReportConfig } from "../model/report-config.js";
import type { Evaluation } from "../model/result.js";

/** The report configuration as the report pipeline read it. */
export interface DocumentInput {
  readonly config: ReportConfig;
  readonly logo?: Uint8Array;
  readonly file: string;
  readonly sha256: string;
}

/** The document facts of a report, worded once for every renderer. */
export function documentView(
  input: DocumentInput | undefined,
  evaluation: Evaluation,
  assuranceLabel: string,
) {
  const config = input?.config;
  const report = config?.report ?? { status: "draft" as const, confidentiality: "Confidential" };
  const reference = [report.number, report.version ? `version ${report.version}` : undefined]
    .filter((part) => part !== undefined)
    .join(", ");
  return {
    status: report.status === "final" ? "Final" : "Draft",
    /** The marking printed on every page. */
    marking: `${report.status === "final" ? "FINAL" : "DRAFT"} · ${report.confidentiality}`,
    confidentiality: report.confidentiality,
    /** The right-hand running header: status, reference and as-of date, short enough for half a line. */
    running_title: `Security gap report · ${report.status === "final" ? "Final" : "Draft"}${report.number ? ` ${report.number}` : ""}${report.version ? ` v${report.version}` : ""} · as of ${evaluation.as_of}`,
    reference: reference === "" ? "—" : reference,
    firm: config?.firm?.name ?? null,
    logo: input?.logo ?? null,
    limitations:
      config?.limitations ??
      `Only the answers in the file named on the cover were assessed, against ${evaluation.catalog.id} ${evaluation.catalog.version}, as of ${evaluation.as_of}. Systems outside the stated scope, controls the catalog does not hold, and events after the as-of date are not covered; what an attacker has not yet tried is not covered by any replay.`,
    opinion:
      config?.opinion ??
      `No opinion is expressed in this ${report.status} report of ${withArticle(`${assuranceLabel.charAt(0).toLowerCase()}${assuranceLabel.slice(1)}`)}. An opinion is the signing firm's, in its own words.`,
    /** Signature blocks: a name only where the firm gave one, never the department the answers name. */
    signatories: (
      config?.signatories ?? [{ role: "Assessor" }, { role: "Management of the organization" }]
    ).map((s) => ({ role: s.role, name: s.name ?? "", title: s.title ?? "" })),
    config_file: input ? { file: input.file, sha256: input.sha256 } : null,
  };
}

/** "an independent review", "a self-assessment": the article English puts before the phrase. */
function withArticle(phrase: string): string {
  return /^[aeiou]/i.test(phrase) ? `an ${phrase}` : `a ${phrase}`;
}
