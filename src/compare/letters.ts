// One-letter codes for statuses and verdicts, so a row travels between threads and sits in memory as short strings.
import type { IncidentReplay, Status, StepReplay } from "../model/result.js";

/** One letter per control status. */
export const STATUS_LETTER: Readonly<Record<Status, string>> = {
  met: "M",
  partially_met: "P",
  not_met: "N",
  not_answered: "U",
  risk_accepted: "R",
  not_applicable: "X",
};

/** One letter per incident verdict. */
export const VERDICT_LETTER: Readonly<Record<IncidentReplay["verdict"], string>> = {
  stopped: "S",
  limited: "L",
  detected: "D",
  hindered: "H",
  not_stopped: "N",
  not_applicable: "X",
};

/** One letter per attack-step verdict. */
export const STEP_LETTER: Readonly<Record<StepReplay["verdict"], string>> = {
  blocked: "B",
  limited: "L",
  detected: "D",
  hindered: "H",
  open: "O",
};

function decoder<T extends string>(table: Readonly<Record<T, string>>, what: string): (letter: string) => T {
  const back = new Map(Object.entries(table).map(([value, letter]) => [letter as string, value as T]));
  return (letter) => {
    const value = back.get(letter);
    if (value === undefined) throw new Error(`Unknown ${what} letter ${JSON.stringify(letter)}`);
    return value;
  };
}

/** The status a letter of `STATUS_LETTER` stands for. */
export const statusOfLetter = decoder(STATUS_LETTER, "status");
/** The incident verdict a letter of `VERDICT_LETTER` stands for. */
export const verdictOfLetter = decoder(VERDICT_LETTER, "verdict");
/** The step verdict a letter of `STEP_LETTER` stands for. */
export const stepOfLetter = decoder(STEP_LETTER, "step verdict");
