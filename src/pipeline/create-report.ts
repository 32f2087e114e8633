// The report pipeline: load catalog and answers, evaluate, build the view model and render one format.

import { DEFAULT_CATALOG_DIR } from "../catalog/default-catalog.js";
import { loadCatalog } from "../catalog/load-catalog.js";
import { type Diagnostic, hasErrors } from "../diagnostics/diagnostic.js";
import { evaluate } from "../engine/evaluate.js";
import type { Catalog } from "../model/catalog.js";
import type { Evaluation } from "../model/result.js";
import { RENDERERS, type ReportFormat } from "../report/renderers.js";
import { buildReportModel } from "../report/report-model.js";
import { vaspcheckVersion } from "../source/package-version.js";
import { fileDigest } from "../source/source-file.js";
import { loadReportConfig } from "./report-config.js";
import { loadAnswers } from "./validate-answers.js";

/** Options of `createReport`. */
export interface CreateReportOptions {
  readonly answersPath: string;
  /** The name the report gives the answers file (default: `answersPath`): a package names it by its place inside. */
  readonly answersLabel?: string;
  readonly catalogDir?: string;
  readonly format?: ReportFormat;
  readonly asOf?: string;
  readonly templateDir?: string;
  readonly maxBytes?: number;
  /** The report configuration file (issuing firm, status, number, marking, opinion, signatories). */
  readonly reportConfigPath?: string;
  /** Hash every evidence file the answers cite and say per item whether its digest matched (reads those files). */
  readonly verifyEvidence?: boolean;
  /** The folder evidence must lie in, with `verifyEvidence`; default: the answers file's folder. */
  readonly evidenceRoot?: string;
}

/** A rendered report, or the diagnostics that prevented it. */
export type CreateReportResult =
  | {
      ok: true;
      output: string | Uint8Array;
      evaluation: Evaluation;
      catalog: Catalog;
      /** Every other file the report was made from (the third parties' answers files), as read. */
      readFiles: string[];
      diagnostics: Diagnostic[];
    }
  | { ok: false; diagnostics: Diagnostic[] };

/** Loads, validates, evaluates and renders. Never throws on bad user data. */
export async function createReport(options: CreateReportOptions): Promise<CreateReportResult> {
  const loadedCatalog = await loadCatalog(options.catalogDir ?? DEFAULT_CATALOG_DIR);
  if (!loadedCatalog.catalog) return { ok: false, diagnostics: loadedCatalog.diagnostics };
  const catalog = loadedCatalog.catalog;
  const loaded = await loadAnswers(options.answersPath, catalog, {
    asOf: options.asOf,
    maxBytes: options.maxBytes,
  });
  const document =
    options.reportConfigPath === undefined ? undefined : await loadReportConfig(options.reportConfigPath);
  const diagnostics = [...loadedCatalog.diagnostics, ...loaded.diagnostics, ...(document?.diagnostics ?? [])];
  if (!loaded.answers || !loaded.file || hasErrors(diagnostics)) return { ok: false, diagnostics };
  const inputs = {
    answers_file: options.answersLabel ?? options.answersPath,
    answers_sha256: fileDigest(loaded.file),
    vaspcheck_version: vaspcheckVersion(),
  };
  const thirdPartyFiles = loaded.answers.third_parties.flatMap((party, i) => {
    const file = loaded.thirdPartyFiles?.[i];
    return file
      ? [
          {
            name: party.name,
            file: party.answers ?? file.path,
            sha256: fileDigest(file),
          },
        ]
      : [];
  });
  const evaluation = {
    ...evaluate(catalog, loaded.answers, { asOf: options.asOf, thirdParties: loaded.thirdParties }),
    inputs,
  };
  const evidence = options.verifyEvidence
    ? await (await import("./check-evidence.js")).checkEvidence(loaded.file, loaded.answers, {
        evidenceRoot: options.evidenceRoot,
      })
    : undefined;
  // A report still records what it found: a missing or changed file is said in it and warned of, not a refusal.
  for (const d of evidence?.diagnostics ?? []) diagnostics.push({ ...d, severity: "warning" });
  const model = buildReportModel(evaluation, catalog, {
    answersFile: inputs.answers_file,
    answersSha256: inputs.answers_sha256,
    vaspcheckVersion: inputs.vaspcheck_version,
    thirdPartyFiles,
    evidence: evidence?.checks,
    document: document?.config && {
      config: document.config,
      logo: document.logo,
      file: options.reportConfigPath as string,
      sha256: document.sha256 as string,
    },
  });
  const output = await RENDERERS[options.format ?? "md"].render(
    { evaluation, model, catalog },
    { vaspcheckVersion: inputs.vaspcheck_version, templateDir: options.templateDir },
  );
  const readFiles = [
    ...(loaded.thirdPartyFiles ?? []).flatMap((f) => (f ? [f.path] : [])),
    ...(document?.logoPath ? [document.logoPath] : []),
  ];
  return { ok: true, output, evaluation, catalog, readFiles, diagnostics };
}
