/**
 * SMS text encoding maths (pure): GSM 03.38 detection, segment counting and Vietnamese accent stripping.
 * A GSM-7 segment holds 160 septets (153 when the message is split, the rest is the UDH); extension
 * characters cost two septets. Anything outside GSM-7 forces UCS-2: 70 UTF-16 units, 67 when split.
 */

const GSM7_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM7_EXTENSION = "\f^{}\\[~]|€";

const BASIC = new Set(GSM7_BASIC);
const EXTENSION = new Set(GSM7_EXTENSION);

export type SmsEncoding = "GSM-7" | "UCS-2";

export interface SegmentCount {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  segments: number;
  /** Units still free in the last segment. */
  remaining: number;
}

export const GSM7_SINGLE = 160;
export const GSM7_MULTI = 153;
export const UCS2_SINGLE = 70;
export const UCS2_MULTI = 67;

export function isGsm7(text: string): boolean {
  for (const char of text) if (!BASIC.has(char) && !EXTENSION.has(char)) return false;
  return true;
}

export function detectEncoding(text: string): SmsEncoding {
  return isGsm7(text) ? "GSM-7" : "UCS-2";
}

/** Septets a GSM-7 text needs (extension characters are escape + char). Assumes isGsm7(text). */
export function gsm7Units(text: string): number {
  let units = 0;
  for (const char of text) units += EXTENSION.has(char) ? 2 : 1;
  return units;
}

export function countSegments(text: string): SegmentCount {
  const encoding = detectEncoding(text);
  const units = encoding === "GSM-7" ? gsm7Units(text) : text.length;
  const single = encoding === "GSM-7" ? GSM7_SINGLE : UCS2_SINGLE;
  const multi = encoding === "GSM-7" ? GSM7_MULTI : UCS2_MULTI;
  if (units <= single) return { encoding, units, segments: 1, remaining: single - units };
  const segments = encoding === "GSM-7" ? countGsm7Parts(text, multi) : countUcs2Parts(text, multi);
  return { encoding, units, segments, remaining: segments * multi - units };
}

/** An extension pair (escape + char) may not straddle a segment boundary, so split greedily per character. */
function countGsm7Parts(text: string, perPart: number): number {
  let parts = 1;
  let used = 0;
  for (const char of text) {
    const cost = EXTENSION.has(char) ? 2 : 1;
    if (used + cost > perPart) {
      parts += 1;
      used = 0;
    }
    used += cost;
  }
  return parts;
}

/** A surrogate pair may not be split across parts either. */
function countUcs2Parts(text: string, perPart: number): number {
  let parts = 1;
  let used = 0;
  for (const char of text) {
    const cost = char.length;
    if (used + cost > perPart) {
      parts += 1;
      used = 0;
    }
    used += cost;
  }
  return parts;
}

/** Largest unit budget for a message of at most `maxSegments` segments. */
export function segmentBudget(encoding: SmsEncoding, maxSegments: number): number {
  if (maxSegments <= 1) return encoding === "GSM-7" ? GSM7_SINGLE : UCS2_SINGLE;
  return maxSegments * (encoding === "GSM-7" ? GSM7_MULTI : UCS2_MULTI);
}

/** Units a text costs in the given encoding (GSM-7 septets or UTF-16 units). */
export function unitsIn(encoding: SmsEncoding, text: string): number {
  return encoding === "GSM-7" ? gsm7Units(text) : text.length;
}

/** "Phường Sài Gòn" -> "Phuong Sai Gon"; đ/Đ have no decomposition so they are mapped explicitly. */
export function stripVietnameseAccents(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .normalize("NFC");
}

/**
 * Unaccented text guaranteed to be GSM-7: accents stripped, typographic punctuation folded, anything still
 * outside the GSM alphabet (emoji, CJK) replaced by "?" so one stray character cannot halve the segment size.
 */
export function toGsm7(text: string): string {
  const folded = stripVietnameseAccents(text)
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, "-")
    .replace(/\u2026/g, "...")
    .replace(/[\u00a0\t]/g, " ");
  let out = "";
  for (const char of folded) out += BASIC.has(char) || EXTENSION.has(char) ? char : "?";
  return out;
}
