// The one renderer type: every output of every command (report, comparison, diff) is a format of this shape, so
// the CLI derives its `--format` choices and the "binary output needs --out" rule from the registries.

/** What every renderer receives besides its input. */
export interface RenderOptions {
  readonly vaspcheckVersion: string;
  /** Directory of Handlebars templates to use instead of the shipped ones (Markdown only). */
  readonly templateDir?: string;
}

/** An output format: its name, the usual file extension, whether it is binary, and its renderer. */
export interface OutputFormat<Input> {
  readonly format: string;
  readonly extension: string;
  /** Binary output is never written to a terminal: the CLI asks for `--out`. */
  readonly binary: boolean;
  /** One line for `--help`. */
  readonly describe: string;
  readonly render: (input: Input, options: RenderOptions) => Promise<string | Uint8Array>;
}

/** The format names of a registry, in registry order, for `--format` choices. */
export function formatNames<R extends Record<string, OutputFormat<never>>>(
  registry: R,
): (keyof R & string)[] {
  return Object.keys(registry) as (keyof R & string)[];
}

/** A `--help` line listing a registry's formats. */
export function describeFormats(registry: Record<string, OutputFormat<never>>): string {
  return `Output format (${Object.values(registry)
    .map((f) => `${f.format}: ${f.describe}`)
    .join("; ")})`;
}
