// Expands the command line's files and directories into the list of submissions, sorted and without repeats.
import { readdir, stat } from "node:fs/promises";
import { join, resolve } from "node:path";

/** The answers files found, and the named paths that do not exist. */
export interface CollectedInputs {
  readonly files: string[];
  readonly missing: string[];
}

const ANSWERS_FILE = /\.(ya?ml|json|csv|xlsx|vcpkg)$/i;

/**
 * Lists every answers file named or found (recursively) in a directory. Inside directories only `.yaml`,
 * `.yml`, `.json`, `.csv` (answers sheet) and `.xlsx` (answers workbook) files count, and hidden entries are skipped; a file named
 * explicitly always counts.
 * Symbolic links to directories are not followed, so a link loop cannot hang the run. Entries that are not regular
 * files (a FIFO, a socket, a link to a device) are listed all the same, and so is a directory that cannot be read:
 * reading each of them reports why it is not compared, while every other submission is.
 */
export async function collectInputs(inputs: readonly string[]): Promise<CollectedInputs> {
  const files: string[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  const add = (path: string) => {
    const key = resolve(path);
    if (seen.has(key)) return;
    seen.add(key);
    files.push(path);
  };
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => undefined);
    if (!entries) return add(dir);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (ANSWERS_FILE.test(entry.name)) add(path);
    }
  };
  for (const input of inputs) {
    const info = await stat(input).catch((error: NodeJS.ErrnoException) => error);
    if (info instanceof Error) {
      // Only a path that is not there is missing; any other failure is the file's to report when it is read.
      if (info.code === "ENOENT" || info.code === "ENOTDIR") missing.push(input);
      else add(input);
    } else if (info.isDirectory()) await walk(input);
    else add(input);
  }
  return { files, missing };
}
