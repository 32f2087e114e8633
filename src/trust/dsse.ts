// DSSE envelopes (Dead Simple Signing Envelope, v1): a payload, its type, and signatures over the pre-authentication
// encoding of both, so a signature can never be replayed over another type of payload.
import { type KeyObject, sign, verify } from "node:crypto";
import * as z from "zod";
import { algorithmOf, keyIdOf } from "./keys.js";

/** The payload type of an in-toto statement. */
export const IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";

/** A DSSE envelope as JSON. */
export const EnvelopeSchema = z.strictObject({
  payload: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, "base64"),
  payloadType: z.string(),
  signatures: z.array(z.strictObject({ keyid: z.string(), sig: z.string() })).max(16),
});
/** A DSSE envelope. */
export type Envelope = z.infer<typeof EnvelopeSchema>;

/** The pre-authentication encoding: `DSSEv1 <len(type)> <type> <len(body)> <body>`. */
export function pae(payloadType: string, payload: Uint8Array): Buffer {
  const type = Buffer.from(payloadType, "utf8");
  return Buffer.concat([
    Buffer.from(`DSSEv1 ${type.length} `, "utf8"),
    type,
    Buffer.from(` ${payload.length} `, "utf8"),
    Buffer.from(payload),
  ]);
}

/** A signature over a payload of a type, by one key. */
export function signPayload(
  payloadType: string,
  payload: Uint8Array,
  key: KeyObject,
): Envelope["signatures"][number] {
  const data = pae(payloadType, payload);
  const sig =
    algorithmOf(key) === "ed25519"
      ? sign(null, data, key)
      : sign("sha256", data, { key, dsaEncoding: "der" });
  return { keyid: keyIdOf(key), sig: sig.toString("base64") };
}

/** Whether one signature of an envelope was made over its payload by `key`. */
export function signatureHolds(
  envelope: Envelope,
  signature: Envelope["signatures"][number],
  key: KeyObject,
): boolean {
  const data = pae(envelope.payloadType, Buffer.from(envelope.payload, "base64"));
  const sig = Buffer.from(signature.sig, "base64");
  try {
    return algorithmOf(key) === "ed25519"
      ? verify(null, data, key, sig)
      : verify("sha256", data, { key, dsaEncoding: "der" }, sig);
  } catch {
    return false;
  }
}
