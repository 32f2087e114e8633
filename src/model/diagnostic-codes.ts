// The one registry of diagnostic codes: each code's meaning, stable even when message wording changes.

/** Every diagnostic code vaspcheck emits, with a one-line summary for docs and `--explain`. */
export const DIAGNOSTIC_CODES = {
  "input/read-failed": "The file could not be read.",
  "input/empty": "The file holds no document (empty, or only comments).",
  "input/too-large": "The file is larger than the configured limit.",
  "input/too-many-problems": "A file has more than 1,000 problems; the first 1,000 in file order are listed.",
  "input/not-utf8": "The file is not valid UTF-8 text.",
  "input/not-image":
    "The logo a report configuration names cannot be read, is larger than 1 MiB, or is not a PNG or JPEG file.",
  "input/line-endings":
    "The file ends its lines with CR alone, which YAML and JSON do not read as line breaks.",
  "input/bad-sheet":
    "An answers spreadsheet (CSV) is malformed, lacks the `path` and `answer` columns, or has a row it cannot place: no path, a prototype name (`__proto__`) in the path, evidence numbered outside 1–100, a path given twice or under another answer.",
  "evidence/mismatch": "An evidence file's SHA-256 differs from the digest the answers give for it.",
  "evidence/missing": "An evidence path names no file (or a folder) inside the evidence folder.",
  "evidence/outside-root":
    "An evidence path leads outside the evidence folder (by `..`, an absolute path or a link); it is never read.",
  "evidence/unpinned": "An evidence file was found, but the answers give no `sha256` to confirm it by.",
  "evidence/changed-after": "An evidence file was modified after the assessment date.",
  "package/unreadable":
    "A submission package is not a zip, or holds an entry that could leave its folder, a link, a duplicate name or a bomb.",
  "package/no-signature":
    "A submission package holds no DSSE envelope, or one that is not an in-toto signature.",
  "package/untrusted":
    "No signature of a submission package is by a trusted key, or a signature by a trusted key does not hold.",
  "package/bad-statement":
    "The signed statement of a submission package is not a vaspcheck submission statement.",
  "package/tampered": "A file of a submission package is missing, changed or added after signing.",
  "package/catalog": "A submission package names a catalog other than the one it is verified against.",
  "package/report-differs": "A report in a submission package is not the one its answers produce.",
  "export/not-carried":
    "An answers file exported to a workbook holds what a workbook has no row for (an evidence item with both a path and a web address); the exported workbook leaves it out.",
  "input/workbook-catalog":
    "A workbook names the catalog version in use, but was made from a catalog of that version with other content.",
  "yaml/syntax": "The file is not well-formed YAML or JSON.",
  "json/syntax":
    "A `.json` file is not strict JSON (a trailing comma, a comment, single quotes, an unquoted key).",
  "yaml/duplicate-key": "A mapping has the same key twice.",
  "yaml/directive": "The file asks to be read as another YAML version than 1.2.",
  "yaml/too-many-aliases": "The document expands too many aliases (a possible alias bomb).",
  "yaml/too-deep": "The document nests mappings and lists more than 64 levels deep.",
  "yaml/tag": "The document uses a YAML tag (`!!float`, `!!binary`): vaspcheck files take plain values.",
  "yaml/not-finite": "A number is infinite or not a number (`.inf`, `-.inf`, `.nan`), which no value takes.",
  "schema/invalid-type": "A value has the wrong type.",
  "schema/missing": "A required key is missing.",
  "schema/unknown-key": "A key is not part of the format.",
  "schema/invalid-value": "A value is not one of those allowed.",
  "schema/invalid-format": "A string does not have the required format.",
  "schema/out-of-range": "A number or list is too small or too large.",
  "schema/invalid": "A value does not match the format.",
  "catalog/duplicate-id": "Two catalog entries share an id.",
  "catalog/empty": "The catalog has no controls (an error) or no incidents to replay (a warning).",
  "catalog/bad-changelog":
    "The changelog repeats a version, lists versions out of order, names a version newer than the catalog, or adds and removes a control at once.",
  "catalog/unknown-reference": "A reference names an id that does not exist.",
  "catalog/unknown-question": "A condition names a question the control does not ask.",
  "catalog/operator-type": "An operator cannot test a question of this type.",
  "catalog/unknown-choice": "A condition compares with a choice the question does not offer.",
  "catalog/condition-too-deep": "A condition nests deeper than the allowed depth.",
  "catalog/example-mismatch": "A control's example does not evaluate to the declared status.",
  "catalog/missing-example": "A control lacks a passing or a failing example.",
  "catalog/unknown-requirement": "A framework mapping names a requirement id the framework does not have.",
  "catalog/unofficial-source":
    "A framework's text is cited from a site that is not its publisher's (a blog or a mirror).",
  "catalog/single-mapping":
    "A control maps to fewer than two frameworks and is not a declared duty of one jurisdiction.",
  "catalog/jurisdiction-scope": "A control declared a duty of one jurisdiction does not apply only there.",
  "catalog/regulator-power":
    "A control maps to a provision that empowers the supervisor rather than binding the exchange.",
  "catalog/unsafe-text": "Catalog text holds a control, bidi or invisible character.",
  "catalog/vacuous-tier":
    "A lesson has no level-1 control, so its first tier could be reached with nothing met.",
  "catalog/unused": "An entry is defined but nothing refers to it.",
  "catalog/no-step":
    "A control that no attack step names does not say why (`counters_no_step`), or one that a step names still says it counters none.",
  "catalog/file-name": "A file's name does not match the id inside it.",
  "catalog/contradicted-claim":
    "A countermeasure claims to prevent a step of a kind that the record shows its controls, in place at a victim, did not stop.",
  "catalog/unknown-source": "A relation or record cites a source key the incident does not list.",
  "catalog/missing-reason": "An incident with a profile condition does not say why it may not apply.",
  "answers/catalog-mismatch": "The answers file was filled against another catalog.",
  "answers/catalog-version": "The answers file was filled against another version of the catalog.",
  "answers/unknown-control": "An answer names a control the catalog does not have.",
  "answers/third-party-unanswered":
    "A third party operates controls, but its own answers file is not given: those controls count as not answered.",
  "answers/third-party-undeclared":
    "The profile says a wallet vendor is used, but no third party of role `wallet_vendor` is named (a warning).",
  "answers/third-party-file":
    "A third party's own answers file (`organization.role` set) is given where an exchange's is expected, or a file named for a third party declares another role.",
  "answers/third-party-path":
    "A third party's answers file is named outside the folder of the answers file, or cannot be read there.",
  "answers/third-party-conflict":
    "A control has two operators, or is answered both by its operator and by the organization.",
  "answers/retained-control":
    "A third party is said to operate a control the catalog keeps with the organization (its oversight of vendors, its governance, its duties to customers and regulators).",
  "answers/third-party-exception":
    "A third party's own answers carry an exception for a control it operates: the risk is the organization's, so the party's acceptance does not count.",
  "answers/review-without-operator":
    "The review concludes on a control a third party operates, but the party gave no current answers: the conclusion is not applied.",
  "answers/third-party-mismatch": "A third party's answers file names another organization than the party.",
  "answers/third-party-stale":
    "A third party's answers are more than a year older than the as-of date, so they decide nothing.",
  "answers/unknown-question": "A response names a question the control does not ask.",
  "answers/unknown-profile-key": "The profile names a scoping question the catalog does not ask.",
  "answers/invalid-answer": "A response has the wrong type or is outside the allowed values.",
  "answers/invalid-choice": "A response is not one of the question's choices.",
  "answers/missing-profile": "A scoping question of the profile is not answered.",
  "answers/conflicting": "An answer is both marked not applicable and answered.",
  "answers/implied-choice":
    "A multiple-choice answer leaves out a choice the profile implies (DORA for a MiCA-authorised firm); the rule reads it as selected.",
  "answers/review-incomplete":
    "The assessor's record of a control says it was inspected or tested without saying what was sampled, or concludes on a control the profile scopes out.",
  "answers/no-evidence": "A control is met but no evidence is cited.",
  "answers/exception-expiring": "An exception expires within 30 days of the as-of date.",
  "answers/exception-expired": "An exception expired before the as-of date.",
  "answers/exception-unneeded":
    "An accepted exception on a control the answers already meet: it changes nothing, or the answers are wrong.",
  "answers/dated-after-assessment": "An answer or evidence is dated after the assessment date.",
  "answers/incomplete": "Some questions of an answered control are left blank.",
  "answers/diff-reversed":
    "`diff` was given the newer assessment as the old one, so every change reads backwards.",
  "answers/na-contradicts-profile":
    "A control is declared not applicable although its scope is decided by the profile, which puts it in scope (a blank scoping answer does too).",
  "answers/thin-justification":
    "A control is declared not applicable with a justification too short to check (fewer than 8 words, or 20 Japanese characters).",
  "answers/incomplete-file":
    "Some in-scope controls have no (valid) answer: the file is incomplete. A warning unless `--min-complete` or `--require-complete` makes it an error per control.",
  "answers/unanswered-control":
    "An in-scope control is left blank while the assessment must be complete (`validate --min-complete`).",
} as const;

/** A diagnostic code. */
export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/** The reference page of every code, shipped in the package (generated by scripts/diagnostics-doc.mjs). */
export const DIAGNOSTICS_DOC = "docs/diagnostics.md";

/** Where a code is explained: its entry in the reference page, relative to the package root. */
export function diagnosticDocs(code: DiagnosticCode): string {
  return `${DIAGNOSTICS_DOC}#${code.replace("/", "-")}`;
}
