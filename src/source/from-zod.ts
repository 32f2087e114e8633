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

function toDiagnostics(
  file: SourceFile,
  issue: Issue,
  basePath: readonly PropertyKey[],
  missingSiblings: readonly string[],
): Diagnostic[] {
  const path = [...basePath, ...issue.path];
  const actualValue = valueAt(file.data, path);
  const make = (code: DiagnosticCode, message: string, extra: Partial<Diagnostic> = {}, keyPath = path) => {
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
  const where = path.length > 0 ? ` at \`${path.map(String).join(".")}\`` : "";
  switch (issue.code) {
    case "invalid_type": {
      if (actualValue === null) {
        return [
          make(
            "schema/missing",
            `Empty value for ${show(String(path.at(-1) ?? "value"))}, expected ${issue.expected}`,
            {
              expected: issue.expected,
              hint: "Fill in a value after the colon.",
            },
          ),
        ];
      }
      if (actualValue === undefined) {
        return [
          make(
            "schema/missing",
            `Missing ${show(String(path.at(-1) ?? "value"))}, expected ${issue.expected}`,
            {
              expected: issue.expected,
              hint: `Add \`${String(path.at(-1))}\` here.`,
            },
          ),
        ];
      }
      return [
        make(
          "schema/invalid-type",
          `Unexpected ${typeName(actualValue)}${where}, expected ${issue.expected}`,
          {
            expected: issue.expected,
            actual: show(actualValue),
          },
        ),
      ];
    }
    case "unrecognized_keys": {
      const known = missingSiblings;
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
    case "invalid_value": {
      const allowed = issue.values.map((v) => show(v)).join(", ");
      return [
        make("schema/invalid-value", `Unexpected ${show(actualValue)}${where}, expected one of ${allowed}`, {
          expected: allowed,
          actual: show(actualValue),
          hint: didYouMean(String(actualValue), issue.values.map(String)),
        }),
      ];
    }
    case "invalid_format":
      return [
        make(
          "schema/invalid-format",
          `Unexpected ${show(actualValue)}${where}, expected ${formatName(issue)}`,
          {
            expected: formatName(issue),
            actual: show(actualValue),
            hint: issue.format === "date" ? "Write dates as YYYY-MM-DD, e.g. `2026-03-31`." : undefined,
          },
        ),
      ];
    case "too_small":
    case "too_big": {
      const bound = issue.code === "too_small" ? `at least ${issue.minimum}` : `at most ${issue.maximum}`;
      const what = issue.origin === "array" ? "items" : issue.origin === "string" ? "characters" : "";
      return [
        make(
          "schema/out-of-range",
          `Unexpected ${show(actualValue)}${where}, expected ${bound} ${what}`.trim(),
          {
            expected: `${bound} ${what}`.trim(),
            actual: show(actualValue),
          },
        ),
      ];
    }
    case "invalid_key":
      return [
        make(
          "schema/invalid-format",
          `Unexpected key${where}: ${issue.issues[0]?.message ?? issue.message}`,
          {
            hint: issue.issues[0]?.message,
          },
        ),
      ];
    default:
      return [make("schema/invalid", `${issue.message}${where}`, { actual: show(actualValue) })];
  }
}

function formatName(issue: z.core.$ZodIssueInvalidStringFormat): string {
  if (issue.format === "regex") return issue.message.replace(/^Invalid string: /, "");
  if (issue.format === "date") return "a date `YYYY-MM-DD`";
  return `a ${issue.format}`;
}
