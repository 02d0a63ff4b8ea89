import { type ReportKind, reportPeriodBounds } from "@hailong/protocol";

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

/** The kind, label and bounds of a validated period (yyyy-mm, yyyy-Qn, yyyy) in Ho Chi Minh City time. Pure. */
export function reportPeriod(period: string): ReportPeriod {
  const year = period.slice(0, 4);
  const bounds = reportPeriodBounds(period);
  const quarter = /^\d{4}-Q([1-4])$/.exec(period);
  if (quarter) {
    const label = `quý ${ROMAN[Number(quarter[1]) - 1]}/${year}`;
    return { kind: "quarterly", period, label, bucket: "month", ...bounds };
  }
  if (period.length === 4) return { kind: "yearly", period, label: `năm ${year}`, bucket: "month", ...bounds };
  return { kind: "monthly", period, label: `tháng ${period.slice(5, 7)}/${year}`, bucket: "day", ...bounds };
}

/** The period that contains `ms` (Ho Chi Minh City time) for each kind of report. */
export function periodOf(kind: ReportKind, ms: number): string {
  const local = new Date(ms + UTC_OFFSET_MS).toISOString();
  const year = local.slice(0, 4);
  if (kind === "yearly") return year;
  if (kind === "quarterly") return `${year}-Q${Math.floor((Number(local.slice(5, 7)) - 1) / 3) + 1}`;
  return local.slice(0, 7);
}
