import type { ReportKind } from "@hailong/protocol";

const CENTRE_OFFSET_MS = 7 * 3_600_000;
const ROMAN = ["I", "II", "III", "IV"];

export interface ReportPeriodOption {
  /** yyyy-mm, yyyy-Qn or yyyy, as the hub's report routes take it. */
  value: string;
  /** "11/2026", "IV/2026", "2026": read after the kind's own word (Tháng, Quý, Năm). */
  label: string;
}

/** The periods a report can be asked for, newest first, in Ho Chi Minh City time (no browser month names). Pure. */
export function reportPeriodOptions(kind: ReportKind, now: number): ReportPeriodOption[] {
  const local = new Date(now + CENTRE_OFFSET_MS);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth();
  if (kind === "yearly") return [0, 1, 2].map((k) => ({ value: String(year - k), label: String(year - k) }));
  if (kind === "quarterly") {
    const current = year * 4 + Math.floor(month / 3);
    return [0, 1, 2, 3, 4].map((k) => {
      const y = Math.floor((current - k) / 4);
      const q = ((current - k) % 4) + 1;
      return { value: `${y}-Q${q}`, label: `${ROMAN[q - 1]}/${y}` };
    });
  }
  return Array.from({ length: 13 }, (_, k) => {
    const index = year * 12 + month - k;
    const y = Math.floor(index / 12);
    const m = String((index % 12) + 1).padStart(2, "0");
    return { value: `${y}-${m}`, label: `${m}/${y}` };
  });
}
