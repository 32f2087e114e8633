// The sector comparison's explanatory sentences, written once: the Markdown and the PDF print the same words.

/** Section introductions and method notes of a comparison; `normThreshold` is the share that makes a norm. */
export function comparisonProse(normThreshold: string) {
  return {
    declared:
      "These controls were ruled out by the organization's own answer (a justified N/A), not by its profile, and are left out of its score: check the justifications.",
    shared_parties:
      "Controls these wallet vendors and custodians operate are decided by their own answers files, and so are the replayed attack steps inside them. A party behind several exchanges is one point of failure for all of them.",
    older:
      "Each submission is scored on its own catalog version. Controls its version lacks or asked in an earlier form are not compared for that submission only: it is left out of those controls' statistics, of the lesson statistics they change, and of the exposure to every incident whose countermeasures use them.",
    exposure:
      "For each incident, every exchange's controls are replayed against the attack chain; the most exposed incidents come first. An exchange stops the chain when a preventive countermeasure (a control, or a set of controls that only work together) is fully met at some step; otherwise it limits the loss when a met control caps what a step can take (cold storage, velocity limits), detects it when a met control would raise a step in time to respond, hinders it when only controls that make a step less likely (training, assessments) or partly met preventive controls stand in the way, and does not stop it otherwise. The weakest step is the one the most exchanges fail to block, among steps that some compared control would prevent.",
    not_comparable:
      "Not comparable: exchanges the incident applies to whose catalog version lacks a control the chain's countermeasures use; they are in no other column.",
    controls: `Share per status of the exchanges compared on the control (an exchange whose catalog version lacks the control, or asked it differently, is not compared on it). Declared N/A: exchanges that ruled the control out by their own answer, not by their profile. The norm is the status at least ${normThreshold} of the exchanges in scope share (— when none does, or fewer than 5 are in scope); exchanges below it (e.g. not met where the sector meets it) and above it are the outliers.`,
    lessons:
      "Severity-weighted scores (0–100) per lesson. Low outliers score below Q1 − 1.5 × IQR. An exchange whose catalog version lacks one of the lesson's compared controls scored it on fewer controls, so it is counted as not comparable and left out.",
    lesson_matrix:
      "Exchanges from the lowest overall score up. Scores are severity-weighted (0–100) over the controls compared for each exchange; — means nothing in the lesson applies.",
    register:
      "Every file read, with the SHA-256 of each compared submission as read, so each row can be tied to the file received. Invalid files and submissions set aside for a later one of the same organization are listed with why.",
    method: [
      "Each submission is evaluated as a report on it would be, on its own catalog version: a control that version lacks or asked in an earlier form (read from the catalog's changelog) is not compared for it, and an incident whose countermeasures use such a control is not comparable for it. Statistics count only the submissions that could answer.",
      "One submission per organization is compared: organizations are matched by registration, or by name when a registration is missing; the latest assessment date wins.",
      "The digest of inputs in the footer is the SHA-256 of the catalog, the options that change the figures, and every compared submission's file with its third parties' files: the same files and options give the same digest.",
    ],
  };
}

/** The comparison's sentences. */
export type ComparisonProse = ReturnType<typeof comparisonProse>;
