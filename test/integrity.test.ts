// Assessment integrity: completeness, N/A and exceptions that cannot quietly move a score or a gate.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Question } from "../src/model/question.js";
import type { Check } from "../src/model/result.js";
import { explainFailedChecks } from "../src/report/explain-check.js";
import { runCli } from "./helpers/cli.js";
import { FIXTURE_ANSWERS, FIXTURE_CATALOG, writeTemp } from "./helpers/fixtures.js";

const cat = ["--catalog", FIXTURE_CATALOG];
const weakText = readFileSync(`${FIXTURE_ANSWERS}weak.yaml`, "utf8");
const strongText = readFileSync(`${FIXTURE_ANSWERS}strong.yaml`, "utf8");

/** The weak fixture with only the first `keep` control answers left. */
function keepAnswers(text: string, keep: number): string {
  const [head, body] = text.split(/^answers:\n/m) as [string, string];
  const blocks = body.split(/^(?= {2}[A-Z]{3}-\d{3}:)/m);
  return `${head}answers:\n${blocks.slice(0, keep).join("")}`;
}

describe("completeness", () => {
  it("says how complete each file is, overall, per lesson and by severity of the blanks", async () => {
    const partial = writeTemp("partial.yaml", keepAnswers(strongText, 2));
    const run = await runCli("validate", partial, ...cat);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /partial\.yaml: 2 of \d+ in-scope controls answered \(\d+(\.\d)?%\); blank: \d+ critical \(/,
    );
    expect(run.stderr).toMatch(/\n {2}.+: \d+ of \d+ answered/);
    const full = await runCli("validate", `${FIXTURE_ANSWERS}strong.yaml`, ...cat);
    expect(full.stderr).toMatch(/strong\.yaml: (\d+) of \1 in-scope controls answered \(100%\)\n/);
  });

  it("--require-complete and --min-complete make every blank in-scope control an error", async () => {
    const partial = writeTemp("partial.yaml", keepAnswers(strongText, 2));
    const strict = await runCli("validate", partial, ...cat, "--require-complete");
    expect(strict.code).toBe(1);
    const errors = strict.stderr.split("\n").filter((l) => l.includes("answers/unanswered-control"));
    expect(errors.length).toBeGreaterThan(1);
    expect(errors.some((e) => /error {2}Control `KEY-001` \(critical\) is not answered/.test(e))).toBe(true);
    expect((await runCli("validate", partial, ...cat, "--min-complete", "5")).code).toBe(0);
    const outOfRange = await runCli("validate", partial, ...cat, "--min-complete", "101");
    expect(outOfRange.code).toBe(2);
    expect(outOfRange.stderr).toContain("--min-complete expects a percentage from 0 to 100, got 101");
    expect(outOfRange.stderr).not.toContain("internal error");
    expect(
      (await runCli("validate", `${FIXTURE_ANSWERS}strong.yaml`, ...cat, "--require-complete")).code,
    ).toBe(0);
  });
});

describe("completeness of files that also have errors", () => {
  it("the untouched template says it is 0% complete, in text and in JSON", async () => {
    const template = writeTemp("template.yaml", (await runCli("init", ...cat)).stdout);
    const text = await runCli("validate", template, ...cat);
    expect(text.code).toBe(1);
    expect(text.stderr).toMatch(
      /template\.yaml: 0 of \d+ in-scope controls answered \(0%\); blank or in error: /,
    );
    const json = JSON.parse((await runCli("validate", template, ...cat, "-f", "json")).stdout);
    const incomplete = json.find((d: { code: string }) => d.code === "answers/incomplete-file");
    expect(incomplete).toMatchObject({
      severity: "warning",
      path: ["answers"],
      actual: expect.stringMatching(/^0% /),
    });
  });

  it("calls a control whose answer is in error unanswered for that reason, not blank", async () => {
    const bad = writeTemp(
      "bad.yaml",
      strongText.replace(
        /( {2}KEY-001:\n {4}responses: )\{[^}]*\}/,
        "$1{ signers: many, threshold_percent: 60 }",
      ),
    );
    expect(readFileSync(bad, "utf8")).toContain("signers: many");
    const run = await runCli("validate", bad, ...cat, "--require-complete");
    expect(run.stderr).toMatch(
      /error {2}Control `KEY-001` \(critical\) has no valid answer \(see its error\)/,
    );
  });
});

describe("validation that keeps its promises", () => {
  it("reads a .json answers file as strict JSON: a trailing comma is an error at its place", async () => {
    const json = JSON.stringify(
      { organization: { name: "Example K.K.", jurisdiction: "JP" }, assessment: { date: "2026-06-30" } },
      null,
      2,
    );
    const trailing = writeTemp("answers.json", json.replace('"JP"', '"JP",'));
    const run = await runCli("validate", trailing, ...cat);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /answers\.json:5:3 {2}error {2}Trailing comma: JSON allows none {2}json\/syntax/,
    );
    // The same text is fine as YAML, where the comma is allowed.
    const yaml = writeTemp("answers.yaml", json.replace('"JP"', '"JP",'));
    expect((await runCli("validate", yaml, ...cat)).stderr).not.toContain("json/syntax");
  });

  it("warns when diff is given the newer assessment first", async () => {
    const older = writeTemp("older.yaml", weakText);
    const newer = writeTemp("newer.yaml", weakText.replace('date: "2026-06-30"', 'date: "2026-09-30"'));
    const reversed = await runCli("diff", newer, older, ...cat);
    expect(reversed.stderr).toMatch(/warning {2}The "old" submission \(assessed 2026-09-30\) is newer/);
    // The document says so too: whoever receives the file never sees the terminal.
    expect(reversed.stdout).toContain(
      '> **Warning:** The "before" submission (assessed 2026-09-30) is newer than the "after" one (assessed 2026-06-30)',
    );
    const json = JSON.parse((await runCli("diff", newer, older, ...cat, "-f", "json")).stdout);
    expect(json.reversed).toBe(true);
    expect(JSON.parse((await runCli("diff", older, newer, ...cat, "-f", "json")).stdout).reversed).toBe(
      false,
    );
    expect((await runCli("diff", older, newer, ...cat)).stderr).not.toContain("answers/diff-reversed");
  });
});

describe("--fail-on and declared N/A", () => {
  it("names a severe control the answers declared not applicable, which the gate cannot count", async () => {
    const text = strongText.replace(
      /( {2}KEY-001:\n) {4}responses: .*\n/,
      "$1    not_applicable:\n      justification: Signing is done by the custody vendor under contract; we hold no key shares at all.\n",
    );
    const run = await runCli("report", writeTemp("na-gate.yaml", text), ...cat, "--fail-on", "critical");
    expect(run.stderr).toContain(
      "vaspcheck: 1 control(s) at or above critical declared not applicable by the answers, so not gated: KEY-001",
    );
  });
});

describe("--fail-on and accepted risks", () => {
  const accepted = () =>
    writeTemp(
      "accepted.yaml",
      strongText.replace(
        '    responses: { enforcement: allowlisting }\n    evidence: [{ title: Allowlisting policy, url: "https://intranet.example/wks" }]',
        '    responses: { enforcement: none }\n    exception:\n      justification: Allowlisting rolls out with the new MDM in the third quarter; until then EDR blocks unsigned binaries.\n      approver: Board risk committee\n      expires: "2026-12-31"',
      ),
    );

  it("counts a critical gap under an accepted exception, and says so", async () => {
    const run = await runCli("report", accepted(), ...cat, "--fail-on", "critical");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "1 gap(s) at or above critical (1 under an accepted exception; --allow-accepted lets those pass): WKS-001",
    );
  });

  it("lets it pass with --allow-accepted, and says how many it ignored", async () => {
    const run = await runCli("report", accepted(), ...cat, "--fail-on", "critical", "--allow-accepted");
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      "--allow-accepted let 1 gap(s) at or above critical pass under an accepted exception: WKS-001",
    );
  });
});

describe("not applicable as a score lever", () => {
  const declare = (id: string, justification: string, text = weakText) =>
    text.replace(
      new RegExp(`( {2}${id}:\\n)( {4}responses: .*\\n)`),
      `$1    not_applicable:\n      justification: ${JSON.stringify(justification)}\n`,
    );

  it("refuses a justification too thin to check, in any script", async () => {
    const thin = await runCli(
      "validate",
      writeTemp("thin.yaml", declare("KEY-001", "Moved to vendor.")),
      ...cat,
    );
    expect(thin.code).toBe(1);
    expect(thin.stderr).toMatch(
      /error {2}The justification for declaring `KEY-001` \(critical\) not applicable is too thin/,
    );
    const japanese = declare(
      "KEY-001",
      "署名鍵は委託先が保管しており当社は鍵を一切保有していないため該当しない。",
    );
    expect((await runCli("validate", writeTemp("ja.yaml", japanese), ...cat)).stderr).not.toContain(
      "thin-justification",
    );
  });

  it("refuses N/A on a control the profile puts in scope", async () => {
    const text = declare(
      "HOT-001",
      "We run no hot wallet of our own; all withdrawals are signed from cold storage by hand.",
    );
    const run = await runCli("validate", writeTemp("hot.yaml", text), ...cat);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /error {2}Control `HOT-001` is declared not applicable, but the profile puts it in scope \(`operates_hot_wallets: true`\)/,
    );
    // A blank scoping answer puts the control in scope too, so it is no way around the rule.
    const blank = await runCli(
      "validate",
      writeTemp("hot-blank.yaml", text.replace("  operates_hot_wallets: true\n", "")),
      ...cat,
    );
    expect(blank.code).toBe(1);
    expect(blank.stderr).toMatch(
      /error {2}Control `HOT-001` is declared not applicable, but its scope is the profile's to decide and `operates_hot_wallets` is blank, which puts it in scope/,
    );
  });

  it("lists a declared N/A in the summary, with the score it would have if counted as not met", async () => {
    const text = declare(
      "KEY-001",
      "Signing is done by the custody vendor under contract; we hold no key shares at all, see the custody agreement.",
      strongText,
    );
    const report = await runCli("report", writeTemp("na.yaml", text), ...cat);
    expect(report.code).toBe(0);
    const [, score, counted] =
      report.stdout.match(
        /\*\*Score: ([\d.]+%)\*\*[\s\S]*?counted as not met, the score would be ([\d.]+%) instead of/,
      ) ?? [];
    expect(Number.parseFloat(counted!)).toBeLessThan(Number.parseFloat(score!));
    expect(report.stdout).toMatch(
      /\| \[KEY-001\]\(#key-001\) .* \| critical \| Signing is done by the custody vendor/,
    );
    // The JSON a regulator's tooling reads carries the same two figures.
    const json = JSON.parse(
      (await runCli("report", writeTemp("na.yaml", text), ...cat, "-f", "json")).stdout,
    );
    expect(json.overall.declared_not_applicable).toEqual(["KEY-001"]);
    expect(`${json.overall.score_counting_declared_na.toFixed(1)}%`).toBe(counted);
  });

  it("puts a newly declared N/A first in a diff, with the score counting it as not met", async () => {
    const text = declare(
      "KEY-001",
      "Signing is done by the custody vendor under contract; we hold no key shares at all, see the custody agreement.",
      strongText,
    );
    const old = writeTemp("old.yaml", strongText);
    const md = await runCli("diff", old, writeTemp("new.yaml", text), ...cat);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/\*\*Score .*, 1 newly declared not applicable\.\*\*/);
    expect(md.stdout).toMatch(
      /> \*\*Declared not applicable:\*\* 1 control in scope before is now declared not applicable by the answers: KEY-001 \(critical\)\./,
    );
    expect(md.stdout).toMatch(/## Controls that changed\n\n### Newly declared not applicable/);
    const json = await runCli("diff", old, writeTemp("new.yaml", text), ...cat, "-f", "json");
    const diff = JSON.parse(json.stdout);
    expect(diff.summary.declared_not_applicable).toBe(1);
    expect(diff.new.declared_not_applicable).toEqual(["KEY-001"]);
    expect(diff.new.score_counting_declared_na).toBeLessThan(diff.new.score);
    expect(diff.old.score_counting_declared_na).toBeNull();
  });
});

describe("warnings an earlier error does not swallow", () => {
  it("reports an exception on a met control", async () => {
    const text = strongText.replace(
      "    responses: { enforcement: allowlisting }\n",
      '    responses: { enforcement: allowlisting }\n    exception: { justification: Rollout pending, approver: CISO, expires: "2026-12-31" }\n',
    );
    const run = await runCli("validate", writeTemp("met-exception.yaml", text), ...cat);
    expect(run.stderr).toMatch(
      /warning {2}Control `WKS-001` is met, yet carries an accepted exception {2}answers\/exception-unneeded/,
    );
  });

  it("reports evidence and answers dated after the assessment on a control that also has an error", async () => {
    const text = weakText.replace(
      "    responses: { cold_share: 96, measured_daily: true }\n    evidence:\n      - { title: Daily cold-ratio reconciliation, path: evidence/cold-ratio.xlsx }",
      '    responses: { cold_share: 196, measured_daily: true }\n    answered_on: "2026-08-01"\n    evidence:\n      - { title: Daily cold-ratio reconciliation, path: evidence/cold-ratio.xlsx, date: "2026-07-15" }',
    );
    const run = await runCli("validate", writeTemp("late.yaml", text), ...cat);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("HOT-001");
    expect(run.stderr).toMatch(/error {2}.*cold_share/);
    expect(run.stderr).toMatch(
      /warning {2}Answer to `HOT-001` dated 2026-08-01, after the assessment date 2026-06-30/,
    );
    expect(run.stderr).toMatch(
      /warning {2}Evidence 1 of `HOT-001` dated 2026-07-15, after the assessment date 2026-06-30/,
    );
  });
});

describe("the CLI keeps its promises", () => {
  it("refuses to write compare's PDF to a terminal, as report does", async () => {
    const { main } = await import("../src/cli/main.js");
    const { memoryIo } = await import("./helpers/cli.js");
    const io = memoryIo(true);
    const code = await main(
      ["compare", `${FIXTURE_ANSWERS}weak.yaml`, `${FIXTURE_ANSWERS}strong.yaml`, ...cat, "-f", "pdf"],
      io,
    );
    expect(code).toBe(2);
    expect(io.out).toBe("");
    expect(io.err).toContain("e.g. --out comparison.pdf");
  });

  it("gives each catalog command its own help, and -f for --format everywhere", async () => {
    // yargs prints help itself, so the sources run in a child process.
    const help = (...args: string[]) =>
      spawnSync(process.execPath, ["--import", "tsx", "src/cli/bin.ts", ...args], { encoding: "utf8" });
    const list = help("catalog", "list", "--help");
    const lint = help("catalog", "lint", "--help");
    expect(list.stdout).toContain("List every lesson, control, incident and framework");
    expect(lint.stdout).toContain("Check the catalog");
    expect(list.stdout).not.toEqual(lint.stdout);
    const json = await runCli("validate", `${FIXTURE_ANSWERS}strong.yaml`, ...cat, "-f", "json");
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(expect.any(Array));
    expect(help("report", "--help").stdout).toContain("CSV");
  });
});

describe("explanations a person can act on", () => {
  it("counts the choices still needed after the ones it names", () => {
    const question = {
      id: "fields",
      type: "multiple_choice" as const,
      text: "Which fields are verified?",
      choices: ["destination", "amount", "chain", "fee"].map((value) => ({
        value,
        label: value.toUpperCase(),
      })),
    };
    const checks = (answer: string[]) =>
      [
        { op: "includes_all", value: ["destination", "amount"] },
        { op: "selected_at_least", value: 3 },
      ].map((c) => ({
        rule: "met" as const,
        depth: 1,
        kind: "leaf" as const,
        passed: false,
        question: "fields",
        answered: true,
        answer,
        ...c,
      }));
    const questions = new Map([["fields", question as unknown as Question]]);
    expect(explainFailedChecks(checks(["destination"]), questions)[0]).toBe(
      "Which fields are verified? Selected “DESTINATION”; required: all of “DESTINATION” and “AMOUNT”, and at least 3 selected; missing: “AMOUNT”, 1 more.",
    );
    // Naming both missing choices leaves one more to pick, not three.
    expect(explainFailedChecks(checks(["chain"]), questions)[0]).toMatch(
      /missing: “DESTINATION” and “AMOUNT”\.$/,
    );
  });

  it("says which selected choices the profile implied, and skips failures an `any` or `not` above them outweighs", () => {
    const question = {
      id: "regimes",
      type: "multiple_choice" as const,
      text: "Which regimes?",
      choices: ["eu", "jp"].map((value) => ({ value, label: value.toUpperCase() })),
    };
    const questions = new Map([["regimes", question as unknown as Question]]);
    const leaf = (passed: boolean, value: string, depth: number) => ({
      rule: "met" as const,
      depth,
      kind: "leaf" as const,
      passed,
      question: "regimes",
      answered: true,
      answer: ["eu"],
      op: "includes",
      value,
    });
    const group = (kind: "all" | "any" | "not", passed: boolean, depth: number) => ({
      rule: "met" as const,
      depth,
      kind,
      passed,
    });
    // all(fails) > [ includes jp (fails), any(passes) > [ not(passes) > includes jp (fails) ] ]
    const checks: Check[] = [
      group("all", false, 0),
      leaf(false, "jp", 1),
      group("any", true, 1),
      group("not", true, 2),
      leaf(false, "jp", 3),
    ];
    const [sentence] = explainFailedChecks(checks, questions, new Map([["regimes", new Set(["eu"])]]));
    expect(sentence).toBe(
      "Which regimes? Nothing selected (and “EU”, which the profile implies); required: “JP” selected; missing: “JP”.",
    );
  });

  it("says what a limit means when its number alone would mislead (N-of-N, not '≤ 99')", async () => {
    const text = readFileSync("examples/strong-exchange.yaml", "utf8").replace(
      "      signers: 5\n      threshold_percent: 60",
      "      signers: 5\n      threshold_percent: 100",
    );
    const run = await runCli("report", writeTemp("n-of-n.yaml", text));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /Answered 100%; required: at most 99% \(no N-of-N: when every signer is needed, one lost or withheld key locks the funds\)\./,
    );
  });
});
