// Output bytes never depend on the locale: every format of every command, spawned under six locales, byte for byte (D7).
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/fixtures.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
// The small fixture catalog keeps six locales × eleven outputs fast; its incidents and names exercise every sort.
const FIXTURES = join(ROOT, "test", "fixtures");
const CATALOG = ["--catalog", join(FIXTURES, "catalog")];
/** C, and locales whose collation differs from code point order: š/z (et), y/i (lt), aa (da), kana (ja), i/I (tr). */
const LOCALES = ["C", "et_EE.UTF-8", "lt_LT.UTF-8", "da_DK.UTF-8", "ja_JP.UTF-8", "tr_TR.UTF-8"];
const AS_OF = ["--as-of", "2026-06-01", ...CATALOG];
/** Names chosen so that any locale-aware ordering of them differs from code point order somewhere. */
const NAMES = [
  "Šiauliai-Exchange",
  "Zeta Exchange",
  "aa Exchange",
  "ab Exchange",
  "Istanbul Exchange",
  "ilk-Exchange",
];

/** Writes six submissions: copies of the fixture answers, renamed. */
function inputs(dir: string): void {
  const sources = ["strong", "weak"].map((n) => readFileSync(join(FIXTURES, "answers", `${n}.yaml`), "utf8"));
  NAMES.forEach((name, i) => {
    const text = sources[i % sources.length]!.replace(/^ {2}name: .*$/m, `  name: ${name}`).replace(
      /^ {2}registration: .*$/m,
      `  registration: "REG-${i}"`,
    );
    writeFileSync(join(dir, `${["š", "z", "aa", "ab", "i", "I"][i]}-${i}.yaml`), text);
  });
}

/** Each command: its arguments and the file it writes (or null: its stdout and stderr are compared). */
function commands(dir: string, out: string) {
  const subs = join(dir, "subs");
  const one = join(subs, "š-0.yaml");
  const two = join(subs, "z-1.yaml");
  const o = (name: string) => ["-o", join(out, name)];
  return [
    ...["md", "json", "pdf"].map((f) => ["report", one, "-f", f, ...AS_OF, ...o(`report.${f}`)]),
    ...["md", "csv", "json", "pdf"].map((f) => ["compare", subs, "-f", f, ...AS_OF, ...o(`compare.${f}`)]),
    ...["md", "json"].map((f) => ["diff", one, two, "-f", f, ...AS_OF, ...o(`diff.${f}`)]),
    ...["text", "json"].map((f) => [
      "validate",
      join(dir, "aa.yaml"),
      join(dir, "ab.yaml"),
      "-f",
      f,
      ...CATALOG,
    ]),
  ];
}

/** Runs every command in one process per locale (two locales at a time); returns locale → output name → bytes. */
async function runAll(dir: string): Promise<Map<string, Map<string, Buffer>>> {
  const results = new Map(LOCALES.map((l) => [l, new Map<string, Buffer>()]));
  const queue = [...LOCALES];
  const worker = async () => {
    for (let locale = queue.shift(); locale; locale = queue.shift()) {
      const out = tempDir();
      const runs = commands(dir, out);
      const printed = await inLocale(locale, runs);
      runs.forEach((args, i) => {
        const file = args.includes("-o") ? args.at(-1)! : undefined;
        results
          .get(locale)!
          .set(
            file ? file.slice(out.length + 1) : `stdout-${i}`,
            file ? readFileSync(file) : Buffer.from(printed[i]!),
          );
      });
    }
  };
  await Promise.all([worker(), worker()]);
  return results;
}

/** Runs the commands in one child process under a locale; resolves to what each printed. */
function inLocale(locale: string, runs: string[][]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "test/hostile/locale-child.ts", JSON.stringify(runs)],
      {
        cwd: ROOT,
        env: { ...process.env, LANG: locale, LC_ALL: locale, LANGUAGE: "" },
      },
    );
    let json = "";
    child.stdout.on("data", (d: Buffer) => {
      json += d.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", () => resolve(JSON.parse(json) as string[]));
  });
}

describe("D7: canonical ordering", () => {
  const dir = tempDir();
  let results: Map<string, Map<string, Buffer>>;

  beforeAll(async () => {
    mkdirSync(join(dir, "subs"));
    inputs(join(dir, "subs"));
    // Diagnostics of aa.yaml sort before ab.yaml's only by code point (Danish collation puts aa after z).
    writeFileSync(join(dir, "aa.yaml"), readFileSync(join(FIXTURES, "answers", "weak.yaml")));
    writeFileSync(join(dir, "ab.yaml"), readFileSync(join(FIXTURES, "answers", "weak.yaml")));
    results = await runAll(dir);
  }, 900_000);

  it("D7: Node's collation follows LANG and LC_ALL here (otherwise the comparison below proves nothing)", () => {
    const locale = (l: string) =>
      spawnSync(process.execPath, ["-e", "console.log(Intl.Collator().resolvedOptions().locale)"], {
        env: { ...process.env, LANG: l, LC_ALL: l },
        encoding: "utf8",
      }).stdout.trim();
    expect(locale("et_EE.UTF-8")).toBe("et-EE");
    expect(locale("da_DK.UTF-8")).toBe("da-DK");
    expect(["aa", "ab"].sort(new Intl.Collator("da").compare)).toEqual(["ab", "aa"]);
  });

  it("D7: report, compare, diff and validate write the same bytes in every format under every locale", () => {
    const base = results.get("C")!;
    expect(base.size).toBe(11);
    expect(base.get("stdout-9")!.toString()).toMatch(/aa\.yaml[\s\S]*ab\.yaml/);
    for (const locale of LOCALES.slice(1)) {
      const differing = [...base].filter(([name, bytes]) => !bytes.equals(results.get(locale)!.get(name)!));
      expect({ locale, differing: differing.map(([name]) => name) }).toEqual({ locale, differing: [] });
    }
  });

  it("D7: every link of the report PDF leads to a named destination that exists", async () => {
    const pdf = await getDocument({
      data: new Uint8Array(results.get("C")!.get("report.pdf")!),
      verbosity: 0,
    }).promise;
    const dests = await pdf.getDestinations();
    let links = 0;
    for (let n = 1; n <= pdf.numPages; n++) {
      for (const a of await (await pdf.getPage(n)).getAnnotations()) {
        if (a.subtype !== "Link" || typeof a.dest !== "string") continue;
        links++;
        expect(dests[a.dest], a.dest).toBeDefined();
      }
    }
    expect(links).toBeGreaterThan(50);
    await pdf.destroy();
  });
});
