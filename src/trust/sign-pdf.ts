// Signs a rendered PDF with a PKCS#12 key and certificate, as an incremental update: the unsigned report stays a byte
// prefix of the signed one, so its digest stays checkable, and a fixed signing time gives the same bytes again.

/** Options of `signPdf`. */
export interface SignPdfOptions {
  /** The signer's PKCS#12 file (`.p12`/`.pfx`): a private key and its certificate. */
  readonly p12: Uint8Array;
  readonly passphrase?: string;
  /** The time the signature states; the same time gives the same bytes. */
  readonly signingTime: Date;
  /** Who signs, as the signature dictionary names them (the issuing firm). */
  readonly name: string;
  readonly reason: string;
  readonly location?: string;
  readonly contactInfo?: string;
}

/** Room reserved for the CMS signature (bytes); a certificate chain of a few certificates fits. */
const SIGNATURE_BYTES = 16_384;

/**
 * Signs a PDF (adbe.pkcs7.detached, SHA-256) that Acrobat and pdfsig check. Loads the signing libraries only when
 * called. Returns the problem as data when the key file cannot be used.
 */
export async function signPdf(
  pdf: Uint8Array,
  options: SignPdfOptions,
): Promise<{ pdf: Uint8Array } | { problem: string; hint: string }> {
  const { plainAddPlaceholder } = await import("@signpdf/placeholder-plain");
  const { SignPdf } = await import("@signpdf/signpdf");
  const { P12Signer } = await import("@signpdf/signer-p12");
  let signer: InstanceType<typeof P12Signer>;
  try {
    signer = new P12Signer(Buffer.from(options.p12), { passphrase: options.passphrase ?? "" });
  } catch (error) {
    return {
      problem: `the signing key cannot be opened (${firstLine(error)})`,
      hint: "Give a PKCS#12 file (.p12) holding the key and its certificate, and its passphrase in VASPCHECK_SIGN_PASSPHRASE or --sign-passphrase-file.",
    };
  }
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: Buffer.from(pdf),
    reason: options.reason,
    contactInfo: options.contactInfo ?? "",
    name: options.name,
    location: options.location ?? "",
    signingTime: options.signingTime,
    signatureLength: SIGNATURE_BYTES,
    appName: "vaspcheck",
  });
  try {
    return { pdf: new Uint8Array(await new SignPdf().sign(withPlaceholder, signer, options.signingTime)) };
  } catch (error) {
    return {
      problem: `the PDF could not be signed (${firstLine(error)})`,
      hint: "Check the passphrase, and that the .p12 file holds a private key with its certificate.",
    };
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
}
