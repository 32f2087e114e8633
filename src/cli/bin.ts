#!/usr/bin/env node
// Entry point of the `vaspcheck` executable.
import { writeSync } from "node:fs";
import { hideBin } from "yargs/helpers";
import { main } from "./main.js";

// Commands write through `processIo`, which checks every write; yargs prints help and the version through the
// streams. A reader that stops early (`vaspcheck --help | head`) closes the pipe: not an error of ours. Any other
// failure (a full disk, a broken device) is said once, without a stack trace, and exits 2.
for (const [name, stream] of [
  ["stdout", process.stdout],
  ["stderr", process.stderr],
] as const) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    try {
      writeSync(2, `vaspcheck: cannot write to ${name} (${error.code ?? "EIO"})\n`);
    } catch {
      // stderr is gone too; the exit code says it.
    }
    process.exit(2);
  });
}

process.exitCode = await main(hideBin(process.argv));
