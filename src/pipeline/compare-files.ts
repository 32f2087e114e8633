// The comparison pipeline: find the files, load the catalog, assess every submission (in workers) and aggregate.
import { stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { DEFAULT_CATALOG_DIR } from "../catalog/default-catalog.js";
import { loadCatalog } from "../catalog/load-catalog.js";
import { type ComparisonOptions, createComparison } from "../compare/compare.js";
import { appendAll, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Catalog } from "../model/catalog.js";
import type { Comparison } from "../model/comparison.js";
import { assessPackage, isPackagePath } from "./assess-package.js";
import { createAssessor } from "./assess-submission.js";
import { collectInputs } from "./collect.js";
import { type Pool, startPool, type WorkerScript } from "./pool.js";
import { isWorkbookPath } from "./read-submission.js";
import type { TrustedKey } from "./verify-package.js";

/**
 * Below this much input, starting workers costs more than it saves. Measured here: 1,000 files of 8.4 KB
 * (8.4 MB) ran at 1,520 files/s in one thread and 923 files/s on two workers, because a file takes ~0.7 ms.
 */
export const MIN_BYTES_FOR_WORKERS = 32 * 1024 * 1024;

/** Options of `compareFiles`. */
export interface CompareFilesOptions extends ComparisonOptions {
  /** Answers files and directories (searched recursively for `.yaml`, `.yml`, `.json`, `.csv` and `.xlsx`). */
  readonly inputs: readonly string[];
  readonly catalogDir?: string;
  readonly maxBytes?: number;
  /** Worker threads; 0 assesses in this thread. Default: one per CPU when there are enough files. */
  readonly jobs?: number;
  /** Called after each submission is assessed. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Public keys a signed submission package (`.vcpkg`) must be signed by to be compared. */
  readonly trusted?: readonly TrustedKey[];
  /** Overrides the worker script (tests run the TypeScript source). */
  readonly workerScript?: WorkerScript;
}

/** A comparison, or why none could be made (diagnostics of the catalog, or a problem with the inputs). */
export type CompareFilesResult =
  | {
      readonly ok: true;
      readonly comparison: Comparison;
      readonly catalog: Catalog;
      /** Catalog warnings and the diagnostics of every invalid submission, for the terminal. */
      readonly diagnostics: Diagnostic[];
      /** The third parties' own answers files the submissions read or name (absolute paths): an output spares them. */
      readonly readFiles: string[];
    }
  | {
      readonly ok: false;
      readonly diagnostics: Diagnostic[];
      readonly problem?: string;
      readonly hint?: string;
    };

/** Compares many submissions against one catalog. Never throws on bad user data. */
export async function compareFiles(options: CompareFilesOptions): Promise<CompareFilesResult> {
  const { files, missing } = await collectInputs(options.inputs);
  const problem = inputsProblem(options.inputs, files, missing);
  if (problem) return problem;
  const jobs = options.jobs ?? (await defaultJobs(files));
  // Workers load their modules while this thread loads the catalog.
  const pool = jobs > 0 ? startPool(jobs, options.workerScript) : undefined;
  try {
    return await compareWith(options, files, pool);
  } finally {
    await closePool(pool);
  }
}

/** Why the inputs cannot be compared: some are missing, or they hold no answers file. */
function inputsProblem(
  inputs: readonly string[],
  files: readonly string[],
  missing: readonly string[],
): CompareFilesResult | undefined {
  if (missing.length > 0) {
    return {
      ok: false,
      diagnostics: [],
      problem: `No such file or directory: ${missing.join(", ")}`,
      hint: "Name answers files or directories that hold them.",
    };
  }
  if (files.length === 0) {
    return {
      ok: false,
      diagnostics: [],
      problem: `No answers files (.yaml, .yml, .json, .csv, .xlsx) found in ${inputs.join(", ")}`,
      hint: "Point at the directory that holds the submissions.",
    };
  }
  return undefined;
}

/** One worker per CPU when there is enough input to pay for starting them, else none. */
async function defaultJobs(files: readonly string[]): Promise<number> {
  return availableParallelism() > 1 && (await totalBytes(files)) >= MIN_BYTES_FOR_WORKERS
    ? availableParallelism()
    : 0;
}

/** Loads the catalog, assesses every file (on the pool's workers, if any) and aggregates the results. */
async function compareWith(
  options: CompareFilesOptions,
  files: readonly string[],
  pool: Pool | undefined,
): Promise<CompareFilesResult> {
  const loaded = await loadCatalog(options.catalogDir ?? DEFAULT_CATALOG_DIR);
  if (!loaded.catalog) return { ok: false, diagnostics: loaded.diagnostics };
  const catalog = loaded.catalog;
  const builder = createComparison(catalog);
  const invalid: { file: string; diagnostics: readonly Diagnostic[] }[] = [];
  const partyFiles = new Set<string>();
  const named = new Set<string>();
  const assess = { asOf: options.asOf, maxBytes: options.maxBytes };
  const onResult = (result: Parameters<typeof builder.add>[0]) => {
    builder.add(result);
    if (!result.valid) invalid.push({ file: result.file, diagnostics: result.diagnostics });
    else for (const f of result.partyFiles) partyFiles.add(f);
    for (const f of result.namedFiles ?? []) named.add(f);
    options.onProgress?.(builder.size, files.length);
  };
  // Workbooks are read on this thread (exceljs reads asynchronously); every other file on the pool, if any.
  const workbooks = files.filter(isWorkbookPath);
  const packages = files.filter(isPackagePath);
  const texts = files.filter((f) => !isWorkbookPath(f) && !isPackagePath(f));
  const assessor = createAssessor(catalog, assess);
  if (pool) await pool.run(catalog, texts, assess, onResult);
  else for (const file of texts) onResult(assessor.read(file));
  for (const file of workbooks) onResult(await assessor.readAny(file));
  // A package is verified before its answers are assessed: on this thread, since verifying renders its reports again.
  for (const file of packages)
    onResult(await assessPackage(file, assessor, options.trusted ?? [], options.catalogDir));
  const outcome = builder.finish(options);
  if (!outcome.ok) return { ok: false, diagnostics: [], problem: outcome.problem, hint: outcome.hint };
  // A third party's own file found in a compared folder is part of the submission naming it: what validation says
  // of it as a submission of its own (not an exchange's, incomplete) is not a problem of the comparison.
  const invalidDiagnostics: Diagnostic[] = [];
  for (const entry of invalid)
    if (!partyFiles.has(resolve(entry.file))) appendAll(invalidDiagnostics, entry.diagnostics);
  return {
    ok: true,
    comparison: outcome.comparison,
    catalog,
    diagnostics: [...loaded.diagnostics, ...invalidDiagnostics],
    readFiles: [...new Set([...partyFiles, ...named])].sort(),
  };
}

async function closePool(pool: Pool | undefined): Promise<void> {
  if (pool) await pool.close();
}

async function totalBytes(files: readonly string[]): Promise<number> {
  let total = 0;
  for (const file of files)
    total += await stat(file).then(
      (s) => s.size,
      () => 0,
    );
  return total;
}
