// Markdown renderer: lays the view model out with Handlebars templates; escaping is its only logic.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";
import { escapeBlock, escapeCell, escapeInline } from "./markdown-escape.js";
import type { ReportModel } from "./report-model.js";

/** The shipped templates directory. */
export const DEFAULT_TEMPLATE_DIR = fileURLToPath(new URL("../../templates/", import.meta.url));

/** A loaded template set: `report.md.hbs` and the partials of `partials/`. */
export interface TemplateSet {
  readonly main: string;
  readonly partials: Readonly<Record<string, string>>;
}

/** Reads `<name>.md.hbs` and every `<partialsDir>/*.hbs` (default `partials/`) of a template directory. */
export async function loadTemplates(
  dir = DEFAULT_TEMPLATE_DIR,
  name = "report",
  partialsDir = "partials",
): Promise<TemplateSet> {
  const main = await readFile(join(dir, `${name}.md.hbs`), "utf8");
  const partials: Record<string, string> = {};
  const partialDir = join(dir, partialsDir);
  let names: string[] = [];
  try {
    names = (await readdir(partialDir)).filter((n) => n.endsWith(".hbs")).sort();
  } catch {
    // A custom template directory may have no partials; the main template then stands alone.
  }
  for (const file of names)
    partials[file.replace(/\.hbs$/, "")] = await readFile(join(partialDir, file), "utf8");
  return { main, partials };
}

/** Renders any view model with a template set. Text reaches the output only through the escaping helpers. */
export function renderWithTemplates(model: unknown, templates: TemplateSet): string {
  const hbs = Handlebars.create();
  hbs.registerHelper("md", (value: unknown) => escapeInline(String(value ?? "")));
  hbs.registerHelper("block", (value: unknown) => escapeBlock(String(value ?? "")));
  hbs.registerHelper("cell", (value: unknown) => escapeCell(String(value ?? "")));
  hbs.registerHelper("indent", (depth: unknown) => "  ".repeat(Number(depth) || 0));
  for (const [name, source] of Object.entries(templates.partials)) hbs.registerPartial(name, source);
  const template = hbs.compile(templates.main, { noEscape: true, strict: true });
  return `${template(model)
    .replace(/\n{3,}/g, "\n\n")
    .trimEnd()}\n`;
}

/** Renders the gap report as Markdown. */
export function renderMarkdown(model: ReportModel, templates: TemplateSet): string {
  return renderWithTemplates(model, templates);
}
