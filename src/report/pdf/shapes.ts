// Filled and stroked shapes on pdfkit's vector API, each saving and restoring the graphics state.

/** A filled rectangle. */
export function fillRect(
  doc: PDFKit.PDFDocument,
  x: number,
  y: number,
  w: number,
  h: number,
  color: string,
): void {
  doc.save().rect(x, y, w, h).fill(color).restore();
}

/** A filled rectangle with rounded corners. */
export function fillRoundedRect(
  doc: PDFKit.PDFDocument,
  x: number,
  y: number,
  w: number,
  h: number,
  r: number,
  color: string,
): void {
  doc.save().roundedRect(x, y, w, h, r).fill(color).restore();
}

/** A filled circle. */
export function fillCircle(doc: PDFKit.PDFDocument, cx: number, cy: number, r: number, color: string): void {
  doc.save().circle(cx, cy, r).fill(color).restore();
}

/** A straight line. */
export function strokeLine(
  doc: PDFKit.PDFDocument,
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  color: string,
  width: number,
): void {
  doc.save().moveTo(x1, y1).lineTo(x2, y2).lineWidth(width).strokeColor(color).stroke().restore();
}
