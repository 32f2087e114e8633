// Process I/O behind an interface, so commands can run in-process in tests; atomic file writes.
import { randomBytes } from "node:crypto";
import { rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** Where a command writes its output. */
export interface Io {
  stdout(text: string | Uint8Array): void;
  stderr(text: string): void;
  /** Whether stderr is an interactive terminal (progress bars are drawn only then). */
  readonly isTty: boolean;
  /** Whether stdout is an interactive terminal (binary output is never written to one); false when absent. */
  readonly stdoutIsTty?: boolean;
}

/** The real process streams. */
export const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTty: Boolean(process.stderr.isTTY),
  stdoutIsTty: Boolean(process.stdout.isTTY),
};

/**
 * Writes a file atomically: the data goes to a temporary file in the same directory, which is then
 * renamed over the target. A failure leaves the previous file (if any) untouched.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(temp, data, { flag: "wx" });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    // The temporary name is ours; the user should read about the file they asked for.
    const io = error as NodeJS.ErrnoException;
    if (io && io.path === temp) io.path = path;
    throw error;
  }
}
