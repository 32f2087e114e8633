// The eighth probe of hostile input: each finding that was mended has its test here.
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { metadataText } from "../../src/report/document-text.js";
import { glyphGuard } from "../../src/report/pdf/fonts.js";
import { checkImage } from "../../src/source/image-check.js";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/fixtures.js";

const EXAMPLE = new URL("../../examples/strong-exchange.yaml", import.meta.url).pathname;
const text = readFileSync(EXAMPLE, "utf8");

describe("a `..` after a symbolic link", () => {
  it("is followed as the kernel follows it, so --out cannot reach an input through it", async () => {
    const root = tempDir();
    mkdirSync(join(root, "ex", "sub"), { recursive: true });
    const answers = join(root, "ex", "strong-exchange.yaml");
    writeFileSync(answers, text);
    symlinkSync(join(root, "ex", "sub"), join(root, "l"));
    // Written out, not joined: path.join would drop `l/..` by the text, which is the mistake under test.
    const through = `${root}/l/../strong-exchange.yaml`;
    const out = await runCli("report", answers, "-o", through);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain("--out");
    const back = await runCli("report", through, "-o", answers);
    expect(back.code).toBe(2);
    expect(readFileSync(answers, "utf8")).toBe(text);
  });
});

describe("a file with a great many unknown control ids", () => {
  it("lists the first thousand, counts the rest in one notice, and the total counts them all", async () => {
    const ids = Array.from({ length: 3000 }, (_, i) => `  X${String(i).padStart(6, "0")}: {}\n`).join("");
    const dir = tempDir();
    const path = join(dir, "many.yaml");
    writeFileSync(path, text.replace("answers:\n", `answers:\n${ids}`));
    const run = await runCli("validate", path);
    expect(run.code).toBe(1);
    const listed = run.stderr.match(/answers\/unknown-control$/gm) ?? [];
    expect(listed.length).toBeLessThanOrEqual(1000);
    expect(run.stderr).toMatch(/more unknown control ids under `answers` are not listed/);
    expect(run.stderr).toMatch(/^3,000 errors/m);
  });
});

describe("an answers mapping flooded with ids", () => {
  it("is refused with one error, unchecked further, when it holds thousands more keys than the catalog has controls", async () => {
    const ids = Array.from({ length: 6000 }, (_, i) => `  X${String(i).padStart(6, "0")}: {}\n`).join("");
    const path = join(tempDir(), "flood.yaml");
    writeFileSync(path, text.replace("answers:\n", `answers:\n${ids}`));
    const run = await runCli("validate", path);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /`answers` holds 6,\d{3} keys, where the catalog has \d+ controls: the file is not checked further/,
    );
    expect(run.stderr).toMatch(/^1 error, 0 warnings$/m);
  });
});

describe("logos the PDF library would reject later", () => {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, "latin1");
    return Buffer.concat([head, data, Buffer.alloc(4)]);
  };
  it("refuses a PNG without its end chunk", () => {
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(8, 0);
    ihdr.writeUInt32BE(8, 4);
    ihdr.set([8, 2, 0, 0, 0], 8);
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk("IHDR", ihdr),
      chunk("IDAT", deflateSync(Buffer.alloc(8 * 25))),
    ]);
    expect(checkImage(png)).toMatchObject({ ok: false, problem: expect.stringMatching(/no end chunk/) });
  });
  it("refuses a JPEG of 5 components, of 12-bit samples, or without image data", () => {
    const jpeg = (precision: number, components: number, scan: boolean) =>
      Buffer.from([
        0xff,
        0xd8,
        0xff,
        0xc0,
        0x00,
        0x0b,
        precision,
        0x00,
        0x10,
        0x00,
        0x10,
        components,
        0x01,
        0x11,
        0x00,
        ...(scan ? [0xff, 0xda, 0x00, 0x02] : []),
        0xff,
        0xd9,
      ]);
    expect(checkImage(jpeg(8, 5, true))).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/5 colour components/),
    });
    expect(checkImage(jpeg(12, 3, true))).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/12-bit/),
    });
    expect(checkImage(jpeg(8, 3, false))).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/no image data/),
    });
    expect(checkImage(jpeg(8, 3, true))).toEqual({ ok: true, kind: "jpeg", width: 16, height: 16 });
  });
});

describe("tabs and line breaks in names", () => {
  it("draw as spaces in a PDF and stay on one line in its metadata", () => {
    const guard = glyphGuard(() => true);
    expect(guard("Tab\tOrg")).toBe("Tab Org");
    expect(metadataText("Tab\tOrg\r\nLine\u2029P & <x>")).toBe("Tab Org Line P ＆ ＜x＞");
  });
});
