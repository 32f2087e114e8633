// Runs the CLI in-process and captures what it prints, for tests of exit codes and output.
import type { Io } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";

/** What one CLI run printed and returned. Binary stdout is kept as latin1 text. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `vaspcheck <argv…>` in this process. */
export async function runCli(...argv: string[]): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: (t) => {
      stdout += typeof t === "string" ? t : Buffer.from(t).toString("latin1");
    },
    stderr: (t) => {
      stderr += t;
    },
    isTty: false,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** An `Io` that keeps what commands print, for calling command handlers or `main` directly. */
export function memoryIo(tty = false, stdoutTty = tty): Io & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    isTty: tty,
    stdoutIsTty: stdoutTty,
    stdout(text: string | Uint8Array) {
      io.out += typeof text === "string" ? text : Buffer.from(text).toString("utf8");
    },
    stderr(text: string) {
      io.err += text;
    },
  };
  return io;
}
