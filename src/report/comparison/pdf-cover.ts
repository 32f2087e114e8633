// The comparison PDF's cover (what was compared, from what, and its digest) and its key findings.
import { heading, labelValues, startSection } from "../pdf/blocks.js";
import { INK, SIZE } from "../pdf/styles.js";
import { type Column, drawTable } from "../pdf/table.js";
import { drawText, gap, paragraph } from "../pdf/text.js";
import type { ComparisonModel } from "./compare-model.js";
import type { ComparisonDrawing } from "./render-pdf.js";

/** The cover: title, what was compared and how, and the digest the footer of every page repeats. */
export function drawCover({ canvas, model }: ComparisonDrawing): void {
  const { doc, box } = canvas;
  doc.addPage();
  drawText(canvas, "SECTOR COMPARISON", box.left, box.top + 20, box.width, {
    font: "bold",
    size: SIZE.small,
    color: INK.accent,
  });
  drawText(canvas, model.title, box.left, box.top + 38, box.width, {
    font: "bold",
    size: 24,
    color: INK.text,
    role: "H1",
  });
  doc.y = box.top + 80;
  const p = model.provenance;
  const issuer = model.issuer;
  labelValues(canvas, [
    ...(issuer.name ? [["Issued by", issuer.name] as [string, string]] : []),
    ...(issuer.reference ? [["Reference", issuer.reference] as [string, string]] : []),
    ...(issuer.date ? [["Date of issue", issuer.date] as [string, string]] : []),
    ...(issuer.status ? [["Status", issuer.status] as [string, string]] : []),
    ["Marking", issuer.marking, { font: "bold" }],
    ["Catalog", p.catalog],
    ["SHA-256 of catalog", p.catalog_sha256, { font: "mono", size: SIZE.small }],
    ["Submissions", p.submissions],
    ["Evaluated as of", p.as_of],
    ["Organizations shown", p.names],
    ["vaspcheck", `${p.vaspcheck_version} (format ${p.format})`],
    ["Digest of inputs", p.digest, { font: "mono", size: SIZE.small }],
  ]);
  gap(canvas, 10);
  paragraph(canvas, model.prose.method[2] ?? "", { size: SIZE.small, color: INK.muted });
  if (model.pseudonymisation)
    paragraph(
      canvas,
      `Organizations appear under pseudonyms (${model.pseudonymisation.method}); no peer group smaller than ${model.pseudonymisation.min_peers} is shown. Pseudonymisation is not anonymisation: see the method.`,
      { size: SIZE.small, color: INK.muted },
    );
}

type Declared = ComparisonModel["declared"][number];
type Party = ComparisonModel["shared_parties"][number];
type Older = ComparisonModel["older"][number];

const DECLARED_COLUMNS: readonly Column<Declared>[] = [
  { header: "Exchange", width: 26, cell: (r) => r.label },
  { header: "Declared N/A", width: 10, align: "right", cell: (r) => String(r.count) },
  { header: "Controls", width: 64, cell: (r) => r.controls },
];
const PARTY_COLUMNS: readonly Column<Party>[] = [
  { header: "Third party", width: 24, cell: (r) => r.name },
  { header: "Role", width: 10, cell: (r) => r.role },
  { header: "Exchanges", width: 8, align: "right", cell: (r) => String(r.count) },
  { header: "Which", width: 34, cell: (r) => r.organizations },
  { header: "Controls it operates", width: 24, cell: (r) => r.controls },
];
const OLDER_COLUMNS: readonly Column<Older>[] = [
  { header: "Exchange", width: 22, cell: (r) => r.label },
  { header: "Answered version", width: 10, cell: (r) => r.version },
  { header: "Controls not compared", width: 10, align: "right", cell: (r) => String(r.not_compared) },
  { header: "Incidents not comparable", width: 10, align: "right", cell: (r) => String(r.not_comparable) },
  { header: "What it means", width: 48, cell: (r) => r.note },
];

/** Key findings, then the shared third parties and the submissions on other catalog versions. */
export function drawFindings({ canvas, model }: ComparisonDrawing): void {
  startSection(canvas, "Key findings", "findings");
  if (model.findings.length === 0)
    paragraph(canvas, "No compared exchange leaves a replayed attack chain fully open.", { size: SIZE.body });
  for (const finding of model.findings) paragraph(canvas, `• ${finding}`, { size: SIZE.body, after: 3 });
  if (model.shared_parties.length > 0) {
    subheading(canvas, "Third parties the exchanges depend on", model.prose.shared_parties);
    drawTable(canvas, PARTY_COLUMNS, model.shared_parties, { caption: "Third parties" });
  }
  if (model.older.length > 0) {
    subheading(canvas, "Submissions on another catalog version", model.prose.older);
    drawTable(canvas, OLDER_COLUMNS, model.older, { caption: "Submissions on another catalog version" });
  }
}

/** Who ruled controls out by their own answer: after the register, since it runs to a row per such exchange. */
export function drawDeclared({ canvas, model }: ComparisonDrawing): void {
  if (model.declared.length === 0) return;
  startSection(canvas, "Controls declared not applicable by the exchanges themselves", "declared");
  paragraph(canvas, model.prose.declared, { size: SIZE.small, color: INK.muted, after: 6 });
  drawTable(canvas, DECLARED_COLUMNS, model.declared, { caption: "Controls declared not applicable" });
}

/** A second-level heading with its introduction, kept on one page with the start of what follows. */
export function subheading(canvas: ComparisonDrawing["canvas"], title: string, intro?: string): void {
  heading(canvas, title, 2, { caption: title }, 60);
  if (intro) paragraph(canvas, intro, { size: SIZE.small, color: INK.muted, after: 4 });
}
