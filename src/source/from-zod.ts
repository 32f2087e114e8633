// Zod issues to positioned diagnostics: every structural problem of a file, with line:col and expectations.
import type * as z from "zod";
import { type Diagnostic, show } from "../diagnostics/diagnostic.js";
import { didYouMean } from "../diagnostics/suggest.js";
import type { DiagnosticCode } from "../model/diagnostic-codes.js";
import { locate, type SourceFile } from "./source-file.js";

type Issue = z.core.$ZodIssue;

/** Converts the issues of a failed safeParse into diagnostics placed in the file. */
export function diagnosticsFromZod(
  file: SourceFile,
  issues: readonly Issue[],
  basePath: readonly PropertyKey[] = [],
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
  return flat.flatMap((issue) =>
    toDiagnostics(
      file,
      issue,
      basePath,
      missing.get(JSON.stringify([...basePath, ...issue.path].map(String))) ?? [],
    ),
  );
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
  readonly where: string;
  readonly make: Make;
}

function toDiagnostics(
  file: SourceFile,
  issue: Issue,
  basePath: readonly PropertyKey[],
  missingSiblings: readonly string[],
): Diagnostic[] {
  const path = [...basePath, ...issue.path];
  const site: IssueSite = {
    path,
    actual: valueAt(file.data, path),
    where: path.length > 0 ? ` at \`${path.map(String).join(".")}\`` : "",
    make: placer(file, path),
  };
  switch (issue.code) {
    case "invalid_type":
      return [invalidType(issue, site)];
    case "unrecognized_keys":
      return unrecognizedKeys(issue, site, missingSiblings);
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

/** A value left empty, a key left out, or a value of the wrong type. */
function invalidType(
  issue: z.core.$ZodIssueInvalidType,
  { path, actual, where, make }: IssueSite,
): Diagnostic {
  if (actual === null) {
    return make(
      "schema/missing",
      `Empty value for ${show(String(path.at(-1) ?? "value"))}, expected ${issue.expected}`,
      {
        expected: issue.expected,
        hint: "Fill in a value after the colon.",
      },
    );
  }
  if (actual === undefined) {
    return make(
      "schema/missing",
      `Missing ${show(String(path.at(-1) ?? "value"))}, expected ${issue.expected}`,
      {
        expected: issue.expected,
        hint: `Add \`${String(path.at(-1))}\` here.`,
      },
    );
  }
  return make("schema/invalid-type", `Unexpected ${typeName(actual)}${where}, expected ${issue.expected}`, {
    expected: issue.expected,
    actual: show(actual),
  });
}

/** Keys the format does not know, each with a suggestion from the keys missing beside it. */
function unrecognizedKeys(
  issue: z.core.$ZodIssueUnrecognizedKeys,
  { path, where, make }: IssueSite,
  known: readonly string[],
): Diagnostic[] {
  return issue.keys.map((key) =>
    make(
      "schema/unknown-key",
      `Unexpected key ${show(key)}${where}`,
      {
        actual: show(key),
        hint: didYouMean(key, known) ?? "Remove it, or check the spelling against the format.",
      },
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
function invalidFormat(
  issue: z.core.$ZodIssueInvalidStringFormat,
  { actual, where, make }: IssueSite,
): Diagnostic {
  return make("schema/invalid-format", `Unexpected ${show(actual)}${where}, expected ${formatName(issue)}`, {
    expected: formatName(issue),
    actual: show(actual),
    hint: issue.format === "date" ? "Write dates as YYYY-MM-DD, e.g. `2026-03-31`." : undefined,
  });
}

/** A number, list or text that is too small or too big. */
function outOfRange(
  issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig,
  { actual, where, make }: IssueSite,
): Diagnostic {
  const bound = issue.code === "too_small" ? `at least ${issue.minimum}` : `at most ${issue.maximum}`;
  const what = issue.origin === "array" ? "items" : issue.origin === "string" ? "characters" : "";
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

function formatName(issue: z.core.$ZodIssueInvalidStringFormat): string {
  if (issue.format === "regex") return issue.message.replace(/^Invalid string: /, "");
  if (issue.format === "date") return "a date `YYYY-MM-DD`";
  return `a ${issue.format}`;
}
