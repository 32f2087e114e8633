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
  const io = error as NodeJS.ErrnoException;
  if (io && typeof io.code === "string" && typeof io.path === "string") {
    return `vaspcheck: cannot access ${io.path} (${io.code})\n  hint: check that the path exists and is writable.\n`;
  }
  const message = error instanceof Error ? error.message : String(error);
  const stack = debug && error instanceof Error && error.stack ? `\n${error.stack}\n` : "";
  return (
    `vaspcheck: internal error: ${message}\n` +
    `  This is a bug in vaspcheck ${version} (node ${process.version}). Please report it with the command you ran.\n` +
    (debug ? stack : "  Run again with --debug to see the stack trace.\n")
  );
}
