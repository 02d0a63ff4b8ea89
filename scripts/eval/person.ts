/**
 * The person a dev-data file shows, for measurements that split or baseline by person: JAFFE
 * `jaffe-KL.AN1.167.tiff` → KL; Taiwan `taiwan-0211d20.jpg` → performer 02; CK+ `…S055_004…` → S055. Null when
 * the name carries none (FER2013, wild photos).
 */
export function personOf(file: string): string | null {
  return /^jaffe-([A-Z]+)\./.exec(file)?.[1] ?? /^taiwan-(\d\d)/.exec(file)?.[1] ?? /(S\d{3})_/.exec(file)?.[1] ?? null;
}
