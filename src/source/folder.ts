// Whether a path a file names stays inside that file's folder, also once symbolic links are resolved.
import { realpathSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";

/** Whether `path` lies strictly inside `folder` (both absolute). */
export function within(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return !(rel === "" || rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel));
}

/** The path with every symbolic link resolved; the path itself when it does not exist (the read then says so). */
export function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** Whether `name`, relative to `folder`, stays inside it, by its text and by where its links lead. */
export function staysInside(folder: string, name: string): boolean {
  if (isAbsolute(name)) return false;
  const base = resolve(folder);
  const target = resolve(base, name);
  return within(base, target) && within(realOrSelf(base), realOrSelf(target));
}
