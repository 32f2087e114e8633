// The supervisory feedback letter as PDF: A4 portrait, letterhead, addressee, position tables, signature blocks.
import type { Comparison } from "../../model/comparison.js";
import { heading, labelValues } from "../pdf/blocks.js";
import type { PdfCanvas } from "../pdf/canvas.js";
import { openFaces } from "../pdf/faces.js";
import { defaultFonts, type FontSet } from "../pdf/fonts.js";
import { type PortraitInfo, renderPortrait } from "../pdf/portrait-document.js";
import { drawSignatureBlocks, SIGNATURE_ROW_HEIGHT } from "../pdf/sections/sign-off.js";
import { INK, SIZE } from "../pdf/styles.js";
import { type Column, drawTable } from "../pdf/table.js";
import { drawText, ensureSpace, gap, measure, paragraph } from "../pdf/text.js";
import { buildLetterModel, type LetterInputs, type LetterModel } from "./letter-model.js";

/** Options of `renderLetterPdf`. */
export interface LetterPdfOptions extends LetterInputs {
  readonly fonts?: FontSet;
}

/** Renders the `--focus` feedback letter. Laid out twice, so every page says "Page X of Y". */
export async function renderLetterPdf(
  comparison: Comparison,
  options: LetterPdfOptions,
): Promise<Uint8Array> {
  const model = buildLetterModel(comparison, options);
  const info: PortraitInfo = {
    title: model.title,
    subject: model.subject,
    author: model.sender,
    creator: `vaspcheck ${model.provenance.vaspcheck_version} compare --focus`,
    date: model.date,
    footer: model.provenance.catalog,
    digest: model.provenance.digest,
  };
  return renderPortrait(info, openFaces(options.fonts ?? defaultFonts()), (canvas) => {
    drawLetterhead(canvas, model);
    drawBody(canvas, model);
  });
}

function drawLetterhead(canvas: PdfCanvas, model: LetterModel): void {
  const { doc, box } = canvas;
  doc.addPage();
  if (model.logo && !canvas.layoutPass) doc.image(Buffer.from(model.logo), box.left, 30, { fit: [120, 40] });
  const x = box.left + (model.logo ? 130 : 0);
  drawText(canvas, model.sender, x, 36, box.right - x - 150, {
    font: "bold",
    size: SIZE.h3,
    color: INK.accent,
  });
  drawText(canvas, model.confidentiality, box.right - 150, 36, 150, {
    size: SIZE.small,
    color: INK.muted,
    align: "right",
  });
  doc.y = 90;
  const to = [model.addressee.name, model.addressee.registration, model.addressee.jurisdiction]
    .filter((s) => s !== "")
    .join(", ");
  labelValues(canvas, [
    ["To", to],
    ["Reference", model.reference],
    ["Date", model.date],
  ]);
  gap(canvas, 8);
  paragraph(canvas, model.title, { font: "bold", size: SIZE.h1, color: INK.text, after: 4 });
  paragraph(canvas, `Subject: ${model.subject}`, { font: "bold", size: SIZE.body, after: 8 });
}

type Lesson = LetterModel["lessons"][number];
type Incident = LetterModel["incidents"][number];
type Lagging = LetterModel["lagging"][number];

const LESSON_COLUMNS: readonly Column<Lesson>[] = [
  { header: "Lesson", width: 38, cell: (l) => (l.number ? `${l.number} ${l.title}` : l.title) },
  { header: "Your score", width: 10, align: "right", cell: (l) => l.score },
  { header: "Peer median", width: 11, align: "right", cell: (l) => l.median },
  { header: "Percentile", width: 10, align: "right", cell: (l) => l.percentile },
  { header: "Band", width: 19, cell: (l) => l.band },
  { header: "Peers", width: 8, align: "right", cell: (l) => String(l.peers) },
];
const INCIDENT_COLUMNS: readonly Column<Incident>[] = [
  { header: "Incident", width: 30, cell: (i) => i.name },
  { header: "Your controls", width: 40, cell: (i) => i.verdict },
  { header: "Peers that would stop it", width: 16, align: "right", cell: (i) => i.peers },
  { header: "Peers in scope", width: 14, align: "right", cell: (i) => i.in_scope },
];
type Declared = LetterModel["declared"]["controls"][number];
const DECLARED_COLUMNS: readonly Column<Declared>[] = [
  { header: "Control", width: 80, cell: (d) => `${d.id} ${d.title}` },
  { header: "Severity", width: 20, cell: (d) => d.severity },
];
const LAGGING_COLUMNS: readonly Column<Lagging>[] = [
  { header: "Control", width: 46, cell: (l) => `${l.id} ${l.title}` },
  { header: "Your status", width: 18, cell: (l) => l.status_label },
  { header: "Sector norm", width: 18, cell: (l) => l.norm },
  { header: "Peers meeting it", width: 18, align: "right", cell: (l) => l.peers_met },
];

function drawBody(canvas: PdfCanvas, model: LetterModel): void {
  paragraph(canvas, model.opening, { size: SIZE.body, after: 6 });
  heading(canvas, "Your position among your peers", 2);
  drawTable(canvas, LESSON_COLUMNS, model.lessons, { caption: "Your position among your peers" });
  paragraph(canvas, model.bands, { size: SIZE.small, color: INK.muted, after: 6 });
  heading(canvas, "Past attacks against your controls", 2);
  drawTable(canvas, INCIDENT_COLUMNS, model.incidents, { caption: "Past attacks against your controls" });
  heading(canvas, "Where you are below the sector norm", 2);
  if (model.lagging.length > 0)
    drawTable(canvas, LAGGING_COLUMNS, model.lagging, { caption: "Where you are below the sector norm" });
  else paragraph(canvas, model.no_lagging, { size: SIZE.body });
  if (model.declared.note) {
    heading(canvas, "Controls you declared not applicable", 2);
    paragraph(canvas, model.declared.note, { size: SIZE.body, after: 4 });
    drawTable(canvas, DECLARED_COLUMNS, model.declared.controls, {
      caption: "Controls you declared not applicable",
    });
  }
  gap(canvas, 6);
  // The closing request and the first signatures stay together: a signature alone on a page signs nothing visible.
  ensureSpace(
    canvas,
    measure(canvas, model.closing, canvas.box.width, { size: SIZE.body }) + 12 + SIGNATURE_ROW_HEIGHT,
  );
  paragraph(canvas, model.closing, { size: SIZE.body, after: 12 });
  drawSignatureBlocks(canvas, model.signatories);
}
