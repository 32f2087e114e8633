// A fault in a Handlebars template (usually a custom `--template` one), located in its file, not blamed on vaspcheck.

/** A template failed to parse or render; `line` and `column` are 1-based when Handlebars says where. */
export class TemplateError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = "TemplateError";
  }

  /** `file:line:col` (or just the file when the position is unknown). */
  get location(): string {
    return this.line === undefined ? this.file : `${this.file}:${this.line}:${this.column ?? 1}`;
  }
}

/** Locates an error Handlebars threw while parsing or rendering `file`. */
export function templateErrorOf(file: string, error: unknown): TemplateError {
  if (error instanceof TemplateError) return error;
  const raw = error instanceof Error ? error.message : String(error);
  const found = error as { lineNumber?: unknown; column?: unknown };
  // Parse errors carry the line only in their text ("Parse error on line 3: …"), with a source excerpt after it.
  const parseLine = /^Parse error on line (\d+):/.exec(raw);
  const line = typeof found.lineNumber === "number" ? found.lineNumber : Number(parseLine?.[1]) || undefined;
  // Handlebars counts columns from 0.
  const column = typeof found.column === "number" ? found.column + 1 : undefined;
  const message = raw
    .replace(/^Parse error on line \d+:/, "Parse error:")
    .replace(/ - \d+:\d+$/, "")
    .replace(/ in \[object Object\]$/, " in the report data")
    .replace(/ in undefined$/, " (the object it is read from is missing)")
    .replace(/\n/g, "\n    ");
  return new TemplateError(message, file, line, column);
}
