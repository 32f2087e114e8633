// Messages between the comparison's main thread and its workers.
import type { Catalog } from "../model/catalog.js";
import type { AssessOptions, SubmissionResult } from "./assess-submission.js";

/** From the main thread: the catalog once, then batches of files. */
export type ToWorker =
  | { readonly kind: "init"; readonly catalog: Catalog; readonly options: AssessOptions }
  | { readonly kind: "batch"; readonly batch: number; readonly files: readonly string[] };

/** From a worker: the compact results of a batch, or the unexpected error that stopped it. */
export type FromWorker =
  | { readonly kind: "results"; readonly batch: number; readonly results: readonly SubmissionResult[] }
  | { readonly kind: "failed"; readonly file?: string; readonly message: string; readonly stack?: string };
