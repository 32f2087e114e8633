// The CLI's error kinds and exit codes: diagnostics (1), usage and I/O (2), bugs (2 with a report hint).
import { TemplateError } from "../report/template-error.js";

/** Exit codes, as documented in the README. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** Diagnostic codes that mean a file could not be read at all: an I/O error (2), not a problem in the data (1). */
export const IO_CODES: ReadonlySet<string> = new Set(["input/read-failed"]);

/** A mistake in how the command was called or an environment problem; printed as one line plus a hint. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = "UsageError";
  }
}

/** A write to stdout or stderr failed: the disk is full, the device failed, or the reader went away (EPIPE). */
export class StreamWriteError extends Error {
  constructor(
    readonly stream: "stdout" | "stderr",
    readonly code: string,
    detail: string,
  ) {
    super(`cannot write to ${stream} (${code}): ${detail}`);
    this.name = "StreamWriteError";
  }
}

/** "no space left on device" from Node's "ENOSPC: no space left on device, write". */
export function describeErrno(error: NodeJS.ErrnoException): string {
  const message = error.message ?? String(error);
  return /^E[A-Z0-9]+: ([^,]+)/.exec(message)?.[1] ?? message;
}

/** What to do about an error of the system, by its code; anything else gets the generic hint. */
const ENVIRONMENT_HINTS: Readonly<Record<string, string>> = {
  ENOSPC: "The disk is full: free some space and run again (an existing --out file is left as it was).",
  EDQUOT:
    "The disk quota is used up: free some space and run again (an existing --out file is left as it was).",
  EIO: "The device reported an input/output error: check the disk, the terminal or the mount.",
  EACCES: "Check the permissions of the file and of its directory.",
  EPERM: "Check the permissions of the file and of its directory.",
  EROFS: "The file system is read-only: write somewhere else.",
  EISDIR:
    "A directory stands where a file is expected: check the paths given (--out, --template, --catalog).",
  ENOTDIR: "A file stands where a directory is expected in the path.",
  ENAMETOOLONG: "Shorten the file name (at most 255 bytes) or the path.",
  EMFILE: "Too many open files: raise the limit (ulimit -n) and run again.",
  ENFILE: "Too many open files: raise the limit (ulimit -n) and run again.",
  ELOOP: "The path has too many symbolic links (a loop?).",
  EFTYPE:
    "Name a regular file: vaspcheck reads no pipes, devices or sockets, so that it can never wait forever.",
  EFBIG: "The file is larger than --max-bytes allows: raise --max-bytes if the file is really this large.",
  ENOENT: "Check the path: no file is there.",
};

/** Formats an unexpected error as a readable block; the stack only with `--debug`. */
export function formatUnexpected(error: unknown, debug: boolean, version: string): string {
  if (error instanceof UsageError) {
    return `vaspcheck: ${error.message}\n${error.hint ? `  hint: ${error.hint}\n` : ""}`;
  }
  if (error instanceof TemplateError) {
    return (
      `${error.location}  error  ${error.message}\n` +
      "  hint: fix the template (helpers: md, block, cell, indent; every field it names must exist);\n" +
      "        the shipped templates/ directory shows the fields of each section.\n"
    );
  }
  const environment = formatEnvironment(error);
  if (environment) return environment;
  const message = error instanceof Error ? error.message : String(error);
  const stack = debug && error instanceof Error && error.stack ? `\n${error.stack}\n` : "";
  return (
    `vaspcheck: internal error: ${message}\n` +
    `  This is a bug in vaspcheck ${version} (node ${process.version}). Please report it with the command you ran.\n` +
    (debug ? stack : "  Run again with --debug to see the stack trace.\n")
  );
}

/**
 * An error of the system (disk full, permissions, a directory where a file should be, a name too long) said as
 * such: it is not a bug. Node's system errors carry an `E…` code and the failed `syscall` or the `path` (or both).
 */
function formatEnvironment(error: unknown): string | undefined {
  if (error instanceof StreamWriteError)
    return `vaspcheck: ${error.message}\n  hint: ${ENVIRONMENT_HINTS[error.code] ?? "Check where the output goes."}\n`;
  if (!(error instanceof Error)) return undefined;
  const io = error as NodeJS.ErrnoException;
  const located = typeof io.syscall === "string" || typeof io.path === "string";
  if (typeof io.code !== "string" || !/^E[A-Z0-9]+$/.test(io.code) || !located) return undefined;
  const hint =
    ENVIRONMENT_HINTS[io.code] ??
    (io.syscall === "read" || io.syscall === "open"
      ? "Check that the path exists and is readable."
      : "Check that the path exists and is writable.");
  return `vaspcheck: ${failedAction(io.syscall, io.path)} (${io.code}): ${describeErrno(io)}\n  hint: ${hint}\n`;
}

/** "cannot write report.md", "cannot access a file": the failed call in words, naming the file when known. */
function failedAction(syscall: string | undefined, path: string | undefined): string {
  return `cannot ${syscall === "write" ? "write" : "access"} ${path ?? "a file"}`;
}
