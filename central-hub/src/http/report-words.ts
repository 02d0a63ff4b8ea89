import {
  formatVietnamDateTime,
  type IncidentOutcome,
  type PeriodReport,
  type ReportIncident,
  type SatisfactionLevel,
  type SatisfactionSummary,
} from "@hailong/protocol";

/** Words and formats a filed report uses, shared by its printable page and its .xlsx. Pure. */
export const NATIONAL_HEADER = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"] as const;

export const LEVEL_LABELS: Record<SatisfactionLevel, string> = {
  very_satisfied: "Rất hài lòng",
  satisfied: "Hài lòng",
  neutral: "Bình thường",
  dissatisfied: "Không hài lòng",
};

export const SUMMARY_HEADERS = [
  "Lượt phục vụ",
  "Rất hài lòng",
  "Hài lòng",
  "Bình thường",
  "Không hài lòng",
  "Tỷ lệ hài lòng (%)",
  "Chỉ số (0–100)",
  "Cảnh báo",
] as const;

export function summaryCells(s: SatisfactionSummary): Array<number | null> {
  const c = s.levelCounts;
  return [s.visits, c.very_satisfied, c.satisfied, c.neutral, c.dissatisfied, s.satisfactionRate, s.score, s.incidents];
}

export const INCIDENT_HEADERS = ["Thời điểm", "Quầy", "Kéo dài (giây)", "Kết quả xử lý", "Người tiếp nhận", "Ghi chú"];

const OUTCOME_LABELS: Record<IncidentOutcome, string> = {
  handled: "Đã xử lý",
  "false-alarm": "Báo động nhầm",
  "no-action": "Không cần xử lý",
};

export function outcomeLabel(i: Pick<ReportIncident, "status" | "outcome">): string {
  if (i.status === "open") return "Chưa tiếp nhận";
  return i.outcome ? OUTCOME_LABELS[i.outcome] : "Đã tiếp nhận";
}

export function incidentCells(i: ReportIncident): Array<string | number> {
  return [
    formatVietnamDateTime(i.raisedAt),
    i.counterName,
    Math.round(i.durationMs / 1000),
    outcomeLabel(i),
    i.acknowledgedBy ?? "",
    i.note ?? "",
  ];
}

export function outcomeSummary(o: PeriodReport["incidentOutcomes"]): string {
  return `đã xử lý ${o.handled}, báo động nhầm ${o.falseAlarm}, không cần xử lý ${o.noAction}, tiếp nhận không ghi kết quả ${o.unstated}, chưa tiếp nhận ${o.open}`;
}

export function reportTitle(report: Pick<PeriodReport, "periodLabel">): string {
  return `BÁO CÁO MỨC ĐỘ HÀI LÒNG ${report.periodLabel.toUpperCase()}`;
}

/** A bucket of the report's time table: dd/mm/yyyy for days, mm/yyyy for months. */
export function formatBucket(ms: number, bucket: PeriodReport["bucket"]): string {
  const date = formatVietnamDateTime(ms).slice(0, 10);
  return bucket === "day" ? date : date.slice(3);
}

/** "Từ dd/mm/yyyy đến hết dd/mm/yyyy": the days the report covers. */
export function periodLine(report: Pick<PeriodReport, "from" | "to">): string {
  return `Từ ${formatVietnamDateTime(report.from).slice(0, 10)} đến hết ${formatVietnamDateTime(report.to - 1).slice(0, 10)}`;
}

export function generatedLine(report: Pick<PeriodReport, "generatedAt">): string {
  return `Lập lúc ${formatVietnamDateTime(report.generatedAt)} (giờ Việt Nam)`;
}

/** The two signature blocks at the foot of a filed report: who signs, and the hint under it. */
export const SIGNATURES = [
  { title: "NGƯỜI LẬP BÁO CÁO", hint: "(Ký, ghi rõ họ tên)" },
  { title: "THỦ TRƯỞNG ĐƠN VỊ", hint: "(Ký, ghi rõ họ tên, đóng dấu)" },
] as const;

export interface ReportRow {
  name: string;
  /** The counter's department, under its name. */
  sub?: string | null;
  summary: SatisfactionSummary;
  total?: boolean;
}

/** One summary table of a report: its heading, the first column's header and its rows. */
export interface ReportSection {
  kind: "counters" | "departments" | "officials" | "buckets";
  title: string;
  first: string;
  rows: ReportRow[];
}

/** The report's summary tables in the order both its page and its workbook print them (officials only when rostered). */
export function reportSections(report: PeriodReport): ReportSection[] {
  const days = report.bucket === "day";
  const sections: ReportSection[] = [
    {
      kind: "counters",
      title: "Theo quầy",
      first: "Quầy",
      rows: [
        ...report.byCounter.map((c) => ({ name: c.counterName, sub: c.departmentName, summary: c })),
        { name: "Tổng cộng", summary: report.total, total: true },
      ],
    },
    {
      kind: "departments",
      title: "Theo lĩnh vực",
      first: "Lĩnh vực",
      rows: report.byDepartment.map((d) => ({ name: d.departmentName, summary: d })),
    },
  ];
  if (report.byOfficial.length > 0) {
    const rows = report.byOfficial.map((o) => ({ name: o.officialName, summary: o }));
    sections.push({ kind: "officials", title: "Theo cán bộ", first: "Cán bộ", rows });
  }
  const buckets = report.byDay.filter((b) => b.visits > 0);
  sections.push({
    kind: "buckets",
    title: days ? "Theo ngày" : "Theo tháng",
    first: days ? "Ngày" : "Tháng",
    rows: buckets.map((b) => ({ name: formatBucket(b.bucketStart, report.bucket), summary: b })),
  });
  return sections;
}
