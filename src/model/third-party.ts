// Third parties that operate controls for an exchange: the wallet vendor that runs its signing system, a custodian.
import * as z from "zod";
import { ControlIdSchema } from "./control.js";

/**
 * The kinds of third party whose own controls decide steps of an attack that happen inside them: a wallet vendor
 * (Ginco for DMM Bitcoin, Liminal for WazirX, Safe{Wallet} for Bybit) or a custodian holding keys for the exchange.
 */
export const ThirdPartyRoleSchema = z.enum(["wallet_vendor", "custodian"]);
/** A kind of third party. */
export type ThirdPartyRole = z.infer<typeof ThirdPartyRoleSchema>;

const text = z.string().trim().min(1);

/** A third party the exchange names in its answers file, the controls it operates, and where its own answers are. */
export const ThirdPartySchema = z.strictObject({
  name: text,
  role: ThirdPartyRoleSchema,
  /** A registry number (法人番号, LEI) that tells one company from another across submissions better than its name. */
  identifier: text.optional(),
  /** Controls this party operates for the exchange: their status comes from the party's own answers file. */
  operates: z.array(ControlIdSchema).default([]),
  /** The party's own answers file, relative to this answers file. Without it, the controls it operates are not met. */
  answers: text.optional(),
});
/** A third party named in an answers file. */
export type ThirdParty = z.infer<typeof ThirdPartySchema>;
