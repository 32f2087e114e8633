// Worker thread: receives the catalog once, then assesses batches of submissions and returns compact results.
import { parentPort } from "node:worker_threads";
import { type Assessor, createAssessor, type SubmissionResult } from "./assess-submission.js";
import type { FromWorker, ToWorker } from "./protocol.js";

/** Serves one main thread until it terminates this worker. */
function serve(port: NonNullable<typeof parentPort>): void {
  let assessor: Assessor | undefined;
  const send = (message: FromWorker) => port.postMessage(message);
  port.on("message", (message: ToWorker) => {
    if (message.kind === "init") {
      assessor = createAssessor(message.catalog, message.options);
      return;
    }
    if (!assessor) throw new Error("batch received before the catalog");
    const results: SubmissionResult[] = [];
    for (const file of message.files) {
      try {
        results.push(assessor.read(file));
      } catch (error) {
        const e = error instanceof Error ? error : new Error(String(error));
        send({ kind: "failed", file, message: e.message, stack: e.stack });
        return;
      }
    }
    send({ kind: "results", batch: message.batch, results });
  });
}

if (parentPort) serve(parentPort);
