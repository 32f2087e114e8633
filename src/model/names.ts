// Names as people match them: the same organization written with another case, width, spacing or punctuation.

/** Case-, width-, spacing- and punctuation-insensitive form of a name or registration number. */
export function normalizeName(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
}
