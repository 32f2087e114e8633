// Re-dates a zip (an .xlsx written by exceljs) so that the same content always gives the same bytes.

/**
 * The same zip with every entry dated `stamp`, in a fixed order: exceljs stamps entries with the clock, so two runs
 * would differ in their bytes.
 */
export async function redateZip(bytes: Uint8Array, stamp: Date): Promise<Uint8Array> {
  const { default: JSZip } = await import("jszip");
  const source = await JSZip.loadAsync(bytes);
  const target = new JSZip();
  const names = Object.keys(source.files).sort();
  for (const name of names) {
    const entry = source.files[name];
    if (!entry || entry.dir) continue;
    target.file(name, await entry.async("uint8array"), { date: stamp, createFolders: false });
  }
  return target.generateAsync({
    type: "uint8array",
    compression: "DEFLATE",
    compressionOptions: { level: 6 },
  });
}
