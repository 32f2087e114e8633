#!/usr/bin/env node
// Entry point of the `vaspcheck` executable.
import { hideBin } from "yargs/helpers";
import { main } from "./main.js";

process.exitCode = await main(hideBin(process.argv));
