// The one gate every input file passes: regular files only, symlinks resolved and checked, size limit before reading.
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  opendirSync,
  openSync,
  readlinkSync,
  readSync,
  realpathSync,
  type Stats,
  statSync,
} from "node:fs";
import { type FileHandle, lstat, open, readlink, realpath, stat } from "node:fs/promises";
import type { Diagnostic } from "../diagnostics/diagnostic.js";

/** Files larger than this are refused unless the caller raises the limit (10 MiB: 1,000 times a full answers file). */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/** The bytes of a file the gate let through, or the diagnostics of why it did not. */
export interface GateResult {
  readonly bytes?: Buffer;
  readonly diagnostics: Diagnostic[];
}

// Only regular files are opened, after `stat` says so. Should one be swapped for a FIFO between that check and the
// open, O_NONBLOCK keeps the open from waiting for a writer, and the `fstat` of the open file refuses it unread.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** The file a path names, after following a symbolic link, and whether it was one. */
interface Target {
  readonly real: string;
  readonly link: boolean;
}

function failure(path: string, message: string, hint: string, code: Diagnostic["code"]): GateResult {
  return {
    diagnostics: [{ file: path, start: { line: 1, column: 1 }, severity: "error", code, message, hint }],
  };
}

/** What a special file is, in words, with its article ("a FIFO (named pipe)"); the output gate says it alike. */
export function kindOf(info: Stats): string {
  if (info.isFIFO()) return "a FIFO (named pipe)";
  if (info.isSocket()) return "a socket";
  if (info.isCharacterDevice()) return "a character device";
  if (info.isBlockDevice()) return "a block device";
  return "a special file";
}

/** A directory named where a file belongs; said differently when it cannot even be listed. */
function directoryRefusal(path: string): GateResult {
  try {
    opendirSync(path).closeSync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    return failure(
      path,
      `Directory could not be read (${code})`,
      "Give read access to the directory, or leave it out.",
      "input/read-failed",
    );
  }
  return failure(path, "Expected a file, found a directory", "Name a file.", "input/read-failed");
}

/** Why a file of this kind and size may not be read, or undefined when it may. */
function refusal(path: string, target: Target, info: Stats, maxBytes: number): GateResult | undefined {
  if (info.isDirectory()) return directoryRefusal(path);
  if (!info.isFile()) {
    const link = target.link ? `; it links to ${target.real}` : "";
    return failure(
      path,
      `Expected a regular file, found ${kindOf(info)}${link}`,
      "vaspcheck reads regular files only, so that no pipe or device can make it wait: save the data to a file and name that.",
      "input/read-failed",
    );
  }
  return info.size > maxBytes ? tooLarge(path, info.size, maxBytes) : undefined;
}

/** A file over the limit: by its size, or (`size` undefined) because it grew past the limit while being read. */
function tooLarge(path: string, size: number | undefined, maxBytes: number): GateResult {
  return failure(
    path,
    size === undefined
      ? `File grew past the limit of ${maxBytes} bytes while being read`
      : `File is ${size} bytes, more than the limit of ${maxBytes} bytes`,
    "Split the file, or raise the limit with `--max-bytes` if it is genuine.",
    "input/too-large",
  );
}

/** The reason and hint of a failed read, in words, by the error's code (errnoOf reads the code back from them). */
const READ_FAILURES: Readonly<Record<string, readonly [string, string]>> = {
  ELOOP: [
    "File could not be read (ELOOP): its path is a loop of symbolic links",
    "A link in the path points back at itself, directly or through others: name the file itself.",
  ],
  EACCES: [
    "File could not be read (EACCES): permission denied",
    "Check the file's permissions and its directory's.",
  ],
  ENOTDIR: [
    "File could not be read (ENOTDIR): a part of its path is a file, not a directory",
    "Check the path: a file stands where a directory is expected.",
  ],
  ENAMETOOLONG: [
    "File could not be read (ENAMETOOLONG): its name or path is too long",
    "A file name has at most 255 bytes; check the path.",
  ],
};

function ioFailure(path: string, error: unknown): GateResult {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return failure(path, "File not found", "Check the path.", "input/read-failed");
  const [reason, hint] = READ_FAILURES[code ?? ""] ?? [
    `File could not be read (${code ?? "unknown error"})`,
    "Check the path and the file's permissions.",
  ];
  return failure(path, reason, hint, "input/read-failed");
}

/** Reads an open file to its end, never more than `maxBytes` (a file may grow after its size was checked). */
function readAllSync(path: string, fd: number, size: number, maxBytes: number): GateResult {
  let buffer: Buffer = Buffer.allocUnsafe(Math.min(size, maxBytes) + 1);
  let total = 0;
  for (;;) {
    if (total === buffer.length) buffer = grow(buffer, maxBytes);
    const n = readSync(fd, buffer, total, buffer.length - total, null);
    if (n === 0) return { bytes: buffer.subarray(0, total), diagnostics: [] };
    total += n;
    if (total > maxBytes) return tooLarge(path, undefined, maxBytes);
  }
}

/** A buffer twice as long (one byte past the limit at most, enough to see that a file is over it). */
function grow(buffer: Buffer, maxBytes: number): Buffer {
  const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
  buffer.copy(bigger);
  return bigger;
}

/** The real path of a link, or, when it has none (a link to a pipe), what the link says. */
function realOrLink(path: string, real: (p: string) => string, read: (p: string) => string): string {
  try {
    return real(path);
  } catch {
    return read(path);
  }
}

/** Reads a file's bytes through the gate, blocking: for worker threads and other synchronous callers. */
export function readGatedSync(path: string, maxBytes = DEFAULT_MAX_BYTES): GateResult {
  let fd: number | undefined;
  try {
    const link = lstatSync(path).isSymbolicLink();
    // A link to a pipe (`/dev/stdin` under `|`) has no real path: its kind is what the user needs to hear.
    const target: Target = { real: link ? realOrLink(path, realpathSync, readlinkSync) : path, link };
    const early = refusal(path, target, statSync(path), maxBytes);
    if (early) return early;
    fd = openSync(target.real, OPEN_FLAGS);
    const info = fstatSync(fd);
    return refusal(path, target, info, maxBytes) ?? readAllSync(path, fd, info.size, maxBytes);
  } catch (error) {
    return ioFailure(path, error);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Reads a file's bytes through the gate. Never throws: every refusal and I/O failure is a diagnostic. */
export async function readGated(path: string, maxBytes = DEFAULT_MAX_BYTES): Promise<GateResult> {
  try {
    const link = (await lstat(path)).isSymbolicLink();
    const target: Target = {
      real: link ? await realpath(path).catch(async () => readlink(path)) : path,
      link,
    };
    const early = refusal(path, target, await stat(path), maxBytes);
    if (early) return early;
    const handle = await open(target.real, OPEN_FLAGS);
    try {
      const info = await handle.stat();
      return refusal(path, target, info, maxBytes) ?? (await readAll(path, handle, info.size, maxBytes));
    } finally {
      await handle.close();
    }
  } catch (error) {
    return ioFailure(path, error);
  }
}

/** The promise twin of `readAllSync`. */
async function readAll(
  path: string,
  handle: FileHandle,
  size: number,
  maxBytes: number,
): Promise<GateResult> {
  let buffer: Buffer = Buffer.allocUnsafe(Math.min(size, maxBytes) + 1);
  let total = 0;
  for (;;) {
    if (total === buffer.length) buffer = grow(buffer, maxBytes);
    const { bytesRead } = await handle.read(buffer, total, buffer.length - total, null);
    if (bytesRead === 0) return { bytes: buffer.subarray(0, total), diagnostics: [] };
    total += bytesRead;
    if (total > maxBytes) return tooLarge(path, undefined, maxBytes);
  }
}

/**
 * A file the tool needs to go on (a template) that the gate refused, shaped like Node's own file errors (`code`,
 * `syscall`, `path`, a message `CODE: reason`) so the CLI reports it as a problem of the environment, not a bug.
 */
export class InputRefusedError extends Error {
  /** An errno-style code: EISDIR, EFBIG, EFTYPE (a pipe, socket or device), ENOENT, or the failed call's own. */
  readonly code: string;
  readonly syscall = "read";
  readonly path: string;
  constructor(path: string, diagnostic: Diagnostic | undefined) {
    const code = errnoOf(diagnostic);
    // Node's messages end the reason at the first comma, and so do the tools that read them.
    super(`${code}: ${(diagnostic?.message ?? "could not be read").replaceAll(",", ";")}`);
    this.name = "InputRefusedError";
    this.path = path;
    this.code = code;
  }
}

function errnoOf(diagnostic: Diagnostic | undefined): string {
  const message = diagnostic?.message ?? "";
  if (diagnostic?.code === "input/too-large") return "EFBIG";
  if (message.includes("found a directory")) return "EISDIR";
  if (message.startsWith("Expected a regular file")) return "EFTYPE";
  if (message === "File not found") return "ENOENT";
  return /\((E[A-Z]+)\)/.exec(message)?.[1] ?? "EIO";
}

/** Reads a UTF-8 text file through the gate; throws `InputRefusedError` when it is refused or unreadable. */
export async function readGatedText(path: string, maxBytes = DEFAULT_MAX_BYTES): Promise<string> {
  const read = await readGated(path, maxBytes);
  if (!read.bytes) throw new InputRefusedError(path, read.diagnostics[0]);
  return read.bytes.toString("utf8");
}
