import { formatVietnamDateTime, type Period, type SatisfactionLevel } from "@hailong/protocol";
import type { MessageKey } from "../i18n/messages.js";

const DAY_MS = 86_400_000;
/** Ho Chi Minh City time (protocol's CENTRE_TIME_ZONE) is UTC+7 all year, no DST. */
const CENTRE_OFFSET_MS = 7 * 3_600_000;

export const LEVEL_KEYS: Record<SatisfactionLevel, MessageKey> = {
  very_satisfied: "level.very_satisfied",
  satisfied: "level.satisfied",
  neutral: "level.neutral",
  dissatisfied: "level.dissatisfied",
};

/** dd/mm/yyyy HH:mm, 24 h, in the centre's time zone, in both languages; "—" for no time. */
export function formatDateTime(ms: number | null): string {
  return ms === null ? "—" : formatVietnamDateTime(ms);
}

export function formatScore(score: number | null, locale: string): string {
  return score === null ? "—" : score.toLocaleString(locale, { maximumFractionDigits: 0 });
}

/** A 0..100 rate such as tỷ lệ hài lòng: "87,5 %"; "—" when there were no visits. */
export function formatRate(rate: number | null, locale: string): string {
  return rate === null ? "—" : `${rate.toLocaleString(locale, { maximumFractionDigits: 1 })} %`;
}

export function formatPercent(share: number, locale: string): string {
  return share.toLocaleString(locale, { style: "percent", maximumFractionDigits: 0 });
}

/** yyyy-mm-dd of the centre's day that contains `ms` (a day key; never shown to a user). */
export function localIsoDate(ms: number): string {
  return new Date(ms + CENTRE_OFFSET_MS).toISOString().slice(0, 10);
}

/** The centre's midnight of a yyyy-mm-dd day, or undefined when invalid. */
export function fromLocalIsoDate(value: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return undefined;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - CENTRE_OFFSET_MS;
}

/** dd/mm/yyyy of the centre's day that contains `ms`, as Vietnamese write dates. */
export function formatDayMonthYear(ms: number): string {
  return localIsoDate(ms).split("-").reverse().join("/");
}

/**
 * The centre's midnight of a typed Vietnamese date: dd/mm/yyyy, also d/m/yyyy and with "-" or "." between;
 * undefined when it is not a real day (31/02/2026) or not in that order.
 */
export function parseDayMonthYear(text: string): number | undefined {
  const m = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$/.exec(text);
  if (!m) return undefined;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = Date.UTC(year, month - 1, day);
  const check = new Date(utc);
  if (year < 2000 || check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return undefined;
  return utc - CENTRE_OFFSET_MS;
}

/** The time range a trend chart shows for each bucket size. */
export function trendRange(period: Period, now: number): { from: number; to: number } {
  const span = { hour: DAY_MS, day: 30 * DAY_MS, week: 12 * 7 * DAY_MS, month: 365 * DAY_MS }[period];
  return { from: now - span, to: now };
}

/** Default period filter: the last 7 days up to the end of today. */
export function defaultRange(now: number): { from: number; to: number } {
  const today = fromLocalIsoDate(localIsoDate(now))!;
  return { from: today - 6 * DAY_MS, to: today + DAY_MS };
}

export const ONE_DAY_MS = DAY_MS;
