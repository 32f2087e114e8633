// Loads a catalog directory into a Catalog, collecting every problem as a diagnostic instead of throwing.

import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { basename, dirname, join, relative } from "node:path";
import type * as z from "zod";
import { appendAll, byCodeUnit, type Diagnostic, hasErrors } from "../diagnostics/diagnostic.js";
import type { Catalog } from "../model/catalog.js";
import { CatalogMetaSchema, ProfileFileSchema } from "../model/catalog-meta.js";
import { type Control, ControlSchema } from "../model/control.js";
import { type Framework, FrameworkSchema } from "../model/framework.js";
import { type Incident, IncidentSchema } from "../model/incident.js";
import { LessonsFileSchema } from "../model/lesson.js";
import { diagnosticsFromZod } from "../source/from-zod.js";
import { parseBytes, readBytes } from "../source/read-source.js";
import { locate, type SourceFile } from "../source/source-file.js";
import { checkCatalog } from "./check-catalog.js";

/** Where each catalog entry came from, so later checks can point at it. */
export interface CatalogSources {
  readonly meta?: SourceFile;
  readonly profile?: SourceFile;
  readonly lessons?: SourceFile;
  readonly incidents: ReadonlyMap<string, SourceFile>;
  readonly frameworks: ReadonlyMap<string, SourceFile>;
  readonly controls: ReadonlyMap<string, SourceFile>;
}

/** The outcome of loading: a catalog when there were no errors, diagnostics always. */
export interface LoadCatalogResult {
  readonly catalog?: Catalog;
  /**
   * The catalog as assembled when every required file parsed but cross-checks found errors: for tools such as
   * lint that check what they can. Answers must never be evaluated against it.
   */
  readonly unchecked?: Catalog;
  readonly sources: CatalogSources;
  readonly diagnostics: Diagnostic[];
}

async function listYaml(dir: string): Promise<string[]> {
  try {
    const names = await readdir(dir);
    return names
      .filter((n) => /\.(ya?ml|json)$/.test(n))
      .sort()
      .map((n) => join(dir, n));
  } catch {
    return [];
  }
}

/** A validated catalog saved at build time, keyed by the digest of the files it came from. */
export interface CatalogCache {
  readonly digest: string;
  readonly catalog: Catalog;
}

/** Options of `loadCatalog`. */
export interface LoadCatalogOptions {
  /**
   * A catalog validated earlier. When the directory's files hash to its digest, it is returned without
   * parsing: the files are byte-for-byte those it was built from. Defaults to the cache shipped in `dist/`.
   */
  readonly cache?: CatalogCache | null;
}

async function shippedCache(): Promise<CatalogCache | null> {
  try {
    return JSON.parse(
      await readFile(new URL("../catalog-cache.json", import.meta.url), "utf8"),
    ) as CatalogCache;
  } catch {
    return null;
  }
}

/** Loads `catalog.yaml`, `profile.yaml`, `lessons.yaml`, `incidents/`, `frameworks/` and `controls/` from a directory. */
export async function loadCatalog(dir: string, options: LoadCatalogOptions = {}): Promise<LoadCatalogResult> {
  const diagnostics: Diagnostic[] = [];
  const notFolder = await notADirectory(dir);
  if (notFolder)
    return {
      sources: { incidents: new Map(), frameworks: new Map(), controls: new Map() },
      diagnostics: [notFolder],
    };
  const paths = await catalogPaths(dir);
  const { bytes, digest } = await readFiles(dir, paths, diagnostics);
  const cache = options.cache === undefined ? await shippedCache() : options.cache;
  if (cache && cache.digest === digest && diagnostics.length === 0) {
    return {
      catalog: cache.catalog,
      sources: { incidents: new Map(), frameworks: new Map(), controls: new Map() },
      diagnostics,
    };
  }
  return parseCatalog({ dir, paths, bytes, diagnostics }, digest);
}

/** One diagnostic when the catalog path is missing or not a directory, instead of one per file it would hold. */
async function notADirectory(dir: string): Promise<Diagnostic | undefined> {
  const { stat } = await import("node:fs/promises");
  const found = await stat(dir).then(
    (s) => (s.isDirectory() ? undefined : "is not a directory"),
    (error: NodeJS.ErrnoException) =>
      error.code === "ENOENT" ? "does not exist" : `cannot be read (${error.code})`,
  );
  if (!found) return undefined;
  return {
    file: display(dir),
    start: { line: 1, column: 1 },
    severity: "error",
    code: "input/read-failed",
    message: `The catalog ${display(dir)} ${found}: a catalog is a directory holding catalog.yaml, lessons.yaml and the rest`,
    hint: "Pass the catalog's directory with `--catalog DIR`, or leave the option out for the shipped catalog.",
  };
}

/** A path as the user would write it: relative to the working directory when that is shorter. */
const display = (p: string) => relative(process.cwd(), p) || p;

/** Every file of a catalog directory, in the order they are hashed and loaded. */
async function catalogPaths(dir: string): Promise<string[]> {
  return [
    join(dir, "catalog.yaml"),
    join(dir, "profile.yaml"),
    join(dir, "lessons.yaml"),
    ...(await listYaml(join(dir, "incidents"))),
    ...(await listYaml(join(dir, "frameworks"))),
    ...(await listYaml(join(dir, "controls"))),
  ];
}

/** Reads every file, and hashes names and bytes together so a renamed file changes the digest too. */
async function readFiles(
  dir: string,
  paths: readonly string[],
  diagnostics: Diagnostic[],
): Promise<{ bytes: Map<string, Buffer>; digest: string }> {
  const bytes = new Map<string, Buffer>();
  const hash = createHash("sha256");
  for (const path of paths) {
    const read = await readBytes(display(path));
    appendAll(diagnostics, read.diagnostics);
    if (!read.bytes) continue;
    bytes.set(path, read.bytes);
    hash.update(`${relative(dir, path)}\n`).update(read.bytes);
  }
  return { bytes, digest: hash.digest("hex") };
}

/** The files of one catalog directory as read, and the list every loading problem goes to. */
interface LoadContext {
  readonly dir: string;
  readonly paths: readonly string[];
  readonly bytes: ReadonlyMap<string, Buffer>;
  readonly diagnostics: Diagnostic[];
}

/** Parses every file, assembles the catalog and cross-checks it. */
function parseCatalog(ctx: LoadContext, digest: string): LoadCatalogResult {
  const { dir, diagnostics } = ctx;
  const meta = loadFile(ctx, join(dir, "catalog.yaml"), CatalogMetaSchema);
  const profile = loadFile(ctx, join(dir, "profile.yaml"), ProfileFileSchema);
  const lessons = loadFile(ctx, join(dir, "lessons.yaml"), LessonsFileSchema);
  const incidents = loadMany(ctx, "incidents", IncidentSchema);
  const frameworks = loadMany(ctx, "frameworks", FrameworkSchema);
  const controls = loadMany(ctx, "controls", ControlSchema);

  const sources: CatalogSources = {
    meta: meta?.file,
    profile: profile?.file,
    lessons: lessons?.file,
    incidents: incidents.files,
    frameworks: frameworks.files,
    controls: controls.files,
  };
  if (!meta || !profile || !lessons) return { sources, diagnostics };

  const byId = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => byCodeUnit(a.id, b.id));
  const catalog: Catalog = {
    meta: meta.value,
    profile: profile.value.questions,
    lessons: byId(lessons.value.lessons),
    incidents: byId<Incident>(incidents.values),
    frameworks: byId<Framework>(frameworks.values),
    controls: byId<Control>(controls.values),
    digest,
  };
  appendAll(diagnostics, checkCatalog(catalog, sources));
  return hasErrors(diagnostics)
    ? { unchecked: catalog, sources, diagnostics }
    : { catalog, sources, diagnostics };
}

/** Parses one file read earlier and checks it against its schema; undefined when it could not be read or is invalid. */
function loadFile<S extends z.ZodType>(ctx: LoadContext, path: string, schema: S) {
  const data = ctx.bytes.get(path);
  if (!data) return undefined;
  const parsed = parseBytes(display(path), data);
  appendAll(ctx.diagnostics, parsed.diagnostics);
  if (!parsed.file) return undefined;
  const result = schema.safeParse(parsed.file.data);
  if (!result.success) {
    appendAll(ctx.diagnostics, diagnosticsFromZod(parsed.file, result.error.issues));
    return undefined;
  }
  return { file: parsed.file, value: result.data as z.infer<S> };
}

/** Loads every file of a subdirectory, one entry each, keeping the first of two entries with the same id. */
function loadMany<S extends z.ZodType<{ id: string }>>(ctx: LoadContext, sub: string, schema: S) {
  const values: z.infer<S>[] = [];
  const files = new Map<string, SourceFile>();
  for (const path of ctx.paths.filter((p) => dirname(p) === join(ctx.dir, sub))) {
    const loaded = loadFile(ctx, path, schema);
    if (!loaded) continue;
    const misnamed = fileNameProblem(path, loaded.file, loaded.value.id);
    if (misnamed) ctx.diagnostics.push(misnamed);
    const first = files.get(loaded.value.id);
    if (first) {
      ctx.diagnostics.push(duplicateIdProblem(loaded.file, first, loaded.value.id));
      continue;
    }
    files.set(loaded.value.id, loaded.file);
    values.push(loaded.value);
  }
  return { values, files };
}

/** A file whose name is not the id inside it, which makes it hard to find by id. */
function fileNameProblem(path: string, file: SourceFile, id: string): Diagnostic | undefined {
  const stem = basename(path).replace(/\.(ya?ml|json)$/, "");
  if (stem === id) return undefined;
  return {
    file: file.path,
    ...locate(file, ["id"]),
    severity: "error",
    code: "catalog/file-name",
    message: `Unexpected file name \`${stem}\`, expected \`${id}\` (the id inside)`,
    hint: `Rename the file to \`${id}${path.slice(path.lastIndexOf("."))}\`.`,
  };
}

/** A second entry with an id already used, pointing at the first. */
function duplicateIdProblem(file: SourceFile, first: SourceFile, id: string): Diagnostic {
  return {
    file: file.path,
    start: { line: 1, column: 1 },
    severity: "error",
    code: "catalog/duplicate-id",
    message: `Duplicate id \`${id}\``,
    hint: "Give one of the two entries another id, or delete the copy.",
    related: [{ file: first.path, start: { line: 1, column: 1 }, message: "first defined here" }],
  };
}
