// Controls a third party operates: whose answers decide them, whether those answers are current, and the statuses
// the replay reads for the steps of an attack that happen inside a wallet vendor or a custodian.
import type { Answers } from "../model/answers.js";
import { daysBetween } from "../model/dates.js";
import type { ControlResult } from "../model/result.js";
import type { ThirdPartyRole } from "../model/third-party.js";
import { STATUS_CODE } from "./scoring.js";

/**
 * A third party's answers older than this, on the as-of date, no longer decide anything. Catalog judgement, in line
 * with the FSA's expectation that outsourcing risks are assessed at least annually (VND-001).
 */
export const THIRD_PARTY_STALE_AFTER_DAYS = 365;

/** Whether a third party's answers can be relied on: given and current, given but stale, or not given at all. */
export type PartyAnswersState = "current" | "stale" | "missing";

/** One third party of an answers file, with its own answers when they were given and are valid. */
export interface PartyInput {
  readonly name: string;
  readonly role: ThirdPartyRole;
  readonly operates: readonly string[];
  readonly state: PartyAnswersState;
  /** The party's answers, when `state` is `current`. */
  readonly answers?: Answers;
  /** The party's assessment date, when its answers were given. */
  readonly date?: string;
}

/** Pairs the third parties an answers file names with the answers files given for them (by index), as of `asOf`. */
export function partyInputs(
  answers: Answers,
  given: readonly (Answers | undefined)[] | undefined,
  asOf: string,
): PartyInput[] {
  // Answers built in code rather than parsed may leave out the list the schema defaults to empty.
  return (answers.third_parties ?? []).map((party, i) => {
    const own = given?.[i];
    const base = { name: party.name, role: party.role, operates: party.operates };
    if (!own) return { ...base, state: "missing" };
    const date = own.assessment.date;
    // Answers dated after the as-of date cannot describe it either.
    const age = daysBetween(date, asOf);
    if (age > THIRD_PARTY_STALE_AFTER_DAYS || age < 0) return { ...base, state: "stale", date };
    return { ...base, state: "current", answers: own, date };
  });
}

/** The index of the party that operates each control, for the controls some party operates. */
export function operators(parties: readonly PartyInput[]): Map<string, number> {
  const out = new Map<string, number>();
  parties.forEach((p, i) => {
    for (const id of p.operates) if (!out.has(id)) out.set(id, i);
  });
  return out;
}

const MET = STATUS_CODE.met;
const PARTIAL = STATUS_CODE.partially_met;

/**
 * Per role, the status codes the replay reads for that role's own controls: the weakest over every party of the role
 * whose answers are current (an attacker picks the weakest vendor). A role with a party whose answers are missing or
 * stale has no statuses at all, so nothing inside that role is credited.
 */
export function partyStatuses(
  parties: readonly PartyInput[],
  results: readonly (readonly ControlResult[] | undefined)[],
): Partial<Record<ThirdPartyRole, Uint8Array>> {
  const out: Partial<Record<ThirdPartyRole, Uint8Array>> = {};
  const blind = new Set<ThirdPartyRole>();
  parties.forEach((party, i) => {
    const own = results[i];
    if (party.state !== "current" || !own) {
      blind.add(party.role);
      return;
    }
    const codes = own.map((r) => STATUS_CODE[r.status === "risk_accepted" ? r.assessed_status : r.status]);
    const seen = out[party.role];
    out[party.role] = seen ? weakest(seen, codes) : Uint8Array.from(codes);
  });
  for (const role of blind) delete out[role];
  return out;
}

/**
 * Per role and control position, the name of the party whose status the replay reads (the weakest; the first named
 * on a tie), or, for a role with a party whose answers are missing or stale, that party's name at every position.
 */
export function partyNames(
  parties: readonly PartyInput[],
  results: readonly (readonly ControlResult[] | undefined)[],
  size: number,
): Partial<Record<ThirdPartyRole, string[]>> {
  const out: Partial<Record<ThirdPartyRole, string[]>> = {};
  const least: Partial<Record<ThirdPartyRole, number[]>> = {};
  const blind = new Set<ThirdPartyRole>();
  parties.forEach((party, i) => {
    const own = results[i];
    if (blind.has(party.role)) return;
    if (party.state !== "current" || !own) {
      blind.add(party.role);
      out[party.role] = new Array<string>(size).fill(party.name);
      return;
    }
    const names = out[party.role];
    const ranks = least[party.role];
    const rankOf = (r: ControlResult) =>
      rank(STATUS_CODE[r.status === "risk_accepted" ? r.assessed_status : r.status]);
    if (!names || !ranks) {
      out[party.role] = own.map(() => party.name);
      least[party.role] = own.map(rankOf);
      return;
    }
    own.forEach((r, p) => {
      if (rankOf(r) < (ranks[p] as number)) {
        ranks[p] = rankOf(r);
        names[p] = party.name;
      }
    });
  });
  return out;
}

const rank = (s: number) => (s === MET ? 2 : s === PARTIAL ? 1 : 0);

/** Per position, the weaker of two status codes as the replay reads them: met, then partially met, then anything else. */
function weakest(a: Uint8Array, b: readonly number[]): Uint8Array {
  return a.map((s, p) => {
    const t = b[p] as number;
    return rank(t) < rank(s) ? t : s;
  });
}
