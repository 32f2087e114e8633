// Choices the profile makes true: a control's multiple-choice answer is read with the choices its profile implies.
import type { Control } from "../model/control.js";
import type { Values } from "./compile.js";

/** One choice of a rule question that a profile answer implies. */
export interface Implication {
  /** The rule question's id and its slot among the rule's questions. */
  readonly question: string;
  readonly slot: number;
  /** The implied choice. */
  readonly value: string;
  /** The profile question and the value of it that implies the choice. */
  readonly profileQuestion: string;
  readonly profileValue: string;
}

/** The implications of a control's rule questions, by slot. */
export function implicationsOf(control: Control, ruleQuestions: readonly string[]): Implication[] {
  const out: Implication[] = [];
  for (const question of control.questions) {
    const slot = ruleQuestions.indexOf(question.id);
    if (slot < 0 || question.type !== "multiple_choice") continue;
    for (const choice of question.choices)
      if (choice.implied_by)
        out.push({
          question: question.id,
          slot,
          value: choice.value,
          profileQuestion: choice.implied_by.question,
          profileValue: choice.implied_by.value,
        });
  }
  return out;
}

/** Whether the profile's answer holds the value that implies the choice (a single or multiple choice, or a boolean). */
export function profileImplies(profile: Values, implication: Implication): boolean {
  const answer = Object.hasOwn(profile, implication.profileQuestion)
    ? profile[implication.profileQuestion]
    : undefined;
  return Array.isArray(answer)
    ? answer.includes(implication.profileValue)
    : answer === implication.profileValue;
}

/** A choice read as selected because the profile implies it, as a result records it. */
export interface ImpliedChoice {
  readonly question: string;
  readonly value: string;
  readonly profile_question: string;
}

/**
 * Adds to `slots` every choice the profile implies and the answer leaves out, recording each in `added`, and
 * returns how many slots it made answered. A slot is copied before it changes: it holds the caller's own array.
 */
export function applyImplications(
  implications: readonly Implication[],
  profile: Values,
  slots: unknown[],
  added: ImpliedChoice[],
): number {
  let answered = 0;
  for (const implication of implications) {
    if (!profileImplies(profile, implication)) continue;
    const current = slots[implication.slot];
    const list = Array.isArray(current) ? current : [];
    if (list.includes(implication.value)) continue;
    if (current === undefined) answered++;
    slots[implication.slot] = [...list, implication.value];
    added.push({
      question: implication.question,
      value: implication.value,
      profile_question: implication.profileQuestion,
    });
  }
  return answered;
}

/** The choices the profile implies and a control's own answer to `question` leaves out. */
export function missingImplied(control: Control, profile: Values, responses: Values): Implication[] {
  const ids = control.questions.map((q) => q.id);
  return implicationsOf(control, ids).filter((implication) => {
    if (!profileImplies(profile, implication)) return false;
    const given = Object.hasOwn(responses, implication.question)
      ? responses[implication.question]
      : undefined;
    return !(Array.isArray(given) && given.includes(implication.value));
  });
}
