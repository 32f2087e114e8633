// A progress diff as PDF, for a board or a supervisor to read on paper: the same view model as the Markdown.
import type { Diff } from "../../model/diff.js";
import { callout, heading } from "../pdf/blocks.js";
import type { PdfCanvas } from "../pdf/canvas.js";
import { openFaces } from "../pdf/faces.js";
import { defaultFonts, type FontSet } from "../pdf/fonts.js";
import { renderPortrait } from "../pdf/portrait-document.js";
import { INK, SIZE } from "../pdf/styles.js";
import { type Column, drawTable } from "../pdf/table.js";
import { paragraph } from "../pdf/text.js";
import { buildDiffModel, type DiffModel } from "./diff-model.js";

/** Options of `renderDiffPdf`. */
export interface DiffPdfOptions {
  readonly vaspcheckVersion: string;
  readonly fonts?: FontSet;
}

/** Renders a diff as an A4 PDF with "Page X of Y" and the digest of both files on every page. */
export async function renderDiffPdf(diff: Diff, options: DiffPdfOptions): Promise<Uint8Array> {
  const model = buildDiffModel(diff, options);
  return renderPortrait(
    {
      title: model.title,
      subject: model.headline,
      creator: `vaspcheck ${options.vaspcheckVersion} diff`,
      date: diff.as_of ?? diff.new.assessment_date,
      footer: model.title,
      digest: model.digest,
    },
    openFaces(options.fonts ?? defaultFonts()),
    (canvas) => draw(canvas, model),
  );
}

type Side = readonly [string, string, string];
type Group = DiffModel["groups"][number];
type Changed = Group["controls"][number];
type Lesson = DiffModel["lessons"][number];
type Incident = DiffModel["incidents"][number];

const SIDE_COLUMNS: readonly Column<Side>[] = [
  { header: "", width: 24, cell: (r) => ({ runs: [{ text: r[0], style: { font: "bold" } }] }) },
  { header: "Before", width: 38, cell: (r) => r[1] },
  { header: "After", width: 38, cell: (r) => r[2] },
];
const CONTROL_COLUMNS: readonly Column<Changed>[] = [
  { header: "Control", width: 46, cell: (c) => `${c.id} ${c.title}` },
  { header: "Severity", width: 10, cell: (c) => c.severity },
  { header: "Before", width: 22, cell: (c) => c.old_label },
  { header: "After", width: 22, cell: (c) => c.new_label },
];
const LESSON_COLUMNS: readonly Column<Lesson>[] = [
  { header: "Lesson", width: 52, cell: (l) => l.title },
  { header: "Before", width: 11, align: "right", cell: (l) => l.old },
  { header: "After", width: 11, align: "right", cell: (l) => l.new },
  { header: "Change", width: 11, align: "right", cell: (l) => l.delta },
  { header: "Tier", width: 15, cell: (l) => l.tiers },
];
const INCIDENT_COLUMNS: readonly Column<Incident>[] = [
  { header: "Incident", width: 20, cell: (i) => i.name },
  { header: "Before", width: 24, cell: (i) => i.old },
  { header: "After", width: 24, cell: (i) => i.new },
  { header: "Change", width: 12, cell: (i) => i.change },
  { header: "Because of", width: 20, cell: (i) => i.because || "—" },
];

function sides(m: DiffModel): Side[] {
  const rows: Side[] = [
    ["File", m.old.file, m.new.file],
    ["Organization", m.old.organization.name, m.new.organization.name],
    ["Assessment date", m.old.assessment_date, m.new.assessment_date],
    ["Catalog version answered", m.old.answered_catalog_version, m.new.answered_catalog_version],
    ["Score", m.old.score, m.new.score],
    ["Tier", m.old.tier, m.new.tier],
    ["File SHA-256", m.old.sha256, m.new.sha256],
  ];
  if (m.has_parties)
    rows.push(
      ["Third parties", m.old.parties, m.new.parties],
      ["Their files' SHA-256", m.old.party_digests, m.new.party_digests],
    );
  if (m.declared_na)
    rows.push(
      [
        "Controls declared not applicable by the answers",
        String(m.old.declared_not_applicable),
        String(m.new.declared_not_applicable),
      ],
      ["Score counting those as not met", m.old.score_counting_declared_na, m.new.score_counting_declared_na],
    );
  return rows;
}

function draw(canvas: PdfCanvas, m: DiffModel): void {
  canvas.doc.addPage();
  paragraph(canvas, m.title, { font: "bold", size: SIZE.h1, color: INK.accent, after: 6 });
  for (const warning of m.warnings) callout(canvas, "Warning", warning, INK.accent);
  paragraph(canvas, m.headline, { font: "bold", size: SIZE.body, after: 6 });
  if (m.declared_na_note) callout(canvas, "Declared not applicable", m.declared_na_note, INK.accent);
  drawTable(canvas, SIDE_COLUMNS, sides(m), { caption: "Before and after" });
  paragraph(canvas, m.provenance_note, { size: SIZE.small, color: INK.muted, after: 6 });
  drawTable(
    canvas,
    [
      { header: "Controls", width: 80, cell: (c: DiffModel["counts"][number]) => String(c.label) },
      {
        header: "Count",
        width: 20,
        align: "right",
        cell: (c: DiffModel["counts"][number]) => String(c.count),
      },
    ],
    m.counts,
    { caption: "Controls by change" },
  );
  heading(canvas, "Controls that changed", 2);
  if (m.groups.length === 0) paragraph(canvas, "No control changed status.", { size: SIZE.body });
  for (const g of m.groups) {
    heading(canvas, g.title, 3);
    drawTable(canvas, CONTROL_COLUMNS, g.controls, { caption: g.title });
  }
  heading(canvas, "Lessons", 2);
  drawTable(canvas, LESSON_COLUMNS, m.lessons, { caption: "Lessons" });
  heading(canvas, "Incident replay", 2);
  drawTable(canvas, INCIDENT_COLUMNS, m.incidents, { caption: "Incident replay" });
  if (m.left_out.length > 0) {
    heading(canvas, "Left out", 2);
    for (const l of m.left_out)
      paragraph(canvas, `${l.control_id}: ${l.explanation.replaceAll("`", "")}`, { size: SIZE.small });
  }
}
