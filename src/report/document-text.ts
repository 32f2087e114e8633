// Control and bidi characters in document text (Markdown, CSV, PDF text and metadata): the one place that neutralises them.
import { visibleEscape } from "../diagnostics/format.js";

/** Line breaks other than LF, which documents keep as the line break they are. */
const OTHER_BREAKS = /\r\n?|[\u2028\u2029]/g;

/**
 * What a document must not carry raw: C0 controls but tab and line feed, DEL and C1 controls (NUL, BEL,
 * BS, VT, FF, ESC, NEL …: a document printed to a terminal would act on them, and PDF metadata and
 * spreadsheets show them as boxes or drop them), the bidi embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069) that make a viewer show text in another order than it is stored, and
 * the invisible U+200B, U+2060–U+2064 and U+FEFF that make two different ids look the same. The bidi
 * marks U+200E/U+200F and the joiners U+200C/U+200D stay: right-to-left and Indic names need them,
 * and they reorder or hide nothing.
 */
// \p{Cc} is C0, DEL and C1; \p{Cs} a lone surrogate, which UTF-8 cannot carry (it would silently become U+FFFD);
// the lookahead keeps tab and line feed (CR is a line feed by then).
const DOCUMENT_UNSAFE = /(?![\t\n])[\p{Cc}\p{Cs}\u200B\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/gu;

/**
 * Neutralises document text: CR, CRLF, U+2028 and U+2029 become LF, and every character of
 * `DOCUMENT_UNSAFE` its visible escape (`\u202E`). Visible escapes rather than U+FFFD, because which
 * character an exchange's answer carried (an override in a name) is itself worth a reviewer's notice;
 * they are plain ASCII, so they are harmless in a terminal that shows the Markdown too. Idempotent.
 */
export function neutraliseText(text: string): string {
  return text.replace(OTHER_BREAKS, "\n").replace(DOCUMENT_UNSAFE, visibleEscape);
}

/**
 * Text for a PDF's metadata (title, author, subject, keywords): neutralised, and with `&`, `<` and `>` in their
 * full-width forms. Why: pdfkit copies these strings unescaped into the XMP packet of a PDF 1.4 or later, where
 * an ampersand or an angle bracket would make the metadata invalid XML, or let a name inject XML into it.
 */
export function metadataText(text: string): string {
  // A title is one line: tabs and line breaks a name may hold become spaces.
  return neutraliseText(text)
    .replace(/[\t\n\r\u2028\u2029]+/g, " ")
    .replaceAll("&", "＆")
    .replaceAll("<", "＜")
    .replaceAll(">", "＞");
}
