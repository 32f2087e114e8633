// Reads a submission package (a zip) into memory without trusting it: every name is checked before anything is
// inflated, each entry is inflated within the size it declares, and nothing is ever written to disk here.
import { inflateAsDeclared, zipDirectory } from "../source/zip-gate.js";

/** Most entries a package may hold. */
export const MAX_PACKAGE_ENTRIES = 10_000;
/** Most bytes a package may inflate to, all entries together. */
export const MAX_PACKAGE_INFLATED = 512 * 1024 * 1024;

/** The package's files by name, or the one problem that made it unreadable. */
export type PackageRead = { readonly files: ReadonlyMap<string, Uint8Array> } | { readonly problem: string };

/** Reads a package's entries. A name that could leave a folder, a link, a duplicate or a bomb is refused. */
export function readPackageZip(bytes: Uint8Array): PackageRead {
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const entries = isZip ? zipDirectory(bytes, MAX_PACKAGE_ENTRIES) : undefined;
  if (!entries) return { problem: "it is not a zip file, or its zip directory is damaged" };
  if (entries.length > MAX_PACKAGE_ENTRIES)
    return { problem: `it holds more than ${MAX_PACKAGE_ENTRIES} entries` };
  const seen = new Set<string>();
  let total = 0;
  for (const e of entries) {
    const unsafe = nameProblem(e.name);
    if (unsafe) return { problem: `its entry \`${e.name.slice(0, 200)}\` ${unsafe}` };
    // Names are compared as a case-insensitive file system would see them: two entries must not land on one file.
    const folded = e.name.normalize("NFC").toLowerCase();
    if (seen.has(folded)) return { problem: `it holds the entry \`${e.name}\` twice` };
    seen.add(folded);
    if ((e.mode & 0o170000) === 0o120000) return { problem: `its entry \`${e.name}\` is a symbolic link` };
    total += e.size;
    if (total > MAX_PACKAGE_INFLATED)
      return { problem: `it would inflate to more than ${MAX_PACKAGE_INFLATED / 1024 / 1024} MiB` };
  }
  const files = new Map<string, Uint8Array>();
  for (const e of entries) {
    if (e.name.endsWith("/")) continue;
    const data = inflateAsDeclared(bytes, e);
    if (!data)
      return {
        problem: `its entry \`${e.name}\` inflates past the size its directory declares, or is damaged`,
      };
    files.set(e.name, data);
  }
  return { files };
}

/** Why an entry name is unsafe to write under a folder, or undefined. */
function nameProblem(name: string): string | undefined {
  if (name === "" || name.length > 1024) return "has no name, or too long a one";
  if (name.includes("\\") || [...name].some((ch) => ch.charCodeAt(0) < 0x20))
    return "holds a control character or a backslash";
  if (name.startsWith("/") || /^[A-Za-z]:/.test(name)) return "is an absolute path";
  const parts = name.replace(/\/$/, "").split("/");
  if (parts.some((p) => p === ".." || p === "." || p === ""))
    return "leaves its folder (`..`, `.` or an empty part)";
  return undefined;
}
