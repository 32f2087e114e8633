// The README's promises about validation as a user meets them: one pass, "did you mean …", plain words, counts from 1.
import { describe, expect, it, vi } from "vitest";
import type { Diagnostic } from "../src/diagnostics/diagnostic.js";
import { loadAnswers } from "../src/pipeline/validate-answers.js";
import { parseYaml } from "../src/source/parse-yaml.js";
import { runCli } from "./helpers/cli.js";
import { FIXTURE_ANSWERS, FIXTURE_CATALOG, fixtureCatalog, writeTemp } from "./helpers/fixtures.js";

const catalog = await fixtureCatalog();

const HEAD = `organization: { name: Promise K.K., jurisdiction: JP }
assessment: { date: "2026-06-30", assessor: Internal audit, scope: Custody }
catalog: { id: vaspcheck-test, version: 1.0.0 }
profile: { uses_wallet_vendor: true, operates_hot_wallets: true, custody_technology: [single_key], evm_chains: false }
`;

/** Validates answers text with the fixture catalog, as `validate` does. */
async function diagnosticsOf(text: string, name = "answers.yaml"): Promise<Diagnostic[]> {
  return (await loadAnswers(writeTemp(name, text), catalog)).diagnostics;
}

const byCode = (list: readonly Diagnostic[], code: string) => list.filter((d) => d.code === code);

describe("a duplicate key does not stop the one-pass promise", () => {
  const text = `${HEAD}answers:
  KEY-001:
    responses: { signers: 3, threshold_percent: 60 }
  KEY-010:
    responses: { signers: 3 }
  HOT-001:
    responses: { cold_share: 96, measured_daily: true }
  KEY-001:
    responses: { signers: 1, threshold_percent: 100 }
  VND-001:
    respones: { inventory_complete: true }
`;

  it("names both places and still reports the schema errors, unknown controls and warnings", async () => {
    const path = writeTemp("duplicate.yaml", text);
    const run = await runCli("validate", path, "--catalog", FIXTURE_CATALOG);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `${path}:12:3  error  Duplicate key \`KEY-001\` in \`answers\`  yaml/duplicate-key`,
    );
    expect(run.stderr).toContain(`    see: ${path}:6:3  first defined here`);
    expect(run.stderr).toContain("answers/unknown-control");
    expect(run.stderr).toContain("schema/unknown-key");
    expect(run.stderr).toContain("Control `HOT-001` is met but cites no evidence  answers/no-evidence");
  });

  it("is data: the duplicate carries its path and the first occurrence as related", async () => {
    const [duplicate] = byCode(await diagnosticsOf(text), "yaml/duplicate-key");
    expect(duplicate).toMatchObject({
      severity: "error",
      start: { line: 12, column: 3 },
      path: ["answers", "KEY-001"],
      related: [{ start: { line: 6, column: 3 }, message: "first defined here" }],
    });
  });

  it("in JSON too, and the library's parser still returns the document", async () => {
    const parsed = parseYaml("a.json", '{ "a": 1, "b": { "c": 2, "c": 3 } }');
    expect(parsed.file?.data).toEqual({ a: 1, b: { c: 3 } });
    expect(parsed.diagnostics).toMatchObject([
      {
        code: "yaml/duplicate-key",
        message: "Duplicate key `c` in `b`",
        related: [{ message: "first defined here" }],
      },
    ]);
  });
});

describe("did you mean … for misspelt keys and options", () => {
  it.each([
    ["respones", "responses", `answers:\n  HOT-001:\n    respones: { cold_share: 96 }\n`],
    ["evidnce", "evidence", `answers:\n  HOT-001:\n    evidnce: []\n`],
    ["justifcation", "justification", `answers:\n  HOT-001:\n    not_applicable: { justifcation: x }\n`],
  ])("`%s` suggests `%s`", async (key, meant, answers) => {
    const unknown = byCode(await diagnosticsOf(`${HEAD}${answers}`), "schema/unknown-key");
    expect(unknown.find((d) => d.actual === `\`${key}\``)?.hint).toBe(`Did you mean \`${meant}\`?`);
  });

  it("`organisation` suggests `organization`", async () => {
    const text = HEAD.replace("organization:", "organisation:");
    const unknown = byCode(await diagnosticsOf(text), "schema/unknown-key");
    expect(unknown.map((d) => d.hint)).toEqual(["Did you mean `organization`?"]);
  });

  it("an unknown key with nothing close lists the keys allowed there", async () => {
    const [unknown] = byCode(
      await diagnosticsOf(`${HEAD}answers:\n  HOT-001:\n    zzz: 1\n`),
      "schema/unknown-key",
    );
    expect(unknown?.hint).toContain("`responses`, `not_applicable`");
  });

  it("a misspelt option names the option of that command, and that command's help", async () => {
    const run = await runCli(
      "report",
      `${FIXTURE_ANSWERS}weak.yaml`,
      "--catalog",
      FIXTURE_CATALOG,
      "--formt",
      "md",
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Unknown argument: formt");
    expect(run.stderr).toContain("Did you mean --format?");
    expect(run.stderr).toContain("`npx vaspcheck report --help`");
  });

  it("a misspelt kebab-case option is named once", async () => {
    const run = await runCli("validate", `${FIXTURE_ANSWERS}weak.yaml`, "--min-complte", "50");
    expect(run.stderr).toContain("vaspcheck: Unknown argument: min-complte\n");
    expect(run.stderr).toContain("Did you mean --min-complete?");
  });
});

describe("a quoted value is said to be text in quotes", () => {
  it.each([
    ['{ cold_share: 96, measured_daily: "true" }', "measured_daily", "true", "expected true or false"],
    ['{ cold_share: "96", measured_daily: true }', "cold_share", "96", "expected a percentage from 0 to 100"],
  ])("%s", async (responses, id, quoted, expected) => {
    const list = await diagnosticsOf(`${HEAD}answers:\n  HOT-001:\n    responses: ${responses}\n`);
    const [problem] = byCode(list, "answers/invalid-answer");
    const actual = `\`"${quoted}"\` (text, in quotes)`;
    expect(problem?.message).toBe(`Unexpected ${actual} for \`${id}\`, ${expected}`);
    expect(problem?.actual).toBe(actual);
  });
});

describe("an empty date says a date is expected, with an example", () => {
  const dated = (assessment: string, answer: string) =>
    `${HEAD.replace(/^assessment: .*$/m, `assessment:\n${assessment}`)}answers:\n  TXN-001:\n${answer}`;
  const cases: [string, string, string][] = [
    ["assessment.date `date:`", dated("  date:\n  assessor: A\n  scope: S", "    responses: {}\n"), "date"],
    [
      'assessment.date `date: ""`',
      dated('  date: ""\n  assessor: A\n  scope: S', "    responses: {}\n"),
      "date",
    ],
    [
      "evidence date",
      `${HEAD}answers:\n  TXN-001:\n    evidence:\n      - { title: T, path: p, date: "" }\n`,
      "date",
    ],
    [
      "exception expires",
      `${HEAD}answers:\n  TXN-001:\n    exception: { justification: J, approver: A, expires: }\n`,
      "expires",
    ],
    ["remediation due", `${HEAD}answers:\n  TXN-001:\n    remediation_plan: { owner: O, due: "" }\n`, "due"],
    ["answered_on", `${HEAD}answers:\n  TXN-001:\n    answered_on:\n`, "answered_on"],
  ];
  it.each(cases)("%s", async (_, text, key) => {
    const [empty] = byCode(await diagnosticsOf(text), "schema/missing");
    expect(empty?.message).toBe(`Empty value for \`${key}\`, expected a date \`YYYY-MM-DD\``);
    expect(empty?.hint).toContain("e.g. `2026-03-31`");
  });

  it("a date left out says so too", async () => {
    const text = HEAD.replace('date: "2026-06-30", ', "");
    const [missing] = byCode(await diagnosticsOf(text), "schema/missing");
    expect(missing?.message).toBe("Missing `date`, expected a date `YYYY-MM-DD`");
    expect(missing?.hint).toBe("Add `date: 2026-03-31` here (YYYY-MM-DD).");
  });
});

describe("list positions are counted from 1 for people, from 0 in `path`", () => {
  it("the second piece of evidence is evidence 2", async () => {
    const text = `${HEAD}answers:\n  HOT-001:\n    evidence:\n      - { title: A, path: a }\n      - { title: B }\n`;
    const [invalid] = byCode(await diagnosticsOf(text), "schema/invalid");
    expect(invalid?.message).toContain("at `answers.HOT-001.evidence.2`");
    expect(invalid?.path).toEqual(["answers", "HOT-001", "evidence", 1]);
  });

  it("an empty list item is named by its position from 1", async () => {
    const text = `${HEAD}answers:\n  HOT-001:\n    evidence:\n      - { title: A, path: a }\n      -\n`;
    const [empty] = byCode(await diagnosticsOf(text), "schema/missing");
    expect(empty?.message).toBe("Empty value for item 2 of `evidence`, expected object");
  });

  it("an answers sheet says the row's own path, and refuses evidence 0 instead of dropping it", async () => {
    const sheet = [
      "path,answer",
      ...HEAD_ROWS,
      "answers.HOT-001.evidence.1.title,Export",
      "answers.HOT-001.evidence.0.path,x.pdf",
    ].join("\n");
    const list = await diagnosticsOf(`${sheet}\n`, "answers.csv");
    expect(byCode(list, "schema/invalid")[0]?.message).toContain("at `answers.HOT-001.evidence.1`");
    expect(byCode(list, "input/bad-sheet")).toMatchObject([
      {
        start: { line: HEAD_ROWS.length + 3, column: 1 },
        message: "Evidence is numbered from 1, not 0: `answers.HOT-001.evidence.0.path`",
        hint: "Write `answers.HOT-001.evidence.1.path` for the first piece of evidence.",
      },
    ]);
  });
});

const HEAD_ROWS = [
  "organization.name,Sheet K.K.",
  "organization.jurisdiction,JP",
  "assessment.date,2026-06-30",
  "assessment.assessor,Audit",
  "assessment.scope,Custody",
  "catalog.id,vaspcheck-test",
  "catalog.version,1.0.0",
  "profile.uses_wallet_vendor,TRUE",
  "profile.operates_hot_wallets,TRUE",
  "profile.custody_technology,single_key",
  "profile.evm_chains,no",
];

describe("help and hints", () => {
  it("report --help says a CSV answers sheet works", async () => {
    // yargs prints help with console.log, past the Io that runCli captures.
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      expect((await runCli("report", "--help")).code).toBe(0);
      const help = log.mock.calls.map((call) => call.map(String).join(" ")).join("\n");
      expect(help).toMatch(/answers\s+Answers file \(YAML, JSON, or a CSV answers sheet\)/);
    } finally {
      log.mockRestore();
    }
  });

  it("a mistyped command is named, with the command meant and `npx vaspcheck`", async () => {
    const run = await runCli("reprot", "answers.yaml");
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "vaspcheck: Unknown command: reprot\n  hint: Did you mean `report`? Run `npx vaspcheck --help` for usage.\n",
    );
  });
});
