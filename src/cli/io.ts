// Process I/O behind an interface, so commands can run in-process in tests; checked stream writes; atomic files.
import { randomBytes } from "node:crypto";
import { type Stats, writeSync } from "node:fs";
import { type FileHandle, open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { isatty } from "node:tty";
import { describeErrno, StreamWriteError, UsageError } from "./errors.js";
import { lstatOrUndefined, refuseUnsafeTarget } from "./output-gate.js";

/**
 * Where a command writes its output. `stdout` and `stderr` throw when the bytes cannot be written (a
 * `StreamWriteError` for the process streams), so no output is lost without a word.
 */
export interface Io {
  stdout(text: string | Uint8Array): void;
  stderr(text: string): void;
  /** Whether stderr is an interactive terminal (progress bars are drawn only then). */
  readonly isTty: boolean;
  /** Whether stdout is an interactive terminal (binary output is never written to one); false when absent. */
  readonly stdoutIsTty?: boolean;
}

/** The real process streams, written synchronously and completely. */
export const processIo: Io = {
  stdout: (text) => writeAll(1, "stdout", text),
  stderr: (text) => writeAll(2, "stderr", text),
  isTty: isatty(2),
  stdoutIsTty: isatty(1),
};

type WriteFn = (fd: number, buffer: Uint8Array, offset: number, length: number) => number;

/**
 * Writes every byte to `fd`, looping over short writes (a file on a nearly full disk takes only part of a write,
 * and Node's own stdout stream drops the rest) and waiting out EAGAIN on a non-blocking pipe.
 * Throws a `StreamWriteError` on any other error. `write` is replaceable for tests.
 */
export function writeAll(
  fd: number,
  stream: "stdout" | "stderr",
  data: string | Uint8Array,
  write: WriteFn = writeSync,
): void {
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  let offset = 0;
  while (offset < bytes.length) {
    try {
      const written = write(fd, bytes, offset, bytes.length - offset);
      if (written <= 0) throw new StreamWriteError(stream, "EIO", "the write made no progress");
      offset += written;
    } catch (error) {
      const io = error as NodeJS.ErrnoException;
      if (io.code === "EAGAIN") pause();
      else if (error instanceof StreamWriteError) throw error;
      else throw new StreamWriteError(stream, io.code ?? "EIO", describeErrno(io));
    }
  }
}

/** Blocks the thread briefly, so a full pipe can drain before the next try. */
function pause(): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
}

/** File names are at most 255 bytes (NAME_MAX); the temporary name must fit where the target's name fits. */
const NAME_MAX = 255;

/** `.<name>.<hex>.tmp` in the target's directory, with the name shortened (by whole characters) to fit NAME_MAX. */
function temporaryPath(path: string): string {
  const suffix = `.${randomBytes(6).toString("hex")}.tmp`;
  const chars = Array.from(basename(path));
  while (chars.length > 0 && Buffer.byteLength(`.${chars.join("")}${suffix}`) > NAME_MAX) chars.pop();
  return join(dirname(path), `.${chars.join("")}${suffix}`);
}

/**
 * Writes a file atomically: the data goes to a temporary file in the same directory, which is then renamed over
 * the target. A failure leaves the previous file (if any) untouched. An existing target keeps its permission
 * bits (a 0600 report stays 0600); a new one gets the umask's default. The target must be a regular file with
 * one link or a new path (see `refuseUnsafeTarget`): the rename gives the file a new inode.
 */
/**
 * Gives the new file the old one's owner and group. Only a privileged user may give a file away: for anyone else
 * a target owned by someone else is refused, since replacing it would take it from its owner.
 */
async function keepOwner(handle: FileHandle, existing: Stats): Promise<void> {
  if (process.getuid?.() === existing.uid && process.getgid?.() === existing.gid) return;
  try {
    await handle.chown(existing.uid, existing.gid);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EPERM" && code !== "EINVAL") throw error;
    throw new UsageError(
      "--out names a file owned by another user; replacing it would take it from its owner",
      "Choose another --out, or let the file's owner regenerate it.",
    );
  }
}

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const existing = await lstatOrUndefined(path);
  refuseUnsafeTarget(path, existing);
  const temp = temporaryPath(path);
  try {
    const handle = await open(temp, "wx", existing ? existing.mode & 0o777 : 0o666);
    try {
      // open() applies the umask; the old mode is restored exactly, and the old owner where we may set it.
      if (existing) await handle.chmod(existing.mode & 0o777);
      if (existing) await keepOwner(handle, existing);
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    // The temporary file may never have existed (a file where a directory should be): that must not hide the cause.
    await rm(temp, { force: true }).catch(() => undefined);
    // The temporary name is ours; the user should read about the file they asked for (writes carry no path).
    const io = error as NodeJS.ErrnoException;
    if (typeof io?.code === "string" && (io.path === undefined || io.path === temp)) io.path = path;
    throw error;
  }
}
