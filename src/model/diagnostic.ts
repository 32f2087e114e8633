// The Diagnostic as data: one zod schema, from which the type is inferred and the published JSON Schema is made.
import * as z from "zod";
import { DIAGNOSTIC_CODES, type DiagnosticCode } from "./diagnostic-codes.js";

/** A 1-based line and column. */
export const PointSchema = z.object({
  line: z.int().min(1),
  column: z.int().min(1),
  /** In a workbook, the sheet and cell (`Answers!J12`); `line` and `column` are then the cell's row and column. */
  cell: z.string().optional(),
});

/** How bad a diagnostic is: errors stop a report, warnings are printed and kept. */
export const DiagnosticSeveritySchema = z.enum(["error", "warning"]);

const CODES = Object.keys(DIAGNOSTIC_CODES) as [DiagnosticCode, ...DiagnosticCode[]];

/** One problem in a file, in the shape of vfile-message / OPA errors, as `validate --format json` prints it. */
export const DiagnosticSchema = z.object({
  file: z.string(),
  start: PointSchema,
  end: PointSchema.optional(),
  severity: DiagnosticSeveritySchema,
  code: z.enum(CODES),
  message: z.string(),
  /** Key path inside the document, when the problem is about a value. */
  path: z.array(z.union([z.string(), z.number()])).optional(),
  expected: z.string().optional(),
  actual: z.string().optional(),
  /** A suggestion the user can act on ("did you mean …"). */
  hint: z.string().optional(),
  /** Other places the problem involves, e.g. where a duplicated id was first defined. */
  related: z.array(z.object({ file: z.string(), start: PointSchema, message: z.string() })).optional(),
  /** For `input/too-many-problems`: how many errors and warnings of the file are left out of the list. */
  omitted: z.object({ errors: z.int().min(0), warnings: z.int().min(0) }).optional(),
  /** Where the code is explained (`docs/diagnostics.md#…` in the package); set on output. */
  docs: z.string().optional(),
});
