// A fault in a Handlebars template (usually a custom `--template` one), located in its file and told in the template author's words.

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

/** The parts of a Handlebars AST node this module reads; Handlebars' own types are not needed at run time. */
interface Node {
  readonly type?: string;
  readonly original?: unknown;
  readonly parts?: readonly unknown[];
  readonly value?: unknown;
  readonly path?: Node;
  readonly name?: Node;
  readonly params?: readonly Node[];
  readonly loc?: { readonly start: { readonly line: number; readonly column: number } };
}

/** What a template error says and where, once translated. */
interface Told {
  readonly message: string;
  readonly node?: Node;
}

/** Every node of a parsed template, depth first in source order. */
function* walk(value: unknown): Generator<Node> {
  if (Array.isArray(value)) for (const item of value) yield* walk(item);
  else if (value !== null && typeof value === "object") {
    if (typeof (value as Node).type === "string") yield value as Node;
    for (const [key, child] of Object.entries(value)) if (key !== "loc") yield* walk(child);
  }
}

const at = (node: Node, line: number, column: number) =>
  node.loc?.start.line === line && node.loc.start.column === column;

/** Strict mode's `"x" not defined in …`, at the path it could not read. */
function notDefined(
  raw: string,
  nodes: Node[],
  found: { lineNumber?: unknown; column?: unknown },
): Told | null {
  const name = /^"([^"]*)" not defined in /.exec(raw)?.[1];
  if (name === undefined) return null;
  const line = Number(found.lineNumber);
  const column = Number(found.column);
  const path = nodes.find((n) => n.type === "PathExpression" && at(n, line, column));
  const callee = nodes.some((n) => n.path === path && (n.params?.length ?? 0) > 0);
  const shown = String(path?.original ?? name);
  return callee
    ? { message: `\`${shown}\` is neither a helper nor a field of the report model`, node: path }
    : { message: `\`${shown}\` is not a field of the report model`, node: path };
}

/** JavaScript's own words for a path read through a missing field, or `lookup` in a text or a number. */
function jsError(raw: string, nodes: Node[]): Told | null {
  const reading = /^Cannot read properties of (?:undefined|null) \(reading '([^']*)'\)/.exec(raw)?.[1];
  if (reading !== undefined) {
    const path = nodes.find((n) => n.type === "PathExpression" && (n.parts?.indexOf(reading) ?? -1) > 0);
    if (path) {
      const parts = (path.parts ?? []).map(String);
      const missing = parts.slice(0, parts.indexOf(reading)).join(".");
      return {
        message: `\`${path.original}\` is not a field of the report model (\`${missing}\` is missing)`,
        node: path,
      };
    }
  }
  const key = /^Cannot use 'in' operator to search for '([^']*)' in /.exec(raw)?.[1];
  if (key === undefined) return null;
  const call = nodes.find((n) => n.path?.original === "lookup" && n.params?.some((p) => p.value === key));
  return {
    message: `\`lookup\` of \`${key}\` needs an object or a list, not a text or a number`,
    node: call,
  };
}

/** Handlebars' own messages about partials and block helpers, at the statement they name. */
function handlebarsError(raw: string, nodes: Node[]): Told | null {
  const partial = /^The partial (.*) could not be found$/.exec(raw)?.[1];
  if (partial !== undefined) {
    const node = nodes.find((n) => n.type === "PartialStatement" && n.name?.original === partial);
    return {
      message: `there is no partial \`${partial}\` (a partial is a .hbs file of the partials directory)`,
      node,
    };
  }
  if (/^Maximum call stack size exceeded/.test(raw))
    return {
      message: "a partial or inline block includes itself, directly or through others, without end",
      node: nodes.find((n) => n.type === "PartialStatement" || n.type === "PartialBlockStatement"),
    };
  if (raw === "Must pass iterator to #each")
    return {
      message: "`{{#each}}` needs the list to go through: `{{#each field}}`",
      node: nodes.find(
        (n) => n.type === "BlockStatement" && n.path?.original === "each" && !n.params?.length,
      ),
    };
  const helper = /^#(\w+) requires exactly one argument$/.exec(raw)?.[1];
  if (helper === undefined) return null;
  const node = nodes.find((n) => n.type === "BlockStatement" && n.path?.original === helper);
  return { message: `\`{{#${helper}}}\` needs exactly one argument`, node };
}

/** Handlebars' message, cleaned: its own position and excerpt markers dropped, "[object Object]" named. */
function cleaned(raw: string): string {
  return raw
    .replace(/^Parse error on line \d+:/, "Parse error:")
    .replace(/ - \d+:\d+$/, "")
    .replace(/ in \[object Object\]$/, " in the report data")
    .replace(/ in undefined$/, " (the object it is read from is missing)")
    .replace(/\n/g, "\n    ");
}

/**
 * Locates an error Handlebars threw while parsing or rendering `file`. With `parse` (the template's AST,
 * from the full Handlebars build), a run-time error is placed at the expression that caused it and said in
 * the template's terms ("`does.not.exist` is not a field of the report model"), not JavaScript's.
 */
export function templateErrorOf(file: string, error: unknown, parse?: () => unknown): TemplateError {
  if (error instanceof TemplateError) return error;
  const raw = error instanceof Error ? error.message : String(error);
  const found = error as { lineNumber?: unknown; column?: unknown };
  let told: Told | null = null;
  if (parse && !raw.startsWith("Parse error")) {
    let nodes: Node[] = [];
    try {
      nodes = [...walk(parse())];
    } catch {
      // The source does not parse as a whole (it then failed before running); keep Handlebars' words.
    }
    told = notDefined(raw, nodes, found) ?? jsError(raw, nodes) ?? handlebarsError(raw, nodes);
  }
  const start = told?.node?.loc?.start;
  // Parse errors carry the line only in their text ("Parse error on line 3: …"), with a source excerpt after it.
  const parseLine = /^Parse error on line (\d+):/.exec(raw);
  const line =
    start?.line ??
    (typeof found.lineNumber === "number" ? found.lineNumber : Number(parseLine?.[1]) || undefined);
  // Handlebars counts columns from 0.
  const column = start ? start.column + 1 : typeof found.column === "number" ? found.column + 1 : undefined;
  return new TemplateError(told?.message ?? cleaned(raw), file, line, column);
}
