// Loads a report configuration file and the firm's logo it names, each through the input gate, as diagnostics.
import { createHash } from "node:crypto";
import { dirname, resolve } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { type ReportConfig, ReportConfigSchema } from "../model/report-config.js";
import { staysInside } from "../source/folder.js";
import { diagnosticsFromZod } from "../source/from-zod.js";
import { checkImage } from "../source/image-check.js";
import { readBytes, readSource } from "../source/read-source.js";
import { locate, type SourceFile } from "../source/source-file.js";

/** Largest logo accepted: a letterhead mark, not a photograph. */
export const MAX_LOGO_BYTES = 1024 * 1024;

/** A loaded report configuration, its logo's bytes, and the digest of both (it joins the report digest). */
export interface LoadedReportConfig {
  readonly config?: ReportConfig;
  readonly logo?: Uint8Array;
  /** The logo's resolved path: an input, so no output may be written over it. */
  readonly logoPath?: string;
  readonly sha256?: string;
  readonly diagnostics: Diagnostic[];
}

/** Reads `--report-config`: valid YAML of the format, and a PNG or JPEG logo beside it. Never throws on user data. */
export async function loadReportConfig(path: string): Promise<LoadedReportConfig> {
  const parsed = await readSource(path);
  const file = parsed.file;
  if (!file) return { diagnostics: parsed.diagnostics };
  if (parsed.diagnostics.some((d) => d.severity === "error")) return { diagnostics: parsed.diagnostics };
  if (file.data === null || file.data === undefined)
    return {
      diagnostics: [
        {
          file: file.path,
          start: { line: 1, column: 1 },
          severity: "error",
          code: "input/empty",
          message: "The report configuration is empty",
          path: [],
          hint: "Copy docs/branding/report-config.yaml and fill it in, or leave --report-config out for a draft.",
        },
      ],
    };
  const checked = ReportConfigSchema.safeParse(file.data);
  if (!checked.success)
    return { diagnostics: diagnosticsFromZod(file, checked.error.issues, [], ReportConfigSchema) };
  const config = checked.data;
  const hash = createHash("sha256").update(file.text);
  if (!config.firm?.logo) return { config, sha256: hash.digest("hex"), diagnostics: [] };
  const logoPath = resolve(dirname(path), config.firm.logo);
  if (!staysInside(dirname(path), config.firm.logo))
    return {
      diagnostics: [
        logoDiagnostic(
          file,
          `The logo ${config.firm.logo} is not inside the folder of ${path}`,
          "Put the logo beside the configuration (or below it) and name it relative to it, so the configuration and its logo travel together.",
        ),
      ],
    };
  const logo = await readLogo(file, logoPath);
  if (!logo.bytes) return { diagnostics: logo.diagnostics };
  hash.update(logo.bytes);
  return { config, logo: logo.bytes, logoPath, sha256: hash.digest("hex"), diagnostics: [] };
}

/** The logo's bytes when it is a PNG or JPEG file within the size limit; else a diagnostic at `firm.logo`. */
async function readLogo(
  file: SourceFile,
  path: string,
): Promise<{ bytes?: Uint8Array; diagnostics: Diagnostic[] }> {
  const read = await readBytes(path, MAX_LOGO_BYTES);
  const at = (message: string, hint: string) => logoDiagnostic(file, message, hint);
  if (!read.bytes) {
    const cause = read.diagnostics[0]?.message ?? "it cannot be read";
    return {
      diagnostics: [
        at(
          `The logo ${path} cannot be used: ${cause}`,
          "Name a PNG or JPEG file of at most 1 MiB, relative to this file.",
        ),
      ],
    };
  }
  const b = read.bytes;
  const checked = checkImage(b);
  if (!checked.ok)
    return {
      diagnostics: [
        at(
          `The logo ${path} cannot be used: ${checked.problem}`,
          "Save the logo again as a PNG or JPEG of at most 4096 × 4096 pixels.",
        ),
      ],
    };
  // PNGs are checked above, as far as pdfkit will read them; JPEGs are parsed by pdfkit synchronously, so ask it.
  const broken = checked.kind === "jpeg" ? await imageProblem(b) : undefined;
  if (broken)
    return {
      diagnostics: [
        at(`The logo ${path} cannot be read as an image (${broken})`, "Save the logo again as PNG or JPEG."),
      ],
    };
  return { bytes: b, diagnostics: [] };
}

/** Why the PDF library cannot read the image, or undefined: its parser is the one that will embed it. */
async function imageProblem(bytes: Uint8Array): Promise<string | undefined> {
  const { default: PDFDocument } = await import("pdfkit");
  try {
    // A throwaway document's page: `image` parses the file as rendering the cover will.
    new PDFDocument().image(Buffer.from(bytes), 0, 0, { fit: [10, 10] });
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** A problem of the logo, placed at the line naming it, as a problem of the configuration (exit 1). */
function logoDiagnostic(file: SourceFile, message: string, hint: string): Diagnostic {
  return {
    file: file.path,
    ...locate(file, ["firm", "logo"]),
    severity: "error",
    code: "input/not-image",
    message,
    path: ["firm", "logo"],
    hint,
  };
}
