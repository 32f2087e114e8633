// Zod issues to positioned diagnostics: every structural problem of a file, with line:col and expectations.
import type * as z from "zod";
import { type Diagnostic, show, showPath } from "../diagnostics/diagnostic.js";
import { didYouMean } from "../diagnostics/suggest.js";
import type { DiagnosticCode } from "../model/diagnostic-codes.js";
import { locate, type SourceFile } from "./source-file.js";
import { isDateAt, keysAt } from "./zod-shape.js";

type Issue = z.core.$ZodIssue;

/** How a date is written, in every message that expects one. */
const DATE_EXPECTED = "a date `YYYY-MM-DD`";
const DATE_EXAMPLE = "2026-03-31";

/**
 * Converts the issues of a failed safeParse into diagnostics placed in the file. Given the schema that failed
 * (whose root is at `basePath`), messages can say more than the issues do: the keys allowed beside an unknown one
 * (for "did you mean …"), and that a value left empty must be a date.
 */
export function diagnosticsFromZod(
  file: SourceFile,
  issues: readonly Issue[],
  basePath: readonly PropertyKey[] = [],
  schema?: z.core.$ZodType,
): Diagnostic[] {
  const flat = flatten(issues);
  // A misspelled key usually shows up twice: as unknown, and its intended name as missing.
  const missing = new Map<string, string[]>();
  for (const issue of flat) {
    const path = [...basePath, ...issue.path];
    if (issue.code === "invalid_type" && valueAt(file.data, path) === undefined) {
      const parent = JSON.stringify(path.slice(0, -1).map(String));
      missing.set(parent, [...(missing.get(parent) ?? []), String(path.at(-1))]);
    }
  }
  return flat.flatMap((issue) => {
    const path = [...basePath, ...issue.path];
    const known = schema
      ? absentKeys(keysAt(schema, issue.path), valueAt(file.data, path))
      : (missing.get(JSON.stringify(path.map(String))) ?? []);
    const date = schema !== undefined && isDateAt(schema, issue.path);
    return toDiagnostics(file, issue, basePath, { known, date });
  });
}

/** The allowed keys an object does not have yet: what a misspelt key of it may have been meant to be. */
function absentKeys(allowed: readonly string[], value: unknown): string[] {
  const present = value !== null && typeof value === "object" ? value : {};
  return allowed.filter((key) => !Object.hasOwn(present, key));
}

/** What the schema tells about an issue's place beyond the issue itself. */
interface SchemaFacts {
  /** Keys that would be allowed where an unknown key is, for "did you mean …". */
  readonly known: readonly string[];
  /** The value must be a date. */
  readonly date: boolean;
}

/** Replaces each union failure with the issues of its closest branch, so messages stay specific. */
function flatten(issues: readonly Issue[]): Issue[] {
  return issues.flatMap((issue) => {
    if (issue.code !== "invalid_union" || issue.errors.length === 0) return [issue];
    const branches = issue.errors.map((branch) =>
      branch.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }) as Issue),
    );
    // The branch that got deepest before failing is the one the author meant.
    const score = (branch: Issue[]) => Math.max(...branch.map((i) => i.path.length)) * 100 - branch.length;
    const best = branches.reduce((a, b) => (score(b) > score(a) ? b : a));
    return flatten(best);
  });
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "list";
  if (typeof value === "object") return "mapping";
  return typeof value;
}

/** Builds one diagnostic of an issue, placed at `keyPath` (the issue's own path unless given). */
type Make = (
  code: DiagnosticCode,
  message: string,
  extra?: Partial<Diagnostic>,
  keyPath?: readonly PropertyKey[],
) => Diagnostic;

/** What every message about one issue needs: what the file holds there, how to say where, and how to place it. */
interface IssueSite {
  readonly path: readonly PropertyKey[];
  readonly actual: unknown;
  /** ` at \`a.b.1\``, with list positions counted from 1 as a person counts them. */
  readonly where: string;
  readonly make: Make;
  readonly facts: SchemaFacts;
}

function toDiagnostics(
  file: SourceFile,
  issue: Issue,
  basePath: readonly PropertyKey[],
  facts: SchemaFacts,
): Diagnostic[] {
  const path = [...basePath, ...issue.path];
  const site: IssueSite = {
    path,
    actual: valueAt(file.data, path),
    where: path.length > 0 ? ` at \`${showPath(path)}\`` : "",
    make: placer(file, path),
    facts,
  };
  switch (issue.code) {
    case "invalid_type":
      return [invalidType(issue, site)];
    case "unrecognized_keys":
      return unrecognizedKeys(issue, site);
    case "invalid_value":
      return [invalidValue(issue, site)];
    case "invalid_format":
      return [invalidFormat(issue, site)];
    case "too_small":
    case "too_big":
      return [outOfRange(issue, site)];
    case "invalid_key":
      return [invalidKey(issue, site)];
    default:
      return [site.make("schema/invalid", `${issue.message}${site.where}`, { actual: show(site.actual) })];
  }
}

/** Places diagnostics of one issue in the file, at `path` unless told otherwise. */
function placer(file: SourceFile, path: readonly PropertyKey[]): Make {
  return (code, message, extra = {}, keyPath = path) => {
    const place = locate(file, keyPath, { key: extra.hint !== undefined && code === "schema/unknown-key" });
    return {
      file: file.path,
      start: place.start,
      end: place.end,
      severity: "error" as const,
      code,
      message,
      path: keyPath.map((k) => (typeof k === "number" ? k : String(k))),
      ...extra,
    };
  };
}

/** The last key of a path as a person names it: `` `signers` ``, or `` item 2 of `evidence` `` for a list item. */
function nameOf(path: readonly PropertyKey[]): string {
  const last = path.at(-1);
  if (typeof last !== "number") return show(String(last ?? "value"));
  return `item ${last + 1}${path.length > 1 ? ` of ${show(String(path.at(-2)))}` : ""}`;
}

/** A value left empty (`key:` or `key: ""`): said as empty, with what belongs there. */
function emptyValue({ path, make, facts }: IssueSite, expected: string): Diagnostic {
  return make("schema/missing", `Empty value for ${nameOf(path)}, expected ${expected}`, {
    expected,
    hint: facts.date
      ? `Fill in a date after the colon, written YYYY-MM-DD, e.g. \`${DATE_EXAMPLE}\`.`
      : typeof path.at(-1) === "number"
        ? "Fill in this list item, or remove its empty `-` line."
        : "Fill in a value after the colon.",
  });
}

/** A value left empty, a key left out, or a value of the wrong type. */
function invalidType(issue: z.core.$ZodIssueInvalidType, site: IssueSite): Diagnostic {
  const { path, actual, where, make, facts } = site;
  const expected = facts.date ? DATE_EXPECTED : issue.expected;
  if (actual === null) return emptyValue(site, expected);
  if (actual === undefined) {
    const key = path.at(-1);
    const hint =
      typeof key === "number"
        ? "Fill in this list item (list items are counted from 1)."
        : facts.date
          ? `Add \`${String(key)}: ${DATE_EXAMPLE}\` here (YYYY-MM-DD).`
          : `Add \`${String(key)}\` here.`;
    return make("schema/missing", `Missing ${nameOf(path)}, expected ${expected}`, { expected, hint });
  }
  return make("schema/invalid-type", `Unexpected ${typeName(actual)}${where}, expected ${expected}`, {
    expected,
    actual: show(actual),
    hint: facts.date ? `Write dates as YYYY-MM-DD, e.g. \`${DATE_EXAMPLE}\`.` : undefined,
  });
}

/** Keys the format does not know, each with the closest allowed key as a suggestion, or the allowed keys. */
function unrecognizedKeys(
  issue: z.core.$ZodIssueUnrecognizedKeys,
  { path, where, make, facts }: IssueSite,
): Diagnostic[] {
  const allowed = facts.known.map((k) => `\`${k}\``).join(", ");
  const otherwise = allowed
    ? `Remove it, or use one of the keys allowed here: ${allowed}.`
    : "Remove it, or check the spelling against the format.";
  return issue.keys.map((key) =>
    make(
      "schema/unknown-key",
      `Unexpected key ${show(key)}${where}`,
      { actual: show(key), hint: didYouMean(key, facts.known) ?? otherwise },
      [...path, key],
    ),
  );
}

/** A value outside a fixed set of allowed values. */
function invalidValue(issue: z.core.$ZodIssueInvalidValue, { actual, where, make }: IssueSite): Diagnostic {
  const allowed = issue.values.map((v) => show(v)).join(", ");
  return make("schema/invalid-value", `Unexpected ${show(actual)}${where}, expected one of ${allowed}`, {
    expected: allowed,
    actual: show(actual),
    hint: didYouMean(String(actual), issue.values.map(String)),
  });
}

/** A string that does not have the expected format (a date, a pattern). */
function invalidFormat(issue: z.core.$ZodIssueInvalidStringFormat, site: IssueSite): Diagnostic {
  const { actual, where, make } = site;
  if (isBlank(actual)) return emptyValue(site, formatName(issue));
  return make("schema/invalid-format", `Unexpected ${show(actual)}${where}, expected ${formatName(issue)}`, {
    expected: formatName(issue),
    actual: show(actual),
    hint: issue.format === "date" ? `Write dates as YYYY-MM-DD, e.g. \`${DATE_EXAMPLE}\`.` : undefined,
  });
}

/** A number, list or text that is too small or too big. */
function outOfRange(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig, site: IssueSite): Diagnostic {
  const { actual, where, make } = site;
  if (issue.code === "too_small" && issue.origin === "string" && isBlank(actual))
    return emptyValue(site, "text");
  const bound = issue.code === "too_small" ? `at least ${issue.minimum}` : `at most ${issue.maximum}`;
  const one = Number(issue.code === "too_small" ? issue.minimum : issue.maximum) === 1;
  const what =
    issue.origin === "array"
      ? one
        ? "item"
        : "items"
      : issue.origin === "string"
        ? one
          ? "character"
          : "characters"
        : "";
  return make("schema/out-of-range", `Unexpected ${show(actual)}${where}, expected ${bound} ${what}`.trim(), {
    expected: `${bound} ${what}`.trim(),
    actual: show(actual),
  });
}

/** A mapping key that does not fit the key schema. */
function invalidKey(issue: z.core.$ZodIssueInvalidKey, { where, make }: IssueSite): Diagnostic {
  return make(
    "schema/invalid-format",
    `Unexpected key${where}: ${issue.issues[0]?.message ?? issue.message}`,
    {
      hint: issue.issues[0]?.message,
    },
  );
}

/** A string of nothing but white space: a value left empty, however it was quoted. */
const isBlank = (value: unknown): boolean => typeof value === "string" && value.trim() === "";

function formatName(issue: z.core.$ZodIssueInvalidStringFormat): string {
  if (issue.format === "regex") return issue.message.replace(/^Invalid string: /, "");
  if (issue.format === "date") return DATE_EXPECTED;
  return `a ${issue.format}`;
}
