// The one output gate: what `--out` may name, checked before any work is done and again just before writing.
import type { Stats } from "node:fs";
import { lstat, realpath, stat } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, sep } from "node:path";
import { kindOf } from "../source/input-gate.js";
import { UsageError } from "./errors.js";

/**
 * Checks an `--out` value before a command does its work: it must be a non-empty name of a regular file or of a
 * new path, and must not be, or lie inside, any of `inputs` (files and directories the command reads; compare
 * passes every file it found as well). Paths are compared after resolving symbolic links.
 */
export async function checkOut(out: string | undefined, inputs: readonly string[]): Promise<void> {
  if (out === undefined) return;
  if (out === "")
    throw new UsageError("--out needs a file name, got an empty one", "Omit --out to write to stdout.");
  await refuseInputOverlap(out, inputs);
  const stats = await lstatOrUndefined(out);
  refuseUnsafeTarget(out, stats);
  if (!stats) await refuseMissingDirectory(out);
}

/** A new `--out` needs a directory to go in: said as such, not as a file that is not found. */
async function refuseMissingDirectory(out: string): Promise<void> {
  const dir = dirname(unresolved(out));
  const found = await stat(dir).then(
    (s) => (s.isDirectory() ? "directory" : "file"),
    (error: NodeJS.ErrnoException) => error.code ?? "error",
  );
  if (found === "directory") return;
  const where = dirname(out);
  const why =
    found === "ENOENT"
      ? `the directory ${where} does not exist`
      : found === "file" || found === "ENOTDIR"
        ? `${where} is a file, not a directory`
        : found === "ELOOP"
          ? `${where} is a loop of symbolic links`
          : `the directory ${where} cannot be reached (${found})`;
  throw new UsageError(
    `--out ${out}: ${why}`,
    found === "ENOENT"
      ? "Create the directory first, or name a file in an existing directory."
      : "Name a file in an existing directory.",
  );
}

/** The directories of `--catalog` and `--template`, when given: inputs of every command that takes them. */
export function readInputs(args: { readonly catalog?: string; readonly template?: string }): string[] {
  return [args.catalog, args.template].filter((path): path is string => path !== undefined);
}

/**
 * Refuses a target that is not a regular file with a single link: a symbolic link (replacing it would leave its
 * target untouched), a directory, a device, FIFO or socket (replacing it would swap a special file for a regular
 * one), or a file with other hard links (the atomic rename would leave them holding the old content).
 * `stats` are the target's `lstat`, or undefined for a new path.
 */
export function refuseUnsafeTarget(out: string, stats: Stats | undefined): void {
  // A read-only file is kept read-only on purpose (a signed or archived report): replacing it needs a decision.
  if (stats?.isFile() && (stats.mode & 0o222) === 0)
    throw new UsageError(
      `--out ${out} is read-only; vaspcheck does not replace a file its owner protected`,
      "Make it writable (chmod u+w) if it may be replaced, or choose another --out.",
    );
  if (!stats || (stats.isFile() && stats.nlink <= 1)) return;
  if (stats.isFile())
    throw new UsageError(
      `--out ${out} has ${stats.nlink} hard links; replacing it would leave the other names with the old content`,
      "Remove the file first, or choose another --out.",
    );
  if (stats.isSymbolicLink())
    throw new UsageError(
      `--out ${out} is a symbolic link; vaspcheck does not write through links`,
      "Name the file the link points to, or remove the link.",
    );
  if (stats.isDirectory())
    throw new UsageError(`--out ${out} is a directory`, `Name a file, e.g. --out ${join(out, "report.md")}`);
  throw new UsageError(
    `--out ${out} is ${kindOf(stats)}, not a regular file; vaspcheck writes only regular files`,
    "Omit --out and redirect stdout instead (e.g. > /dev/null).",
  );
}

/** The target's `lstat`, or undefined when nothing is there yet (or it cannot be seen: the write will say why). */
export async function lstatOrUndefined(path: string): Promise<Stats | undefined> {
  return lstat(path).catch(() => undefined);
}

/**
 * Refuses an `--out` that resolves to an input file or into an input directory. Every input is looked at for
 * the first before any for the second, so a file found in a directory is named as itself.
 */
async function refuseInputOverlap(out: string, inputs: readonly string[]): Promise<void> {
  const target = await realTarget(out);
  const real = await Promise.all(inputs.map(realTarget));
  const same = real.indexOf(target);
  if (same >= 0)
    throw new UsageError(
      `--out ${out} is the input file ${inputs[same]}; writing the report there would replace it`,
      "Name another output file.",
    );
  for (const [index, dir] of real.entries()) {
    if (!target.startsWith(dir.endsWith(sep) ? dir : dir + sep)) continue;
    if (!(await lstat(dir).catch(() => undefined))?.isDirectory()) continue;
    throw new UsageError(
      `--out ${out} lies inside the input directory ${inputs[index]}; the output would be read as an input next time`,
      "Name a file outside every directory the command reads.",
    );
  }
}

/**
 * The path with symbolic links resolved, also for a path that does not exist yet: its deepest existing ancestor
 * is resolved and the rest appended.
 */
async function realTarget(path: string): Promise<string> {
  // Not `resolve()`: it drops `l/..` by the text, where the kernel follows the link `l` first and then goes up from
  // where it leads. realpath() walks the path as the kernel does.
  const absolute = unresolved(path);
  const tail: string[] = [];
  let head = absolute;
  for (;;) {
    const real = await realpath(head).catch(() => undefined);
    if (real !== undefined) return join(real, ...tail.reverse());
    const parent = dirname(head);
    if (parent === head) return absolute;
    tail.push(basename(head));
    head = parent;
  }
}

/** An absolute path with every `.` and `..` kept, for realpath() to walk as the kernel does. */
function unresolved(path: string): string {
  return isAbsolute(path) ? path : `${process.cwd()}${sep}${path}`;
}
