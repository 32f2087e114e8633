// Seeded synthetic submissions against a real catalog: for the compare benchmark and for looking at a sector report.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { prng } from "./stats.mjs";

function value(q, r) {
  switch (q.type) {
    case "boolean":
      return r() < 0.6;
    case "single_choice":
      return q.choices[Math.floor(r() * q.choices.length)].value;
    case "multiple_choice":
      return q.choices.filter(() => r() < 0.6).map((c) => c.value);
    case "number":
      return Math.round((q.min ?? 0) + r() * ((q.max ?? (q.min ?? 0) + 1000) - (q.min ?? 0)));
    case "percentage":
      return Math.round(r() * 100);
    case "count":
      return Math.floor(r() * 8);
    case "date":
      return `2026-0${1 + Math.floor(r() * 3)}-1${Math.floor(r() * 9)}`;
    case "duration":
      return Math.round(r() * 200);
    default:
      return "Documented in the security policy, section 4.";
  }
}

/** A realistic submission: most controls answered, some N/A or left blank, half with evidence. */
function submission(catalog, i, r) {
  const answers = {};
  for (const c of catalog.controls) {
    const x = r();
    if (x < 0.06) continue;
    if (x < 0.1 && !c.applies_if) {
      answers[c.id] = {
        not_applicable: {
          justification:
            "The exchange does not operate this function; the architecture record shows no such component in scope.",
        },
      };
      continue;
    }
    answers[c.id] = {
      responses: Object.fromEntries(c.questions.map((q) => [q.id, value(q, r)])),
      evidence: r() < 0.5 ? [{ title: "Policy document", path: `evidence/${c.id}.pdf` }] : [],
    };
  }
  return {
    organization: {
      name: `Exchange ${i} K.K.`,
      jurisdiction: "JP",
      registration: `REG-${String(i).padStart(5, "0")}`,
    },
    assessment: { date: "2026-03-31", assessor: "Internal audit", scope: "Custody and withdrawals" },
    catalog: { id: catalog.meta.id, version: catalog.meta.version },
    profile: Object.fromEntries(catalog.profile.map((q) => [q.id, value(q, r)])),
    answers,
  };
}

/** Writes `count` seeded submissions into `dir`; returns their paths and total size. */
export function writeSubmissions(catalog, dir, count = 1000, seed = 20260331) {
  const r = prng(seed);
  const files = [];
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const text = stringify(submission(catalog, i, r), { version: "1.1", lineWidth: 0 }).replace(
      /^%YAML.*\n---\n/,
      "",
    );
    const path = join(dir, `submission-${String(i).padStart(4, "0")}.yaml`);
    writeFileSync(path, text);
    files.push(path);
    bytes += text.length;
  }
  return { files, bytes };
}
