// Turns an answers file into another format: YAML, JSON or CSV into a pre-filled workbook, a workbook into YAML.
import { DEFAULT_CATALOG_DIR } from "../catalog/default-catalog.js";
import { loadCatalog } from "../catalog/load-catalog.js";
import { type Diagnostic, hasErrors } from "../diagnostics/diagnostic.js";
import type { Answers } from "../model/answers.js";
import { fileDigest, locate, type SourceFile } from "../source/source-file.js";
import { loadAnswers } from "./validate-answers.js";

/** The formats an answers file can be exported to. */
export type ExportFormat = "xlsx" | "yaml";

/** Options of `exportAnswers`. */
export interface ExportAnswersOptions {
  readonly answersPath: string;
  readonly format: ExportFormat;
  readonly catalogDir?: string;
  readonly maxBytes?: number;
}

/** The exported file, or the diagnostics that prevented it (an invalid answers file is never exported). */
export type ExportAnswersResult =
  | {
      readonly ok: true;
      readonly output: string | Uint8Array;
      readonly diagnostics: Diagnostic[];
      /** The third parties' answers files the answers name, relative to the answers file. */
      readonly thirdPartyFiles: string[];
    }
  | { readonly ok: false; readonly diagnostics: Diagnostic[] };

/**
 * Exports a valid answers file. The workbook is dated by the assessment date, so the same file always gives the
 * same bytes; reading it back gives answers that evaluate as the file does (what it cannot hold is a warning).
 */
export async function exportAnswers(options: ExportAnswersOptions): Promise<ExportAnswersResult> {
  const loadedCatalog = await loadCatalog(options.catalogDir ?? DEFAULT_CATALOG_DIR);
  if (!loadedCatalog.catalog) return { ok: false, diagnostics: loadedCatalog.diagnostics };
  const catalog = loadedCatalog.catalog;
  const loaded = await loadAnswers(options.answersPath, catalog, {
    maxBytes: options.maxBytes,
    acceptThirdPartyFile: true,
  });
  const diagnostics = [...loadedCatalog.diagnostics, ...loaded.diagnostics];
  if (!loaded.answers || !loaded.file || hasErrors(diagnostics)) return { ok: false, diagnostics };
  const thirdPartyFiles = loaded.answers.third_parties.flatMap((t) => (t.answers ? [t.answers] : []));
  if (options.format === "yaml")
    return { ok: true, output: await asYaml(loaded.file), diagnostics, thirdPartyFiles };
  diagnostics.push(...notCarried(loaded.file, loaded.answers));
  const { writeAnswersWorkbook } = await import("../answers/write-workbook.js");
  return {
    ok: true,
    output: await writeAnswersWorkbook(catalog, { answers: loaded.answers }),
    diagnostics,
    thirdPartyFiles,
  };
}

/** The file's own data as YAML, headed by where it came from, so a reader can trace it to the file sent. */
async function asYaml(file: SourceFile): Promise<string> {
  const { stringify } = await import("yaml");
  return (
    `# Exported by vaspcheck from ${file.path} (SHA-256 ${fileDigest(file)}).\n` +
    stringify(file.data, { lineWidth: 0 })
  );
}

/** Warnings for what the answers hold and a workbook has no row for. */
function notCarried(file: SourceFile, answers: Answers): Diagnostic[] {
  const out: Diagnostic[] = [];
  const warn = (path: readonly PropertyKey[], message: string, hint: string) =>
    out.push({
      file: file.path,
      ...locate(file, path),
      severity: "warning",
      code: "export/not-carried",
      message,
      hint,
    });
  for (const [id, answer] of Object.entries(answers.answers))
    answer?.evidence.forEach((e, i) => {
      if (e.path !== undefined && e.url !== undefined)
        warn(
          ["answers", id, "evidence", i, "url"],
          `Evidence ${i + 1} of \`${id}\` has a path and a web address; the workbook keeps the path only`,
          "Give the web address an evidence item of its own.",
        );
    });
  return out;
}
