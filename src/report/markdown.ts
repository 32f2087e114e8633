// Markdown renderer: lays the view model out with Handlebars templates; escaping is its only logic.
import { createHash } from "node:crypto";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type Handlebars from "handlebars";
import HandlebarsRuntime from "handlebars/runtime.js";
import { readGatedText } from "../source/input-gate.js";
import { escapeBlock, escapeCell, escapeInline } from "./markdown-escape.js";
import type { ReportModel } from "./report-model.js";
import { TemplateError, templateErrorOf } from "./template-error.js";

/** The shipped templates directory. */
export const DEFAULT_TEMPLATE_DIR = fileURLToPath(new URL("../../templates/", import.meta.url));

type TemplateSpecification = Parameters<typeof Handlebars.template>[0];

/** What rendering needs of a Handlebars environment; `compile` exists only on the full build. */
type HandlebarsEnvironment = Pick<typeof Handlebars, "registerHelper" | "registerPartial" | "template"> &
  Partial<Pick<typeof Handlebars, "compile" | "parse">>;

/** A Handlebars build: the runtime (precompiled templates only) or the full compiler. */
export interface HandlebarsBuild {
  create(): HandlebarsEnvironment;
}

// handlebars/runtime.d.ts declares an empty module, so the runtime's (documented) API is typed by hand here.
const RUNTIME = HandlebarsRuntime as unknown as HandlebarsBuild;

/** Precompiled templates of one set (see scripts/build-templates-cache.mjs). */
interface PrecompiledSet {
  readonly digest: string;
  readonly main: TemplateSpecification;
  readonly partials: Readonly<Record<string, TemplateSpecification>>;
}

/** A loaded template set: `<name>.md.hbs` and the partials of its partials directory. */
export interface TemplateSet {
  readonly main: string;
  readonly partials: Readonly<Record<string, string>>;
  /** SHA-256 of the set's names and sources. */
  readonly digest: string;
  /** The same templates precompiled at build time, when the sources are the shipped ones, unchanged. */
  readonly precompiled?: PrecompiledSet;
  /** Where the main template and each partial were read from, so a template error can name its file. */
  readonly files?: { readonly main: string; readonly partials: Readonly<Record<string, string>> };
  /**
   * The Handlebars environment that renders the set: the small runtime when every template is precompiled, the
   * full compiler (loaded only then) for custom or edited templates.
   */
  readonly handlebars: HandlebarsBuild;
}

/** Options every template is compiled with: the helpers escape, and a missing field is an error. */
export const TEMPLATE_COMPILE_OPTIONS = { noEscape: true, strict: true } as const;

/** Options of `loadTemplates`. */
export interface LoadTemplatesOptions {
  /** Use the build-time precompiled templates when they match (default true). */
  readonly precompiled?: boolean;
}

async function precompiledSet(name: string, digest: string): Promise<PrecompiledSet | undefined> {
  try {
    // Built next to dist/report/; absent when running from the TypeScript sources.
    const cache: { sets: Record<string, PrecompiledSet> } = await import(
      new URL("../templates-cache.js", import.meta.url).href
    );
    const set = cache.sets[name];
    return set?.digest === digest ? set : undefined;
  } catch {
    return undefined;
  }
}

/** Reads `<name>.md.hbs` and every `<partialsDir>/*.hbs` (default `partials/`) of a template directory. */
export async function loadTemplates(
  dir = DEFAULT_TEMPLATE_DIR,
  name = "report",
  partialsDir = "partials",
  options: LoadTemplatesOptions = {},
): Promise<TemplateSet> {
  const mainFile = join(dir, `${name}.md.hbs`);
  const main = await readGatedText(mainFile);
  const partials: Record<string, string> = {};
  const partialFiles: Record<string, string> = {};
  const partialDir = join(dir, partialsDir);
  let names: string[] = [];
  try {
    names = (await readdir(partialDir)).filter((n) => n.endsWith(".hbs")).sort();
  } catch {
    // A custom template directory may have no partials; the main template then stands alone.
  }
  const hash = createHash("sha256").update(`${name}\u0000${main}`);
  for (const file of names) {
    const source = await readGatedText(join(partialDir, file));
    partials[file.replace(/\.hbs$/, "")] = source;
    partialFiles[file.replace(/\.hbs$/, "")] = join(partialDir, file);
    hash.update(`\u0000${file}\u0000${source}`);
  }
  const digest = hash.digest("hex");
  const precompiled = options.precompiled === false ? undefined : await precompiledSet(name, digest);
  // Loading the compiler costs about as much as the rest of a report's start-up; shipped templates never need it.
  const handlebars: HandlebarsBuild = precompiled ? RUNTIME : (await import("handlebars")).default;
  return {
    main,
    partials,
    digest,
    precompiled,
    files: { main: mainFile, partials: partialFiles },
    handlebars,
  };
}

/** How deep partials may nest before a template is taken to include itself. */
const MAX_PARTIAL_DEPTH = 64;

/** Renders any view model with a template set. Text reaches the output only through the escaping helpers. */
export function renderWithTemplates(model: unknown, templates: TemplateSet): string {
  const hbs = templates.handlebars.create();
  hbs.registerHelper("md", (value: unknown) => escapeInline(textOf("md", value)));
  hbs.registerHelper("block", (value: unknown) => escapeBlock(textOf("block", value)));
  hbs.registerHelper("cell", (value: unknown) => escapeCell(textOf("cell", value)));
  hbs.registerHelper("indent", (depth: unknown) => "  ".repeat(Number(depth) || 0));
  // Handlebars' own `log` writes raw data to the console, past the output file and the terminal escaping.
  hbs.registerHelper("log", () => {
    throw new Error("The `log` helper is not available: a template writes only to the report");
  });
  const { precompiled, files } = templates;
  // Each template runs inside a guard that names its file and, with the compiler at hand, the expression at
  // fault: an error in a custom template is the user's to fix, in the template's terms.
  // Partials nest a few levels in any real template; a partial that includes itself would otherwise run until the
  // call stack overflows, which a process cannot be relied on to survive.
  let depth = 0;
  const located =
    (file: string, source: string, run: Handlebars.TemplateDelegate): Handlebars.TemplateDelegate =>
    (context, options) => {
      if (++depth > MAX_PARTIAL_DEPTH) {
        depth--;
        throw new TemplateError(
          `partials nest more than ${MAX_PARTIAL_DEPTH} deep here: a partial includes itself, directly or through others`,
          file,
        );
      }
      try {
        return run(context, options);
      } catch (error) {
        throw templateErrorOf(file, error, hbs.parse ? () => hbs.parse?.(source) : undefined);
      } finally {
        depth--;
      }
    };
  const compile = (source: string): Handlebars.TemplateDelegate => {
    if (!hbs.compile)
      throw new Error("A template set without precompiled templates needs the Handlebars compiler.");
    return hbs.compile(source, TEMPLATE_COMPILE_OPTIONS);
  };
  for (const [name, source] of Object.entries(templates.partials)) {
    const spec = precompiled?.partials[name];
    const run = spec ? hbs.template(spec) : compile(source);
    hbs.registerPartial(name, located(files?.partials[name] ?? `${name}.hbs`, source, run));
  }
  const template = located(
    files?.main ?? "main template",
    templates.main,
    precompiled ? hbs.template(precompiled.main) : compile(templates.main),
  );
  return `${template(model)
    .replace(/\n{3,}/g, "\n\n")
    .trimEnd()}\n`;
}

/** Renders the gap report as Markdown. */
export function renderMarkdown(model: ReportModel, templates: TemplateSet): string {
  return renderWithTemplates(model, templates);
}

/** The text a helper escapes; called without a value, Handlebars passes its options object, never to be printed. */
function textOf(helper: string, value: unknown): string {
  if (value !== null && typeof value === "object" && "hash" in value && "data" in value)
    throw new Error(`\`${helper}\` needs a value: write {{${helper} field}}`);
  return String(value ?? "");
}
