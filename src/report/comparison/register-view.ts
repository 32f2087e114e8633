// The register of submissions a sector report lists, and the digest of what its figures are computed from.
import { createHash } from "node:crypto";
import { byCodeUnit } from "../../diagnostics/diagnostic.js";
import type { Comparison } from "../../model/comparison.js";

/** One line of the register: a file read, whether it was compared, and the digest that identifies it. */
export interface RegisterRow {
  readonly organization: string;
  readonly file: string;
  readonly assessment_date: string;
  readonly catalog_version: string;
  /** The file's SHA-256 as read; null for a file not compared (its bytes decided nothing). */
  readonly sha256: string | null;
  readonly standing: "compared" | "invalid" | "set aside";
  readonly note: string;
}

/**
 * Every submission the comparison read: the compared ones (with their SHA-256, so a regulator can tie a row to the
 * file it received), then the invalid ones and those set aside for a later submission of the same organization.
 */
export function registerView(c: Comparison): RegisterRow[] {
  // In file order, not in the matrix's score order: the register must not rank the exchanges it lists.
  const organizations = [...c.organizations].sort(
    (a, b) => byCodeUnit(a.file ?? a.label, b.file ?? b.label) || byCodeUnit(a.label, b.label),
  );
  const compared = organizations.map(
    (o): RegisterRow => ({
      organization: o.label,
      file: o.file ?? "(pseudonymised)",
      assessment_date: o.assessment_date,
      catalog_version: o.answered_catalog_version,
      sha256: o.sha256,
      standing: "compared",
      note: [
        o.assurance,
        o.signature,
        o.third_party_sha256.length > 0
          ? `with ${o.third_party_sha256.length} third-party answers file${o.third_party_sha256.length === 1 ? "" : "s"}`
          : "",
      ]
        .filter((x) => x !== "")
        .join("; "),
    }),
  );
  const invalid = c.invalid.map(
    (s): RegisterRow => ({
      organization: s.organization ?? "—",
      file: s.file,
      assessment_date: "—",
      catalog_version: "—",
      sha256: null,
      standing: "invalid",
      note: plural(s.diagnostics.filter((d) => d.severity === "error").length, "error"),
    }),
  );
  const setAside = c.duplicates.flatMap((d) =>
    d.ignored.map(
      (i): RegisterRow => ({
        organization: d.organization,
        file: i.file,
        assessment_date: i.assessment_date,
        catalog_version: "—",
        sha256: null,
        standing: "set aside",
        note: i.identical ? "identical to the compared file" : `${d.kept.file} compared instead`,
      }),
    ),
  );
  return [...compared, ...invalid, ...setAside];
}

/**
 * SHA-256 over what the figures depend on: the format, the catalog, the evaluation date, how organizations are
 * shown, the thresholds and every compared submission's file (and its third parties' files). Two regulators with the
 * same files and options get the same digest; a changed byte in any input changes it.
 */
export function comparisonDigest(c: Comparison): string {
  const lines = [
    c.format,
    `catalog ${c.catalog.id} ${c.catalog.version} ${c.catalog.digest}`,
    `as-of ${c.as_of ?? "own"}`,
    `pseudonyms ${c.pseudonymisation.applied ? (c.pseudonymisation.keyed ? "keyed" : "unkeyed") : "none"}`,
    `focus ${c.focus?.label ?? "none"}`,
    `min-peers ${c.min_peers} norm ${c.norm_threshold}`,
    ...c.organizations
      .map((o) => `submission ${o.sha256} ${o.third_party_sha256.join(" ")}`.trimEnd())
      .sort(),
  ];
  return createHash("sha256").update(lines.join("\n"), "utf8").digest("hex");
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
