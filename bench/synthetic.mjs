// Synthetic catalogs and answers for benchmarks: seeded, so every run measures the same data.
import { prng } from "./stats.mjs";

const CHOICES = ["a", "b", "c", "d", "e"].map((v) => ({ value: v, label: `Choice ${v}` }));

/** A catalog of `n` controls with 3 questions each (percentage, single choice, multiple choice) and 2–4-leaf rules. */
export function syntheticCatalog(n, seed = 1) {
  const rand = prng(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const incidents = Array.from({ length: 10 }, (_, i) => ({
    id: `incident-${i}`,
    name: `Incident ${i}`,
    date: "2024-01-01",
    loss: "1 BTC",
    attribution: { actor: "Unknown", confidence: "suspected" },
    summary: "Synthetic incident.",
    root_cause: "Synthetic.",
    loss_usd: 1_000_000 * (i + 1) ** 2,
    sources: [{ key: "S1", title: "Source", url: "https://example.org" }],
    similar_when: [],
    known_controls: [],
    attack_chain: Array.from({ length: 6 }, (_, s) => ({
      id: `step-${s}`,
      title: `Step ${s}`,
      description: "A step.",
      techniques: ["intrusion"],
      countermeasures: [],
    })),
  }));
  const lessons = Array.from({ length: 12 }, (_, i) => ({
    id: `lesson-${i}`,
    title: `Lesson ${i}`,
    narrative: "A lesson.",
    incidents: [`incident-${i % 10}`],
  }));
  const frameworks = [
    {
      id: "fw",
      name: "Framework",
      version: "1",
      requirements: Array.from({ length: 100 }, (_, i) => ({ id: `R-${i}`, title: `Requirement ${i}` })),
    },
  ];
  const idOf = (i) =>
    `SYN-${String(i).padStart(4, "0")}`.replace(/^SYN-(\d{4})$/, (_, d) => `S${d[0]}-${d.slice(1)}`);
  const controls = Array.from({ length: n }, (_, i) => {
    const id = idOf(i);
    const leaves = [
      { question: "share", op: "at_least", value: Math.floor(rand() * 100) },
      { question: "choice", op: "one_of", value: [pick(CHOICES).value, pick(CHOICES).value] },
      { question: "multi", op: "includes_all", value: [pick(CHOICES).value] },
      { question: "share", op: "at_most", value: 100 - Math.floor(rand() * 20) },
    ].slice(0, 2 + Math.floor(rand() * 3));
    const met = rand() < 0.7 ? { all: leaves } : { any: leaves };
    // Every control counters one step; every seventh only together with the next, as a real conjunction would.
    const step = incidents[i % 10].attack_chain[i % 6];
    const effect = pick(["prevents", "prevents", "hinders", "detects", "limits"]);
    const controls = i % 7 === 0 && i + 1 < n ? [id, idOf(i + 1)] : [id];
    step.countermeasures.push({ controls, effect, why: "Synthetic relation.", source: "S1" });
    return {
      id,
      title: `Synthetic control ${i} with a title long enough to wrap in a table cell`,
      objective: "A synthetic objective that reads like a sentence of a real control.",
      severity: pick(["critical", "high", "medium", "low"]),
      level: 1 + (i % 3),
      lessons: [`lesson-${i % 12}`],
      frameworks: { fw: [`R-${i % 100}`] },
      questions: [
        { id: "share", type: "percentage", text: "What share is covered?" },
        { id: "choice", type: "single_choice", text: "Which option applies?", choices: CHOICES },
        { id: "multi", type: "multiple_choice", text: "Which options apply?", choices: CHOICES },
      ],
      rule: { met, partially_met: { question: "share", op: "at_least", value: 30 } },
      remediation: "Do the synthetic thing properly.",
      references: [],
      examples: [],
    };
  });
  return {
    meta: {
      id: "synthetic",
      version: "1.0.0",
      title: "Synthetic",
      description: "Synthetic catalog",
      tiers: [0, 1, 2, 3].map((level) => ({ level, name: `Tier ${level}` })),
      examples_as_of: "2026-06-30",
      changelog: [],
    },
    profile: [],
    lessons,
    incidents,
    frameworks,
    controls,
    digest: "0".repeat(64),
  };
}

/** An answers object for a synthetic catalog. */
export function syntheticAnswers(catalog, seed = 1) {
  const rand = prng(seed);
  const pick = () => CHOICES[Math.floor(rand() * CHOICES.length)].value;
  return {
    organization: { name: `Exchange ${seed}`, jurisdiction: "JP" },
    assessment: { date: "2026-06-30", assessor: "Bench", scope: "All" },
    catalog: { id: catalog.meta.id, version: catalog.meta.version },
    profile: {},
    answers: Object.fromEntries(
      catalog.controls.map((c) => [
        c.id,
        {
          responses: {
            share: Math.floor(rand() * 101),
            choice: pick(),
            multi: [...new Set([pick(), pick()])],
          },
          evidence: rand() < 0.5 ? [{ title: "Evidence document", path: "evidence/doc.pdf" }] : [],
          notes: rand() < 0.3 ? "Some notes about how this control is run." : undefined,
        },
      ]),
    ),
  };
}
