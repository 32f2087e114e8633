// The logical structure of a tagged PDF: text in drawing order (which is reading order) under a Document element,
// one Sect per top-level section, headings as H1–H3, everything else as P; page headers and footers as artifacts.

/** The role a piece of text plays in the structure tree. */
export type TextRole = "H1" | "H2" | "H3" | "P";

/** The structure being built for one drawn document (none in a layout pass, whose output is thrown away). */
export interface Tags {
  readonly root: PDFKit.PDFStructureElement;
  /** The open section, or the root before the first section starts. */
  current: PDFKit.PDFStructureElement;
  /** The open block of the section (a control's detail, an incident's chain), or null. */
  block: PDFKit.PDFStructureElement | null;
  /** Drawing page furniture (running header, footer, "continued" captions): marked as artifacts, not content. */
  artifact: boolean;
}

/** Starts the structure tree of a document opened with `tagged: true`. */
export function openTags(doc: PDFKit.PDFDocument): Tags {
  const root = doc.struct("Document");
  doc.addStructure(root);
  return { root, current: root, block: null, artifact: false };
}

/** Closes the open section and opens a new one, so each section's elements are written out once it ends. */
export function startTaggedSection(doc: PDFKit.PDFDocument, tags: Tags): void {
  endBlock(tags);
  if (tags.current !== tags.root) tags.current.end();
  const section = doc.struct("Sect");
  tags.root.add(section);
  tags.current = section;
}

/**
 * Opens a Div for one block of a section (a control's detail, an incident's chain) and closes the one before. Why:
 * pdfkit keeps an element's children until the element ends, so a section of a thousand controls held every
 * paragraph of them to the end; a block ends, and lets its paragraphs go, as soon as the next one starts.
 */
export function startTaggedBlock(doc: PDFKit.PDFDocument, tags: Tags): void {
  endBlock(tags);
  const block = doc.struct("Div");
  tags.current.add(block);
  tags.block = block;
}

function endBlock(tags: Tags): void {
  tags.block?.end();
  tags.block = null;
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
  (tags.block ?? tags.current).add(doc.struct(role, {}, [draw]));
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
  endBlock(tags);
  if (tags.current !== tags.root) tags.current.end();
  tags.root.end();
}
