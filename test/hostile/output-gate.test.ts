// The output gate: what --out may name, how it is written, and how failures of stdout and stderr are said.
import { execFileSync, spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  closeSync,
  cpSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatUnexpected, StreamWriteError } from "../../src/cli/errors.js";
import { type Io, writeAll } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";
import { runCli } from "../helpers/cli.js";
import { FIXTURE_ANSWERS, FIXTURE_CATALOG, tempDir } from "../helpers/fixtures.js";

const cat = ["--catalog", FIXTURE_CATALOG];
const weak = join(FIXTURE_ANSWERS, "weak.yaml");
const strong = join(FIXTURE_ANSWERS, "strong.yaml");
const ROOT = new URL("../../", import.meta.url).pathname;
const isRoot = process.getuid?.() === 0;

/** A directory of submissions: copies of the two fixture answers files. */
function submissions(): string {
  const dir = tempDir();
  cpSync(weak, join(dir, "weak.yaml"));
  cpSync(strong, join(dir, "strong.yaml"));
  return dir;
}

/** Runs the CLI from its sources in a child process, stdout and stderr going where `stdio` says. */
function spawnCli(args: readonly string[], stdio: [number | "ignore", number | "pipe", number | "pipe"]) {
  return spawnSync(process.execPath, ["--import", "tsx", "src/cli/bin.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    stdio,
  });
}

const noTrace = (text: string) => expect(text).not.toMatch(/\n\s+at /);

describe("--out that is, or lies inside, an input (D1)", () => {
  it("D1: compare refuses an --out that is a submission found in a compared directory", async () => {
    const dir = submissions();
    const before = readFileSync(join(dir, "weak.yaml"), "utf8");
    const result = await runCli("compare", dir, ...cat, "--jobs", "0", "--out", join(dir, "weak.yaml"));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("is the input file");
    noTrace(result.stderr);
    expect(readFileSync(join(dir, "weak.yaml"), "utf8")).toBe(before);
  });

  it("D1: compare refuses a new --out inside a compared directory, where the next run would read it", async () => {
    const dir = submissions();
    const result = await runCli(
      "compare",
      dir,
      ...cat,
      "--jobs",
      "0",
      "-f",
      "json",
      "-o",
      join(dir, "s.json"),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("lies inside the input directory");
    expect(readdirSync(dir).sort()).toEqual(["strong.yaml", "weak.yaml"]);
    // Also when the directory is reached through a link, or the output through a new sub-directory.
    const link = join(tempDir(), "subs");
    symlinkSync(dir, link);
    expect((await runCli("compare", dir, ...cat, "--jobs", "0", "-o", join(link, "x.md"))).code).toBe(2);
    expect((await runCli("compare", link, ...cat, "--jobs", "0", "-o", join(dir, "new", "x.md"))).code).toBe(
      2,
    );
    expect(readdirSync(dir).sort()).toEqual(["strong.yaml", "weak.yaml"]);
  });

  it("D1: compare refuses an --out that a link found in a compared directory points to", async () => {
    const outside = tempDir();
    const target = join(outside, "elsewhere.yaml");
    cpSync(weak, target);
    const dir = submissions();
    symlinkSync(target, join(dir, "linked.yaml"));
    const result = await runCli("compare", dir, ...cat, "--jobs", "0", "--out", target);
    expect(result.code).toBe(2);
    expect(readFileSync(target, "utf8")).toBe(readFileSync(weak, "utf8"));
  });

  it("D1: report refuses an --out inside its --catalog or --template directory", async () => {
    const catalog = tempDir();
    cpSync(FIXTURE_CATALOG, catalog, { recursive: true });
    const inCatalog = await runCli("report", weak, "--catalog", catalog, "-o", join(catalog, "report.md"));
    expect(inCatalog.code).toBe(2);
    const templates = tempDir();
    cpSync(join(ROOT, "templates"), templates, { recursive: true });
    const inTemplates = await runCli(
      "report",
      weak,
      ...cat,
      "--template",
      templates,
      "-o",
      join(templates, "r.md"),
    );
    expect(inTemplates.code).toBe(2);
    expect(inTemplates.stderr).toContain("lies inside the input directory");
  });

  it("D1: an --out next to, not inside, the compared directory is written", async () => {
    const parent = tempDir();
    const dir = join(parent, "subs");
    cpSync(submissions(), dir, { recursive: true });
    const out = join(parent, "subs.md");
    expect((await runCli("compare", dir, ...cat, "--jobs", "0", "--out", out)).code).toBe(0);
    expect(readFileSync(out, "utf8")).toContain("#");
  });
});

describe("--out must name a regular file or a new path (D5, D19)", () => {
  it("D5: refuses a symbolic link and leaves the link and its target as they were", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "real.md"), "keep\n");
    symlinkSync(join(dir, "real.md"), join(dir, "link.md"));
    const result = await runCli("report", weak, ...cat, "--out", join(dir, "link.md"));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("is a symbolic link");
    expect(lstatSync(join(dir, "link.md")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, "real.md"), "utf8")).toBe("keep\n");
  });

  it("D5: refuses a FIFO and a directory, which stay what they were", async () => {
    const dir = tempDir();
    execFileSync("mkfifo", [join(dir, "pipe.md")]);
    const fifo = await runCli("report", weak, ...cat, "--out", join(dir, "pipe.md"));
    expect(fifo.code).toBe(2);
    expect(fifo.stderr).toContain("is a FIFO");
    expect(lstatSync(join(dir, "pipe.md")).isFIFO()).toBe(true);
    const directory = await runCli("init", ...cat, "--out", dir);
    expect(directory.code).toBe(2);
    expect(directory.stderr).toContain("is a directory");
    expect(readdirSync(dir)).toEqual(["pipe.md"]);
  });

  it.runIf(isRoot)("D5: refuses a device node instead of replacing it with a regular file", async () => {
    const dir = tempDir();
    const device = join(dir, "null");
    execFileSync("mknod", [device, "c", "1", "3"]);
    const result = await runCli("report", weak, ...cat, "--out", device);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("character device");
    expect(lstatSync(device).isCharacterDevice()).toBe(true);
  });

  it("D19: an empty --out is a usage error, not a silent write to stdout", async () => {
    const result = await runCli("report", weak, ...cat, "--out", "");
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("--out needs a file name");
  });
});

describe("regenerating a report (D15, D18)", () => {
  it("D15: a 0600 report stays 0600 when it is written again", async () => {
    const out = join(tempDir(), "report.md");
    writeFileSync(out, "old\n", { mode: 0o600 });
    expect((await runCli("report", weak, ...cat, "--out", out)).code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readFileSync(out, "utf8")).toContain("# Security gap report");
  });

  it("D15: refuses a target with other hard links, which the rename would leave holding the old report", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "report.md"), "old\n");
    linkSync(join(dir, "report.md"), join(dir, "shared.md"));
    const result = await runCli("report", weak, ...cat, "--out", join(dir, "report.md"));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("has 2 hard links");
    expect(readFileSync(join(dir, "shared.md"), "utf8")).toBe("old\n");
  });

  it("D18: a long but legal --out name (248 characters) is written, with no temporary file left", async () => {
    const dir = tempDir();
    const name = `${"r".repeat(245)}.md`;
    expect(name.length).toBe(248);
    const result = await runCli("report", weak, ...cat, "--out", join(dir, name));
    expect(result.stderr).not.toContain("ENAMETOOLONG");
    expect(result.code).toBe(0);
    expect(readdirSync(dir)).toEqual([name]);
  });

  it("D18: a name too long for the file system is refused naming the requested file, not a temporary one", async () => {
    const dir = tempDir();
    const out = join(dir, `${"r".repeat(300)}.md`);
    const result = await runCli("report", weak, ...cat, "--out", out);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${out} (ENAMETOOLONG)`);
    expect(result.stderr).not.toContain(".tmp");
    expect(result.stderr).not.toContain("bug");
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("checked writes to stdout and stderr (D6)", () => {
  it("D6: a short write is continued until every byte is written", () => {
    const data = "x".repeat(1000);
    const chunks: string[] = [];
    const shortWriter = (_fd: number, buffer: Uint8Array, offset: number, length: number) => {
      const n = Math.min(7, length);
      chunks.push(Buffer.from(buffer.subarray(offset, offset + n)).toString());
      return n;
    };
    writeAll(1, "stdout", data, shortWriter);
    expect(chunks.join("")).toBe(data);
  });

  it("D6: a disk that fills up mid-write is an error, not a silently cut output", () => {
    let room = 100;
    const fillingDisk = (_fd: number, _buffer: Uint8Array, _offset: number, length: number) => {
      if (room === 0)
        throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
      const n = Math.min(room, length);
      room -= n;
      return n;
    };
    expect(() => writeAll(1, "stdout", "y".repeat(1000), fillingDisk)).toThrow(/stdout \(ENOSPC\)/);
  });

  it("D6: a failing stdout gives one message on stderr and exit 2; a closed pipe stays quiet", async () => {
    const failing = (code: string): Io & { err: string } => {
      const io = {
        err: "",
        isTty: false,
        stdout: () => {
          throw new StreamWriteError("stdout", code, "it failed");
        },
        stderr: (text: string) => {
          io.err += text;
        },
      };
      return io;
    };
    const full = failing("ENOSPC");
    expect(await main(["schema"], full)).toBe(2);
    expect(full.err).toBe(
      "vaspcheck: cannot write to stdout (ENOSPC): it failed\n" +
        "  hint: The disk is full: free some space and run again (an existing --out file is left as it was).\n",
    );
    const closed = failing("EPIPE");
    expect(await main(["schema"], closed)).toBe(0);
    expect(closed.err).toBe("");
  });

  it("D6: stdout on a full device (/dev/full) exits 2 with one message and no stack trace", () => {
    const full = openSync("/dev/full", "w");
    try {
      const result = spawnCli(["report", "examples/midsize-exchange.yaml"], ["ignore", full, "pipe"]);
      expect(result.stderr).toContain("vaspcheck: cannot write to stdout (ENOSPC): no space left on device");
      noTrace(result.stderr);
      expect(result.status).toBe(2);
      // With stderr full as well, nothing can be said, but the exit code still says it.
      const both = spawnCli(["schema"], ["ignore", full, full]);
      expect(both.status).toBe(2);
    } finally {
      closeSync(full);
    }
  });
});

describe("environment errors are not bugs (D16)", () => {
  const systemError = (code: string, syscall: string, message: string, path?: string) =>
    Object.assign(new Error(`${code}: ${message}, ${syscall}`), { code, syscall, errno: -1, path });

  it("D16: disk full, no permission and a long name are said as such, naming the file when known", () => {
    const full = formatUnexpected(
      systemError("ENOSPC", "write", "no space left on device", "r.md"),
      false,
      "1",
    );
    expect(full).toBe(
      "vaspcheck: cannot write r.md (ENOSPC): no space left on device\n" +
        "  hint: The disk is full: free some space and run again (an existing --out file is left as it was).\n",
    );
    const denied = formatUnexpected(
      systemError("EACCES", "open", "permission denied", "/x/r.md"),
      false,
      "1",
    );
    expect(denied).toContain("cannot access /x/r.md (EACCES): permission denied");
    const long = formatUnexpected(systemError("ENAMETOOLONG", "open", "name too long"), false, "1");
    expect(long).toContain("(ENAMETOOLONG)");
    for (const text of [full, denied, long]) expect(text).not.toContain("bug");
  });

  it("D16: a template whose report.md.hbs is a directory is an environment error (EISDIR), exit 2", async () => {
    const templates = tempDir();
    cpSync(join(ROOT, "templates"), templates, { recursive: true });
    rmSync(join(templates, "report.md.hbs"));
    mkdirSync(join(templates, "report.md.hbs"));
    const result = await runCli("report", weak, ...cat, "--template", templates);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("(EISDIR)");
    expect(result.stderr).not.toContain("bug");
  });
});

/** A 64 KiB file system, when this process may mount one (root on Linux); the disk-full cases need it. */
let small: string | undefined;
beforeAll(() => {
  if (!isRoot) return;
  const dir = mkdtempSync(join(tmpdir(), "vaspcheck-full-"));
  const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", dir]);
  if (mounted.status === 0) small = dir;
  else rmSync(dir, { recursive: true, force: true });
});
afterAll(() => {
  if (!small) return;
  spawnSync("umount", [small]);
  rmSync(small, { recursive: true, force: true });
});

describe("a full file system (D6, D16; needs root to mount one)", () => {
  it("D16: ENOSPC writing --out keeps the previous report and is not called a bug", async (context) => {
    if (!small) return context.skip();
    const out = join(small, "report.md");
    writeFileSync(out, "previous\n");
    const result = await runCli("report", "examples/strong-exchange.yaml", "--out", out);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`cannot write ${out} (ENOSPC)`);
    expect(result.stderr).not.toContain("bug");
    expect(readFileSync(out, "utf8")).toBe("previous\n");
    expect(readdirSync(small)).toEqual(["report.md"]);
    rmSync(out);
  });

  it("D6: stdout redirected to a file on a full disk is not cut silently", (context) => {
    if (!small) return context.skip();
    const target = join(small, "stdout.md");
    const fd = openSync(target, "w");
    try {
      const result = spawnCli(["report", "examples/midsize-exchange.yaml"], ["ignore", fd, "pipe"]);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain("cannot write to stdout (ENOSPC)");
    } finally {
      closeSync(fd);
      rmSync(target);
    }
  });
});

describe("numeric options (D23)", () => {
  it.each(["abc", "-5", "0", "1.5", ""])(
    "D23: --max-bytes %j is a usage error with a hint",
    async (value) => {
      const result = await runCli("validate", weak, ...cat, "--max-bytes", value);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("--max-bytes expects a whole number of bytes, 1 or more");
      expect(result.stderr).toContain("hint: e.g. --max-bytes");
      expect(result.stderr).not.toContain("NaN");
    },
  );

  it("D23: a sensible --max-bytes still works, and still refuses a larger file", async () => {
    expect((await runCli("validate", weak, ...cat, "--max-bytes", "1000000")).code).toBe(0);
    const small = await runCli("validate", weak, ...cat, "--max-bytes", "10");
    expect(small.code).toBe(1);
    expect(small.stderr).toContain("more than the limit of 10 bytes");
  });

  it("D23: --jobs, --min-peers and --min-complete refuse what is not a number in range", async () => {
    const dir = submissions();
    for (const args of [
      ["--jobs", "abc"],
      ["--jobs", "1.5"],
      ["--jobs", "-1"],
      ["--min-peers", "x"],
      ["--min-peers", "-2"],
    ]) {
      const result = await runCli("compare", dir, ...cat, ...args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr).toContain(`${args[0]} expects a whole number`);
      expect(result.stderr).toContain(`got ${args[1]}`);
    }
    const complete = await runCli("validate", weak, ...cat, "--min-complete", "lots");
    expect(complete.code).toBe(2);
    expect(complete.stderr).toContain("--min-complete expects a percentage from 0 to 100, got lots");
  });
});

describe("N4 (second probe): a replaced file keeps its owner, and a read-only one is not replaced", () => {
  const weak = `${FIXTURE_ANSWERS}weak.yaml`;

  it.runIf(isRoot)("keeps the owner and group of a report written again", async () => {
    const out = join(tempDir(), "r.md");
    writeFileSync(out, "old\n");
    chownSync(out, 65534, 65534);
    chmodSync(out, 0o600);
    const run = await runCli("report", weak, "--catalog", FIXTURE_CATALOG, "--out", out);
    expect(run.code).toBe(0);
    expect(statSync(out)).toMatchObject({ uid: 65534, gid: 65534 });
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it("refuses to replace a read-only file, and leaves it as it was", async () => {
    const out = join(tempDir(), "r.md");
    writeFileSync(out, "signed\n");
    chmodSync(out, 0o444);
    const run = await runCli("report", weak, "--catalog", FIXTURE_CATALOG, "--out", out);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--out ${out} is read-only`);
    expect(readFileSync(out, "utf8")).toBe("signed\n");
  });
});

describe("N7 (second probe): a file where a directory should be", () => {
  it("names the requested --out, not the temporary file", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a.yaml"), "x\n");
    const out = join(dir, "a.yaml", "x.md");
    const run = await runCli(
      "report",
      `${FIXTURE_ANSWERS}weak.yaml`,
      "--catalog",
      FIXTURE_CATALOG,
      "--out",
      out,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--out ${out}: ${dirname(out)} is a file, not a directory`);
    expect(run.stderr).not.toContain(".tmp");
  });
});
