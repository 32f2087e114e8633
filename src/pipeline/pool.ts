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
      new Promise<void>((resolvePromise, reject) => {
        let next = 0;
        let batch = 0;
        let pending = files.length;
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
          if (next >= files.length) return;
          // Guided self-scheduling: big batches while much is left, small ones at the end so workers finish together.
          const take = Math.max(1, Math.min(32, Math.ceil((files.length - next) / (size * 4))));
          const message: ToWorker = { kind: "batch", batch: batch++, files: files.slice(next, next + take) };
          next += take;
          worker.postMessage(message);
        };
        if (startError) {
          fail(startError);
          return;
        }
        if (pending === 0) {
          resolvePromise();
          return;
        }
        for (const worker of workers) {
          worker.on("message", (message: FromWorker) => {
            if (failed) return;
            if (message.kind === "failed") {
              const error = new Error(
                `${message.message}${message.file ? ` (while comparing ${message.file})` : ""}`,
              );
              if (message.stack) error.stack = message.stack;
              fail(error);
              return;
            }
            for (const result of message.results) onResult(result);
            pending -= message.results.length;
            if (pending === 0) {
              detach();
              resolvePromise();
            } else dispatch(worker);
          });
          worker.on("error", fail);
          worker.on("exit", (code) =>
            fail(new Error(`A comparison worker stopped unexpectedly (exit code ${code})`)),
          );
          const init: ToWorker = { kind: "init", catalog, options };
          worker.postMessage(init);
          for (let i = 0; i < IN_FLIGHT; i++) dispatch(worker);
        }
      }),
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
