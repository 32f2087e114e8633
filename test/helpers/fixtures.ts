// Test helpers: the frozen fixture catalog, temp copies to break on purpose, and answers built in code.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { loadCatalog } from "../../src/catalog/load-catalog.js";
import type { Answers } from "../../src/model/answers.js";
import { AnswersSchema } from "../../src/model/answers.js";
import type { Catalog } from "../../src/model/catalog.js";
import { parseYaml } from "../../src/source/parse-yaml.js";

/** The frozen test catalog (a copy of the seed catalog, id `vaspcheck-test`). */
export const FIXTURE_CATALOG = new URL("../fixtures/catalog/", import.meta.url).pathname;
/** The fixture answers directory. */
export const FIXTURE_ANSWERS = new URL("../fixtures/answers/", import.meta.url).pathname;

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temp directory, removed after the test file. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "vaspcheck-test-"));
  temps.push(dir);
  return dir;
}

/** Loads the fixture catalog, failing the test if it does not load. */
export async function fixtureCatalog(): Promise<Catalog> {
  const loaded = await loadCatalog(FIXTURE_CATALOG);
  if (!loaded.catalog) throw new Error(`fixture catalog broken: ${JSON.stringify(loaded.diagnostics)}`);
  return loaded.catalog;
}

/** Copies the fixture catalog to a temp dir and rewrites files: relative path → (text) => new text. */
export function brokenCatalog(
  edits: Record<string, (text: string) => string>,
  base = FIXTURE_CATALOG,
): string {
  const dir = tempDir();
  cpSync(base, dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const path = join(dir, file);
    writeFileSync(path, edit(readFileSync(path, "utf8")));
  }
  return dir;
}

/** Parses fixture answers (`weak` or `strong`) into validated Answers. */
export function fixtureAnswers(name: "weak" | "strong"): Answers {
  const text = readFileSync(join(FIXTURE_ANSWERS, `${name}.yaml`), "utf8");
  const parsed = parseYaml(`${name}.yaml`, text);
  return AnswersSchema.parse(parsed.file?.data);
}

/** Writes text to a file in a fresh temp dir and returns its path. */
export function writeTemp(name: string, text: string | Uint8Array): string {
  const path = join(tempDir(), name);
  writeFileSync(path, text);
  return path;
}

/** Rewrites the organization block of a fixture answers file: its name, its registration and its date (optional). */
export function asOrganization(text: string, name: string, registration?: string, date?: string): string {
  let out = text.replace(/^ {2}name: .*$/m, `  name: ${JSON.stringify(name)}`);
  out = out.replace(/^ {2}registration: .*\n/m, "");
  if (registration)
    out = out.replace(
      /^ {2}jurisdiction: (.*)$/m,
      `  jurisdiction: $1\n  registration: ${JSON.stringify(registration)}`,
    );
  if (date) out = out.replace(/^ {2}date: .*$/m, `  date: "${date}"`);
  return out;
}
