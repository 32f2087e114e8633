// The logical structure of a tagged PDF: text in drawing order (which is reading order) under a Document element,
// one Sect per top-level section, headings as H1–H3, everything else as P; page headers and footers as artifacts.

/** The role a piece of text plays in the structure tree. */
export type TextRole = "H1" | "H2" | "H3" | "P";

/** The structure being built for one drawn document (none in a layout pass, whose output is thrown away). */
export interface Tags {
  readonly root: PDFKit.PDFStructureElement;
  /** The open section, or the root before the first section starts. */
  current: PDFKit.PDFStructureElement;
  /** Drawing page furniture (running header, footer, "continued" captions): marked as artifacts, not content. */
  artifact: boolean;
}

/** Starts the structure tree of a document opened with `tagged: true`. */
export function openTags(doc: PDFKit.PDFDocument): Tags {
  const root = doc.struct("Document");
  doc.addStructure(root);
  return { root, current: root, artifact: false };
}

/** Closes the open section and opens a new one, so each section's elements are written out once it ends. */
export function startTaggedSection(doc: PDFKit.PDFDocument, tags: Tags): void {
  if (tags.current !== tags.root) tags.current.end();
  const section = doc.struct("Sect");
  tags.root.add(section);
  tags.current = section;
}

/** Draws `draw` as one element of `role` in the open section, or as an artifact while page furniture is drawn. */
export function tagged(doc: PDFKit.PDFDocument, tags: Tags | null, role: TextRole, draw: () => void): void {
  if (!tags) {
    draw();
    return;
  }
  if (tags.artifact) {
    doc.markContent("Artifact", { type: "Pagination" });
    draw();
    doc.endMarkedContent();
    return;
  }
  tags.current.add(doc.struct(role, {}, [draw]));
}

/** Draws page furniture as an artifact. */
export function asArtifact(tags: Tags | null, draw: () => void): void {
  if (!tags) {
    draw();
    return;
  }
  const was = tags.artifact;
  tags.artifact = true;
  try {
    draw();
  } finally {
    tags.artifact = was;
  }
}

/** Ends every open element, before the document ends. */
export function closeTags(tags: Tags | null): void {
  if (!tags) return;
  if (tags.current !== tags.root) tags.current.end();
  tags.root.end();
}
