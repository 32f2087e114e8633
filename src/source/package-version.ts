// The running vaspcheck version, read once from package.json (so it is never written twice).
import { readFileSync } from "node:fs";

let cached: string | undefined;

/** The vaspcheck package version. */
export function vaspcheckVersion(): string {
  if (cached === undefined) {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
      version: string;
    };
    cached = pkg.version;
  }
  return cached;
}
