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

/** Printed with the officials' table on the page and in the workbook: what per-official figures are for. */
export const OFFICIALS_NOTE =
  "Theo lịch trực; để hướng dẫn, hỗ trợ cán bộ, không dùng để xử lý kỷ luật, không công bố cho người dân.";
