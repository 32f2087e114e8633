// Stable pseudonyms for organizations and files: pseudonymisation (re-identifiable with the key), not anonymisation.
import { createHash, createHmac } from "node:crypto";
import { normalizeName } from "./identity.js";

/** Crockford base32: no I, L, O or U, so pseudonyms read back unambiguously. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** Domain separation, so these digests are useless for anything but vaspcheck pseudonyms. */
const CONTEXT = "vaspcheck/pseudonym@1";

/** Derives pseudonyms. With a key they are an HMAC-SHA256 only the key holder can recompute. */
export interface Pseudonymizer {
  /** True when a secret key is used. */
  readonly keyed: boolean;
  /** The method, in words, for the report's method note. */
  readonly method: string;
  /** `VASP-XXXXXX` for an organization; `length` base32 characters (longer to resolve a collision). */
  organization(name: string, registration: string | undefined, length?: number): string;
  /** `FILE-XXXXXX` for a submission file, so a file name cannot reveal who sent it. */
  file(path: string, length?: number): string;
}

/** Creates a pseudonymizer; pass a secret key for pseudonyms that outsiders cannot recompute from a list of names. */
export function createPseudonymizer(key?: string): Pseudonymizer {
  const keyed = key !== undefined && key !== "";
  const digest = (text: string): Buffer =>
    keyed
      ? createHmac("sha256", key).update(`${CONTEXT}\n${text}`).digest()
      : createHash("sha256").update(`${CONTEXT}\n${text}`).digest();
  return {
    keyed,
    method: keyed
      ? "HMAC-SHA256 under a secret key of the normalised organization name and registration"
      : "SHA-256 of the normalised organization name and registration (no key: anyone with the list of names can recompute them)",
    organization: (name, registration, length = 6) =>
      `VASP-${base32(digest(`org\n${normalizeName(name)}\n${normalizeName(registration ?? "")}`), length)}`,
    file: (path, length = 6) => `FILE-${base32(digest(`file\n${path}`), length)}`,
  };
}

/** The first `length` base32 characters of a digest. */
function base32(bytes: Uint8Array, length: number): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += ALPHABET[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length >= length) break;
  }
  return out;
}

/**
 * Labels every item with `derive(item, 6)`, lengthening the labels of items that collide until all are
 * distinct. Deterministic: the same items always get the same labels.
 */
export function uniqueLabels<T>(items: readonly T[], derive: (item: T, length: number) => string): string[] {
  const labels = items.map((item) => derive(item, 6));
  for (let length = 10; length <= 52; length += 4) {
    const counts = new Map<string, number>();
    for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
    if ([...counts.values()].every((n) => n === 1)) break;
    items.forEach((item, i) => {
      if ((counts.get(labels[i]!) ?? 0) > 1) labels[i] = derive(item, length);
    });
  }
  return labels;
}
