#!/usr/bin/env node
// Entry point of the `vaspcheck` executable.
import { hideBin } from "yargs/helpers";
import { main } from "./main.js";

// A reader that stops early (`vaspcheck report … | head`) closes the pipe; that is not an error of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(process.exitCode ?? 0);
  });
}

process.exitCode = await main(hideBin(process.argv));
