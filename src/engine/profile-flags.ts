// The profile as the replay reads it: one flag per distinct profile condition of the catalog's incidents.
import type { Condition } from "../model/condition.js";
import type { Question } from "../model/question.js";
import type { Check } from "../model/result.js";
import { type CompiledCondition, compileCondition, questionsOf, readSlots, type Values } from "./compile.js";

const compiledCache = new WeakMap<
  readonly Condition[],
  readonly { run: CompiledCondition; questions: string[] }[]
>();

/**
 * One character per condition: `1` when it holds on the profile, `0` when it does not, `?` when a scoping question it
 * reads is blank. Dates play no part in profile conditions, so none is needed.
 */
export function profileFlags(
  conditions: readonly Condition[],
  profile: Values,
  questions: readonly Question[],
): string {
  let compiled = compiledCache.get(conditions);
  if (!compiled) {
    compiled = conditions.map((condition) => {
      const slots = questionsOf(condition);
      return { run: compileCondition(condition, "applies_if", questions, slots), questions: slots };
    });
    compiledCache.set(conditions, compiled);
  }
  let flags = "";
  const slots: unknown[] = [];
  for (const { run, questions: read } of compiled) {
    const known = readSlots(profile, read, slots) === read.length;
    const out: Check[] = new Array(run.size);
    const holds = run.run(slots, "1970-01-01", out, 0);
    // Unknown wins over a result, so a condition that passes on a blank (a `not`) never credits a barrier.
    flags += !known ? "?" : holds ? "1" : "0";
  }
  return flags;
}
