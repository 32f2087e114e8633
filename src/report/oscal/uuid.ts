// Name-based (version 5) UUIDs, RFC 9562: the same name always gives the same UUID, so the same inputs give the same
// OSCAL bytes.
import { createHash } from "node:crypto";

/** The namespace of every UUID vaspcheck derives (itself a v5 UUID of "vaspcheck" in the URL namespace). */
export const VASPCHECK_NAMESPACE = "d31ae057-41eb-52a7-b8c0-1e10716b72b3";

/** The version 5 UUID of `name` in `namespace`. */
export function uuidV5(name: string, namespace: string = VASPCHECK_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ""), "hex");
  const hash = createHash("sha1").update(ns).update(name, "utf8").digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
