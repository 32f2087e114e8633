// Cover page: who was assessed, by whom, when, against which catalog, and the digests of the inputs.
import { labelValues } from "../blocks.js";
import { bookmark, type PdfContext } from "../context.js";
import { INK, PAGE, SIZE } from "../styles.js";
import { drawText, measure, paragraph } from "../text.js";

/** Draws the cover page (page 1, without running header and footer). */
export function drawCover(ctx: PdfContext): void {
  const { doc } = ctx;
  doc.addPage();
  bookmark(doc.outline, "Cover");
  doc.rect(0, 0, PAGE.width, 10).fill(INK.accent);
  drawCoverTitle(ctx);
  drawAssessmentFacts(ctx);
  doc.y += 10;
  drawInputDigests(ctx);
  drawDigestNote(ctx);
}

function drawCoverTitle(ctx: PdfContext): void {
  const { doc, model, box } = ctx;
  const p = model.provenance;
  drawIssuer(ctx);
  drawText(ctx, "SECURITY GAP REPORT", box.left, 90, box.width, {
    font: "bold",
    size: SIZE.h3,
    color: INK.accent,
  });
  const nameHeight = measure(ctx, model.organization.name, box.width, { font: "bold", size: SIZE.title });
  drawText(ctx, model.organization.name, box.left, 112, box.width, {
    font: "bold",
    size: SIZE.title,
    height: Math.min(nameHeight, 140),
    role: "H1",
  });
  doc.y = 112 + Math.min(nameHeight, 140) + 8;
  paragraph(ctx, `Assessment against the ${p.catalog_id} control catalog, version ${p.catalog_version}`, {
    size: SIZE.h3,
    color: INK.muted,
    after: 24,
  });
  doc.moveTo(box.left, doc.y).lineTo(box.right, doc.y).lineWidth(0.8).strokeColor(INK.rule).stroke();
  doc.y += 12;
}

/** The issuing firm's logo and name, and the document's marking, above the title. */
function drawIssuer(ctx: PdfContext): void {
  const { doc, model, box } = ctx;
  const d = model.document;
  // The logo sits in a fixed box, so the layout pass, whose output is thrown away, need not decode it.
  if (d.logo && !ctx.layoutPass) doc.image(Buffer.from(d.logo), box.left, 30, { fit: [140, 44] });
  const firmX = box.left + (d.logo ? 150 : 0);
  if (d.firm)
    // Two lines if it needs them: a firm cannot sign a report that cuts its own name short.
    drawText(ctx, d.firm, firmX, 34, box.right - 210 - firmX, { font: "bold", size: SIZE.body, height: 40 });
  drawText(ctx, d.marking, box.right - 200, 30, 200, {
    font: "bold",
    size: SIZE.small,
    color: INK.muted,
    align: "right",
    height: 44,
  });
}

function drawAssessmentFacts(ctx: PdfContext): void {
  const { model } = ctx;
  const p = model.provenance;
  labelValues(
    ctx,
    [
      ["Organization", model.organization.name],
      ["Jurisdiction", model.organization.jurisdiction],
      ["Registration", model.organization.registration],
      ["Scope", model.assessment.scope],
      ["Assessor", model.assessment.assessor],
      ["Assessment date", model.assessment.date],
      ["Assurance", model.assurance.label],
      ["Report status", model.document.status],
      ["Report reference", model.document.reference],
      ["Confidentiality", model.document.confidentiality],
      ["As-of date", model.assessment.as_of],
      ["Catalog", `${p.catalog_id} ${p.catalog_version} (answered against ${p.answered_catalog_version})`],
      ["vaspcheck", p.vaspcheck_version],
      ["Answers file", p.answers_file],
    ],
    { labelWidth: 120 },
  );
}

function drawInputDigests(ctx: PdfContext): void {
  const p = ctx.model.provenance;
  labelValues(
    ctx,
    [
      ["SHA-256 of answers", p.answers_sha256, { font: "mono", size: SIZE.small }],
      ...p.third_party_files.map((f): [string, string, { font: "mono"; size: number }] => [
        f.label,
        `${f.file} ${f.sha256}`,
        { font: "mono", size: SIZE.small },
      ]),
      ["SHA-256 of catalog", p.catalog_sha256, { font: "mono", size: SIZE.small }],
      ...(ctx.model.document.config_file
        ? [
            [
              "SHA-256 of report configuration",
              `${ctx.model.document.config_file.file} ${ctx.model.document.config_file.sha256}`,
              { font: "mono", size: SIZE.small },
            ] as [string, string, { font: "mono"; size: number }],
          ]
        : []),
      ["SHA-256 of inputs", p.inputs_sha256, { font: "mono", size: SIZE.small }],
    ],
    { labelWidth: 120, size: SIZE.small },
  );
}

/** The note sits at a fixed height near the foot of the page, so it is left out when the facts reach it. */
function drawDigestNote(ctx: PdfContext): void {
  const noteY = PAGE.height - 130;
  if (ctx.doc.y < noteY) {
    drawText(
      ctx,
      "The SHA-256 of inputs is the report digest printed in every page footer. It covers the answers file, " +
        "the third parties' answers files, the catalog, the as-of date, the vaspcheck version and, when one is " +
        "given, the report configuration with its logo. Rendering the same inputs with the same vaspcheck " +
        "installation reproduces this file byte for byte.",
      ctx.box.left,
      noteY,
      ctx.box.width,
      { size: SIZE.small, color: INK.muted },
    );
  }
}
