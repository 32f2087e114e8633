// The input gate of a workbook: before the spreadsheet library inflates anything, the zip says what it is and how big.
// Why by hand: the spreadsheet library inflates every entry in memory, so a zip bomb must be refused from the
// sizes the directory declares, which no library exposes without inflating, and each entry is inflated within the
// size it declares.
import { inflateRawSync } from "node:zlib";

/** Most bytes a workbook may inflate to, all entries together: the answers workbook inflates to about 2 MiB. */
export const MAX_WORKBOOK_INFLATED = 64 * 1024 * 1024;
/** Most entries a workbook may hold. */
export const MAX_WORKBOOK_ENTRIES = 2000;
/**
 * Most rows a worksheet may hold. The answers sheet of the shipped catalog has about 1,100; the spreadsheet library
 * builds an object per row, so a sheet of a million rows is refused from its XML before the library reads it.
 */
export const MAX_SHEET_ROWS = 20_001;
/** Most cells a worksheet may hold: every row of the widest sheet filled across its ten columns, and then some. */
export const MAX_SHEET_CELLS = 400_000;
/** Most an entry may inflate relative to its compressed size: XML compresses well, but not a thousandfold. */
const MAX_RATIO = 1000;

/** What the gate found: the entry names of a workbook it lets through, or why it refuses the file. */
export type ZipCheck =
  | { readonly ok: true; readonly names: readonly string[] }
  | { readonly ok: false; readonly problem: string; readonly hint: string };

const refuse = (problem: string, hint: string): ZipCheck => ({ ok: false, problem, hint });

/** Checks the bytes of an `.xlsx` file. */
export function checkWorkbookZip(bytes: Uint8Array): ZipCheck {
  if (bytes.length >= 8 && [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].every((b, i) => bytes[i] === b))
    return refuse(
      "it is an Excel 97–2003 workbook (.xls), or a workbook protected with a password to open (both are compound files, not .xlsx)",
      "Remove the password to open (protecting the sheets is fine), or save it as an Excel Workbook (.xlsx).",
    );
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04))
    return refuse(
      "it is not an .xlsx workbook (not a zip file)",
      "Start from `npx vaspcheck init --format xlsx --out answers.xlsx`.",
    );
  const entries = directory(bytes);
  if (!entries)
    return refuse(
      "its zip directory is damaged or missing",
      "Save the workbook again from Excel or LibreOffice.",
    );
  if (entries.length > MAX_WORKBOOK_ENTRIES)
    return refuse(
      `it holds ${entries.length} entries, more than the ${MAX_WORKBOOK_ENTRIES} a workbook may`,
      "Save the answers workbook on its own.",
    );
  let total = 0;
  for (const e of entries) {
    total += e.size;
    const hint =
      "This is not an answers workbook of ordinary size; start from `npx vaspcheck init --format xlsx`.";
    if (e.size > MAX_RATIO * Math.max(e.compressed, 1))
      return refuse(
        `its entry ${e.name} would inflate ${Math.round(e.size / Math.max(e.compressed, 1))} times over (${e.size} bytes from ${e.compressed}), more than the ${MAX_RATIO} times a workbook may`,
        hint,
      );
    if (total > MAX_WORKBOOK_INFLATED)
      return refuse(`it would inflate to more than ${MAX_WORKBOOK_INFLATED / 1024 / 1024} MiB`, hint);
  }
  const names = entries.map((e) => e.name);
  return contentProblem(bytes, entries) ?? kindProblem(names) ?? { ok: true, names };
}

/** Inflates each entry within its declared size, and counts a sheet's rows and cells before any library does. */
function contentProblem(bytes: Uint8Array, entries: readonly Entry[]): ZipCheck | undefined {
  for (const e of entries) {
    const inflated = inflateAsDeclared(bytes, e);
    if (!inflated)
      return refuse(
        `its entry ${e.name} inflates past the ${e.size} bytes its zip directory declares`,
        "The file is damaged or built to exhaust memory; save the workbook again from Excel or LibreOffice.",
      );
    // The library reads an entry by the name in its own header, and takes as a sheet any entry whose name holds a
    // sheet's: a header that names another entry than the directory does, or a sheet hidden in a folder, is refused.
    if (localName(bytes, e) !== e.name)
      return refuse(
        `its entry ${e.name} names itself otherwise in its own header`,
        "The file is damaged or built to mislead; save the workbook again from Excel or LibreOffice.",
      );
    if (
      /xl\/worksheets\//.test(e.name) &&
      !e.name.endsWith("/") &&
      !/^xl\/worksheets\/(_rels\/)?[^/]+\.(xml|rels)$/.test(e.name)
    )
      return refuse(
        `its entry ${e.name} is a sheet outside the workbook's folder of sheets`,
        "Save the workbook again from Excel or LibreOffice.",
      );
    // Every entry is counted, not only the sheets: a row is a row to the library wherever it is.
    if (elementsAtLeast(inflated, "row", MAX_SHEET_ROWS + 1))
      return refuse(
        `its ${kindOf(e.name)} ${e.name} has more than ${MAX_SHEET_ROWS} rows`,
        "Delete the rows below the questions (an answers sheet has about 1,100), then save again.",
      );
    if (elementsAtLeast(inflated, "c", MAX_SHEET_CELLS + 1))
      return refuse(
        `its ${kindOf(e.name)} ${e.name} has more than ${MAX_SHEET_CELLS} cells`,
        "Delete the cells outside the answer columns, then save again.",
      );
  }
  return undefined;
}

const kindOf = (name: string) => (name.startsWith("xl/worksheets/") ? "sheet" : "entry");

/** The name an entry's local header gives it. */
function localName(bytes: Uint8Array, e: ZipEntry): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getUint16(e.offset + 26, true);
  return new TextDecoder().decode(bytes.subarray(e.offset + 30, e.offset + 30 + length));
}

/** Whether a sheet's XML holds at least `n` elements named `name` (`row`, `c`), counted without parsing it. */
function elementsAtLeast(xml: Uint8Array, name: string, n: number): boolean {
  const buffer = Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength);
  let count = 0;
  // With or without a namespace prefix (`<row` or `<x:row`); `<rowBreaks`, `<col` and the like are other elements.
  for (const open of [`<${name}`, `:${name}`]) {
    for (let at = buffer.indexOf(open); at >= 0; at = buffer.indexOf(open, at + open.length)) {
      const next = buffer[at + open.length];
      if (next === 0x20 || next === 0x3e || next === 0x2f || next === 0x0a || next === 0x0d || next === 0x09)
        count++;
      if (count >= n) return true;
    }
  }
  return false;
}

/** Refuses an OpenDocument file, a workbook with macros or external links, or a zip that is no Excel workbook. */
function kindProblem(names: readonly string[]): ZipCheck | undefined {
  if (names.includes("mimetype") && names.includes("content.xml"))
    return refuse(
      "it is an OpenDocument spreadsheet (.ods) renamed to .xlsx",
      "Save it as an Excel Workbook (.xlsx).",
    );
  if (names.includes("xl/vbaProject.bin"))
    return refuse(
      "it holds macros (a .xlsm workbook)",
      "Save it as an Excel Workbook (.xlsx), without macros.",
    );
  if (names.some((n) => n.startsWith("xl/externalLinks/")))
    return refuse(
      "it links to other workbooks (external links)",
      "Remove the links (Data → Edit Links → Break Link) and save again.",
    );
  if (!names.includes("xl/workbook.xml"))
    return refuse(
      "it is a zip file, but not an Excel workbook (no xl/workbook.xml)",
      "Start from `npx vaspcheck init --format xlsx`.",
    );
  return undefined;
}

/** One entry of a zip's central directory, with its declared sizes and its Unix mode (0 where none is given). */
export type ZipEntry = {
  name: string;
  size: number;
  compressed: number;
  method: number;
  offset: number;
  mode: number;
};
type Entry = ZipEntry;

/** The entries the zip's central directory lists, with their declared sizes; undefined when it cannot be read. */
export function zipDirectory(bytes: Uint8Array, limit = MAX_WORKBOOK_ENTRIES): ZipEntry[] | undefined {
  return directory(bytes, limit);
}

function directory(bytes: Uint8Array, limit = MAX_WORKBOOK_ENTRIES): Entry[] | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record is in the last 64 KiB (its comment is at most 65,535 bytes).
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65_535); at--)
    if (view.getUint32(at, true) === 0x06054b50) {
      end = at;
      break;
    }
  if (end < 0) return undefined;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return undefined;
    const method = view.getUint16(at + 10, true);
    const compressed = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const offset = view.getUint32(at + 42, true);
    // The upper half of the external attributes is the Unix mode when the entry was made on Unix (a link is 0o120000).
    const madeOnUnix = view.getUint8(at + 5) === 3;
    const mode = madeOnUnix ? view.getUint32(at + 38, true) >>> 16 : 0;
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    entries.push({ name, size, compressed, method, offset, mode });
    at += 46 + nameLength + extra + comment;
    // One past the limit is enough for the caller to refuse the file; reading on would only cost time.
    if (entries.length > limit) break;
  }
  return entries;
}

/**
 * An entry inflated with the size the directory declares as the bound, or undefined when it inflates past it (or
 * cannot be read): the library inflates whatever an entry holds, so a directory that understates a bomb is caught here.
 */
export function inflateAsDeclared(bytes: Uint8Array, e: ZipEntry): Uint8Array | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (e.offset + 30 > bytes.length || view.getUint32(e.offset, true) !== 0x04034b50) return undefined;
  const start = e.offset + 30 + view.getUint16(e.offset + 26, true) + view.getUint16(e.offset + 28, true);
  const data = bytes.subarray(start, start + e.compressed);
  if (e.method === 0) return data.length <= e.size ? data : undefined;
  if (e.method !== 8) return undefined;
  try {
    const out = inflateRawSync(data, { maxOutputLength: Math.max(e.size, 1) });
    return out.length <= e.size ? out : undefined;
  } catch {
    return undefined;
  }
}
