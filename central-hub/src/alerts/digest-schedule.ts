/**
 * When a person's daily digest is due (pure): the local day of `at` in the SMS time zone and the instant of
 * that day's digest hour. The day names the digest (its dedupe key), so each day's digest goes out once.
 */
export interface DigestSlot {
  /** yyyy-mm-dd, local. */
  day: string;
  dueAt: number;
}

export function digestSlot(at: number, hour: number, timeZone: string): DigestSlot {
  const p = localParts(at, timeZone);
  // the zone's offset at `at` (Asia/Ho_Chi_Minh has no daylight saving, so it holds for the whole day)
  const offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(at / 1000) * 1000;
  const pad = (n: number) => String(n).padStart(2, "0");
  return {
    day: `${p.year}-${pad(p.month)}-${pad(p.day)}`,
    dueAt: Date.UTC(p.year, p.month - 1, p.day, hour) - offset,
  };
}

const formats = new Map<string, Intl.DateTimeFormat>();

function localParts(at: number, timeZone: string) {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((x) => [x.type, Number(x.value)]));
  return {
    year: parts.year as number,
    month: parts.month as number,
    day: parts.day as number,
    hour: parts.hour as number,
    minute: parts.minute as number,
    second: parts.second as number,
  };
}
