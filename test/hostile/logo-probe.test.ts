// The seventh probe of hostile input, on the report configuration and its logo: each finding has its test here.
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { checkImage } from "../../src/source/image-check.js";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/fixtures.js";

const EXAMPLE = new URL("../../examples/strong-exchange.yaml", import.meta.url).pathname;
const VENDOR_RUN = new URL("../../examples/vendor-run-exchange.yaml", import.meta.url).pathname;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
/** A PNG of `width` × `height` pixels of colour type `type` whose IDAT is `idat` (the pixel rows, deflated, by default). */
function png(width: number, height: number, type: number, idat?: Uint8Array, interlace = 0): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, type, 0, 0, interlace], 8);
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[type as 0 | 2 | 4 | 6];
  const rows = Buffer.alloc(height * (1 + width * channels), 0x55);
  for (let y = 0; y < height; y++) rows[y * (1 + width * channels)] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", idat ?? deflateSync(rows)),
    chunk("IEND", new Uint8Array()),
  ]);
}

/** A folder with a report configuration naming `logo` (written as `logo.png` unless `name` says otherwise). */
function configWith(logo: Buffer | null, extra = "", name = "logo.png"): { dir: string; config: string } {
  const dir = tempDir();
  if (logo) writeFileSync(join(dir, "logo.png"), logo);
  const config = join(dir, "report-config.yaml");
  writeFileSync(config, `firm:\n  name: Example Audit LLC\n  logo: ${name}\n${extra}`);
  return { dir, config };
}

describe("the logo of a report configuration", () => {
  it("draws a transparent PNG logo and writes a complete PDF", async () => {
    const { dir, config } = configWith(png(48, 24, 6));
    const out = join(dir, "report.pdf");
    const run = await runCli("report", EXAMPLE, "--report-config", config, "-f", "pdf", "-o", out);
    expect(run.code).toBe(0);
    const tail = readFileSync(out).subarray(-64).toString("latin1");
    expect(tail).toMatch(/startxref\s+\d+\s+%%EOF\s*$/);
  });

  it("refuses a PNG whose pixel data does not decompress, as a placed problem, for every format", async () => {
    const { config } = configWith(png(4, 4, 6, Buffer.from("garbage-not-zlib")));
    for (const format of ["md", "pdf"]) {
      const run = await runCli("report", EXAMPLE, "--report-config", config, "-f", format);
      expect(run.code, format).toBe(1);
      expect(run.stderr).toMatch(
        /report-config\.yaml:3:9 {2}error {2}The logo .* cannot be used: its pixel data cannot be decompressed/,
      );
      expect(run.stderr).not.toMatch(/at .*\.js:\d+|Node\.js v/);
      expect(run.stdout).toBe("");
    }
  });

  it("refuses a logo of too many pixels from its header, before inflating anything", () => {
    // 14,000² RGBA would decode to 784 MB; the header alone is enough to refuse it.
    const header = png(14000, 14000, 6, deflateSync(Buffer.alloc(10)));
    expect(checkImage(header)).toEqual({
      ok: false,
      problem: "it is 14000 × 14000 pixels, more than the 16,777,216 a logo may have",
    });
    expect(checkImage(png(4096, 4096, 0))).toEqual({ ok: true, kind: "png", width: 4096, height: 4096 });
  });

  it("refuses pixel data that holds fewer bytes than the header's size needs", () => {
    const short = png(64, 64, 2, deflateSync(Buffer.alloc(100)));
    expect(checkImage(short)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/holds 100 bytes where/),
    });
  });

  it("refuses a logo outside the configuration's folder", async () => {
    const { dir } = configWith(png(8, 8, 2));
    const other = tempDir();
    const config = join(other, "report-config.yaml");
    writeFileSync(config, `firm:\n  name: Example Audit LLC\n  logo: ${join(dir, "logo.png")}\n`);
    const absolute = await runCli("report", EXAMPLE, "--report-config", config);
    expect([absolute.code, absolute.stderr]).toEqual([
      1,
      expect.stringContaining("is not inside the folder of"),
    ]);
    writeFileSync(config, `firm:\n  name: Example Audit LLC\n  logo: ../${dir.split("/").at(-1)}/logo.png\n`);
    const climbing = await runCli("report", EXAMPLE, "--report-config", config);
    expect([climbing.code, climbing.stderr]).toEqual([
      1,
      expect.stringContaining("is not inside the folder of"),
    ]);
  });

  it("never writes the report over the logo", async () => {
    const logo = png(8, 8, 2);
    const { dir, config } = configWith(logo);
    const target = join(dir, "logo.png");
    const run = await runCli("report", EXAMPLE, "--report-config", config, "-f", "pdf", "-o", target);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--out .*logo\.png/);
    expect(readFileSync(target).equals(logo)).toBe(true);
  });
});

describe("the rest of a report configuration", () => {
  it("refuses an empty configuration, and an empty --report-config, --catalog or --template", async () => {
    const { config } = configWith(null, "", "x");
    writeFileSync(config, "");
    const empty = await runCli("report", EXAMPLE, "--report-config", config);
    expect([empty.code, empty.stderr]).toEqual([
      1,
      expect.stringContaining("The report configuration is empty"),
    ]);
    for (const option of ["--report-config", "--catalog", "--template"]) {
      const run = await runCli("report", EXAMPLE, option, "");
      expect([run.code, run.stderr.split("\n")[0]], option).toEqual([
        2,
        `vaspcheck: ${option} needs a file name, got an empty one`,
      ]);
    }
  });

  it("holds at most twelve signatories", async () => {
    const dir = tempDir();
    const config = join(dir, "report-config.yaml");
    const blocks = Array.from({ length: 13 }, (_, i) => `  - { role: Partner ${i + 1} }\n`).join("");
    writeFileSync(config, `signatories:\n${blocks}`);
    const run = await runCli("report", EXAMPLE, "--report-config", config);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("expected at most 12 items");
  });

  it("says a control listed twice under one party's `operates` is listed twice", async () => {
    const dir = tempDir();
    copyFileSync(VENDOR_RUN, join(dir, "exchange.yaml"));
    const text = readFileSync(VENDOR_RUN, "utf8").replace(
      "operates: [KEY-003, KEY-004, KEY-005]",
      "operates: [KEY-003, KEY-003, KEY-004, KEY-005]",
    );
    writeFileSync(join(dir, "exchange.yaml"), text);
    const run = await runCli("validate", join(dir, "exchange.yaml"));
    expect(run.stderr).toContain(
      "KEY-003 is listed twice in the `operates` of Polaris Custody Technologies Ltd.",
    );
    expect(run.stderr).not.toContain("operated by both");
  });
});
