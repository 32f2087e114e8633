// Types of scripts/diagnostics-doc.mjs, for the test that checks docs/diagnostics.md.
/** Code prefix, section title and what the family is about. */
export declare const FAMILIES: readonly (readonly [string, string, string])[];
/** The HTML anchor of a code in docs/diagnostics.md. */
export declare function anchorOf(code: string): string;
/** The whole reference page for a registry `{ code: summary }`. */
export declare function renderDiagnosticsDoc(codes: Readonly<Record<string, string>>): string;
