// A small pool of worker threads that assesses submissions in batches, keeping every worker busy.
import { Worker } from "node:worker_threads";
import type { Catalog } from "../model/catalog.js";
import type { AssessOptions, SubmissionResult } from "./assess-submission.js";
import type { FromWorker, ToWorker } from "./protocol.js";

/** The worker script to run, and the Node flags it needs (tests run the TypeScript source through tsx). */
export interface WorkerScript {
  readonly url: URL;
  readonly execArgv?: readonly string[];
}

/** The compiled worker next to this module. */
export const DEFAULT_WORKER_SCRIPT: WorkerScript = { url: new URL("./worker.js", import.meta.url) };

/** Worker threads that assess submissions. Start it early: workers load their modules while the caller works. */
export interface Pool {
  readonly size: number;
  /** Assesses every file, calling `onResult` as results arrive (in no particular order). */
  run(
    catalog: Catalog,
    files: readonly string[],
    options: AssessOptions,
    onResult: (result: SubmissionResult) => void,
  ): Promise<void>;
  /** Stops every worker. */
  close(): Promise<void>;
}

/** Batches in flight per worker: one being worked on and one waiting, so no worker idles between batches. */
const IN_FLIGHT = 2;

/** Starts `size` workers. */
export function startPool(size: number, script: WorkerScript = DEFAULT_WORKER_SCRIPT): Pool {
  const workers = Array.from(
    { length: size },
    () => new Worker(script.url, { execArgv: script.execArgv ? [...script.execArgv] : undefined }),
  );
  // A worker that fails while starting (before run) must not crash the process; run() reports it instead.
  let startError: Error | undefined;
  for (const worker of workers)
    worker.once("error", (error) => {
      startError ??= error;
    });
  return {
    size,
    run: (catalog, files, options, onResult) =>
      runOnWorkers(workers, size, startError, { catalog, files, options, onResult }),
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** The arguments of one `Pool.run`. */
interface Job {
  readonly catalog: Catalog;
  readonly files: readonly string[];
  readonly options: AssessOptions;
  readonly onResult: (result: SubmissionResult) => void;
}

/** What a worker's events do to its run. */
interface RunEvents {
  onMessage(worker: Worker, message: FromWorker): void;
  fail(error: Error): void;
  dispatch(worker: Worker): void;
}

/** Hands every worker the catalog and batches of files; settles once every result is in or a worker fails. */
function runOnWorkers(
  workers: readonly Worker[],
  size: number,
  startError: Error | undefined,
  job: Job,
): Promise<void> {
  return new Promise<void>((resolvePromise, reject) => {
    const nextBatch = batcher(job.files, size);
    let pending = job.files.length;
    let failed = false;
    // Once settled, later events (a worker exiting on close) must neither settle again nor go unheard.
    const detach = () => {
      for (const w of workers) w.removeAllListeners().on("error", () => {});
    };
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      detach();
      reject(error);
    };
    const dispatch = (worker: Worker) => {
      const message = nextBatch();
      if (message) worker.postMessage(message);
    };
    const onMessage = (worker: Worker, message: FromWorker) => {
      if (failed) return;
      if (message.kind === "failed") return fail(workerError(message));
      for (const result of message.results) job.onResult(result);
      pending -= message.results.length;
      if (pending === 0) {
        detach();
        resolvePromise();
      } else dispatch(worker);
    };
    if (startError) {
      fail(startError);
      return;
    }
    if (pending === 0) {
      resolvePromise();
      return;
    }
    for (const worker of workers) enlist(worker, job, { onMessage, fail, dispatch });
  });
}

/** Wires a worker's events to its run, then sends it the catalog and its first batches. */
function enlist(worker: Worker, job: Job, run: RunEvents): void {
  worker.on("message", (message: FromWorker) => run.onMessage(worker, message));
  worker.on("error", run.fail);
  worker.on("exit", (code) =>
    run.fail(new Error(`A comparison worker stopped unexpectedly (exit code ${code})`)),
  );
  const init: ToWorker = { kind: "init", catalog: job.catalog, options: job.options };
  worker.postMessage(init);
  for (let i = 0; i < IN_FLIGHT; i++) run.dispatch(worker);
}

/** Cuts `files` into numbered batches, one per call, until none are left. */
function batcher(files: readonly string[], size: number): () => ToWorker | undefined {
  let next = 0;
  let batch = 0;
  return () => {
    if (next >= files.length) return undefined;
    // Guided self-scheduling: big batches while much is left, small ones at the end so workers finish together.
    const take = Math.max(1, Math.min(32, Math.ceil((files.length - next) / (size * 4))));
    const message: ToWorker = { kind: "batch", batch: batch++, files: files.slice(next, next + take) };
    next += take;
    return message;
  };
}

/** The error a worker reported, with the file it was working on and its own stack. */
function workerError(message: Extract<FromWorker, { kind: "failed" }>): Error {
  const error = new Error(`${message.message}${message.file ? ` (while comparing ${message.file})` : ""}`);
  if (message.stack) error.stack = message.stack;
  return error;
}
