// Signing keys from node:crypto: Ed25519 (the default) or ECDSA P-256, as PEM files, each named by its key id.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from "node:crypto";

/** The signature algorithms a key may use. */
export type KeyAlgorithm = "ed25519" | "ecdsa-p256";

/** A new key pair, as PEM text, and the id of its public key. */
export interface GeneratedKeyPair {
  readonly privatePem: string;
  readonly publicPem: string;
  readonly keyid: string;
  readonly algorithm: KeyAlgorithm;
}

/** Generates a key pair. */
export function generateKeys(algorithm: KeyAlgorithm = "ed25519"): GeneratedKeyPair {
  const pair =
    algorithm === "ed25519"
      ? generateKeyPairSync("ed25519")
      : generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const publicPem = pair.publicKey.export({ type: "spki", format: "pem" }).toString();
  return {
    privatePem: pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicPem,
    keyid: keyIdOf(pair.publicKey),
    algorithm,
  };
}

/** The id of a public key: the SHA-256 of its SubjectPublicKeyInfo (DER), in hex, as in-toto tooling names keys. */
export function keyIdOf(key: KeyObject): string {
  // A private key is named by its public half, so a signature and the key that checks it carry the same id.
  const pub = key.type === "private" ? createPublicKey(key) : key;
  return createHash("sha256")
    .update(pub.export({ type: "spki", format: "der" }))
    .digest("hex");
}

/** The algorithm of a key, or undefined for a key of another kind (RSA, another curve). */
export function algorithmOf(key: KeyObject): KeyAlgorithm | undefined {
  if (key.asymmetricKeyType === "ed25519") return "ed25519";
  if (key.asymmetricKeyType === "ec" && key.asymmetricKeyDetails?.namedCurve === "prime256v1")
    return "ecdsa-p256";
  return undefined;
}

/** A private key from PEM text, or why it cannot be used. */
export function privateKeyFrom(pem: string): { key: KeyObject } | { problem: string } {
  try {
    const key = createPrivateKey(pem);
    if (!algorithmOf(key)) return { problem: "it is not an Ed25519 or ECDSA P-256 key" };
    return { key };
  } catch {
    return { problem: "it is not a PEM private key (PKCS#8), or it is encrypted" };
  }
}

/** A public key from PEM text (a public key, or the public half of a private one), or why it cannot be used. */
export function publicKeyFrom(pem: string): { key: KeyObject } | { problem: string } {
  try {
    const key = createPublicKey(pem);
    if (!algorithmOf(key)) return { problem: "it is not an Ed25519 or ECDSA P-256 key" };
    return { key };
  } catch {
    return { problem: "it is not a PEM public key" };
  }
}
