import type { ReportKind } from "@hailong/protocol";

/** Ho Chi Minh City is UTC+7 all year (no DST), so local period bounds are a fixed offset from UTC. */
const UTC_OFFSET_MS = 7 * 60 * 60 * 1000;
const ROMAN = ["I", "II", "III", "IV"];

export interface ReportPeriod {
  kind: ReportKind;
  period: string;
  /** Vietnamese, as a filed report names it: "tháng 11/2026", "quý IV/2026", "năm 2026". */
  label: string;
  from: number;
  to: number;
  /** The trend buckets the report's time table uses. */
  bucket: "day" | "month";
}

/** The bounds of a validated period (yyyy-mm, yyyy-Qn, yyyy) in Ho Chi Minh City time. Pure. */
export function reportPeriod(period: string): ReportPeriod {
  const year = Number(period.slice(0, 4));
  const bounds = (firstMonth: number, months: number) => ({
    from: Date.UTC(year, firstMonth, 1) - UTC_OFFSET_MS,
    to: Date.UTC(year, firstMonth + months, 1) - UTC_OFFSET_MS,
  });
  const quarter = /^\d{4}-Q([1-4])$/.exec(period);
  if (quarter) {
    const q = Number(quarter[1]);
    return {
      kind: "quarterly",
      period,
      label: `quý ${ROMAN[q - 1]}/${year}`,
      bucket: "month",
      ...bounds(3 * (q - 1), 3),
    };
  }
  if (period.length === 4) return { kind: "yearly", period, label: `năm ${year}`, bucket: "month", ...bounds(0, 12) };
  const month = Number(period.slice(5, 7));
  return {
    kind: "monthly",
    period,
    label: `tháng ${period.slice(5, 7)}/${year}`,
    bucket: "day",
    ...bounds(month - 1, 1),
  };
}

/** The period that contains `ms` (Ho Chi Minh City time) for each kind of report. */
export function periodOf(kind: ReportKind, ms: number): string {
  const local = new Date(ms + UTC_OFFSET_MS).toISOString();
  const year = local.slice(0, 4);
  if (kind === "yearly") return year;
  if (kind === "quarterly") return `${year}-Q${Math.floor((Number(local.slice(5, 7)) - 1) / 3) + 1}`;
  return local.slice(0, 7);
}
