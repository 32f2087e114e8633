// The sector's dependence on shared third parties: which organizations run controls through the same wallet vendor
// or custodian, so a supervisor sees a single point of failure that no one submission shows.
import type { Comparison } from "../model/comparison.js";
import { normalizeName } from "../model/names.js";
import type { ValidSubmission } from "./submission-types.js";

/** A compared row as this view reads it: its label and its kept submission. */
interface Row {
  readonly label: string;
  readonly group: { readonly kept: ValidSubmission };
}

type Party = ValidSubmission["thirdParties"][number];

/**
 * The key that tells one party from another: its name as organizations are matched (`normalizeName`) and its
 * identifier. Two identifiers under one name are two companies; a party named without one joins the company of
 * that name when only one identifier is known for it, so an exchange that leaves it out still shows the dependence.
 */
function partyKeys(rows: readonly Row[]): (party: Party) => string {
  const ids = new Map<string, Set<string>>();
  for (const row of rows)
    for (const party of row.group.kept.thirdParties)
      if (party.identifier) {
        const name = normalizeName(party.name);
        ids.set(name, (ids.get(name) ?? new Set()).add(normalizeName(party.identifier)));
      }
  return (party) => {
    const name = normalizeName(party.name);
    const known = ids.get(name);
    const id = party.identifier ? normalizeName(party.identifier) : known?.size === 1 ? [...known][0] : "";
    return `${name}\u0000${id}`;
  };
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Every third party named by a compared organization, most depended on first, with who depends on it for what. */
export function sharedThirdParties(rows: readonly Row[]): Comparison["shared_third_parties"] {
  const parties = new Map<string, { first: Party; orgs: Set<string>; controls: Set<string> }>();
  const partyKey = partyKeys(rows);
  for (const row of rows)
    for (const party of row.group.kept.thirdParties) {
      const key = partyKey(party);
      const entry = parties.get(key) ?? { first: party, orgs: new Set(), controls: new Set() };
      // The first submission that gives an identifier names the party in the table.
      if (!entry.first.identifier && party.identifier) entry.first = party;
      entry.orgs.add(row.label);
      for (const id of party.operates) entry.controls.add(id);
      parties.set(key, entry);
    }
  return [...parties.values()]
    .map(({ first, orgs, controls }) => ({
      name: first.name,
      role: first.role,
      identifier: first.identifier,
      organizations: [...orgs].sort(byCodePoint),
      controls: [...controls].sort(byCodePoint),
    }))
    .sort(
      (a, b) =>
        b.organizations.length - a.organizations.length ||
        byCodePoint(a.name, b.name) ||
        byCodePoint(a.identifier ?? "", b.identifier ?? ""),
    );
}
