import type { MonthlyReport, SatisfactionSummary } from "@hailong/protocol";
import ExcelJS from "exceljs";

/** Column headers of the report's tables, in Vietnamese as filed. */
const SUMMARY_HEADERS = [
  "Lượt phục vụ",
  "Rất hài lòng",
  "Hài lòng",
  "Bình thường",
  "Không hài lòng",
  "Tỷ lệ hài lòng (%)",
  "Chỉ số (0–100)",
  "Cảnh báo",
];

function summaryCells(s: SatisfactionSummary): Array<number | null> {
  const c = s.levelCounts;
  return [s.visits, c.very_satisfied, c.satisfied, c.neutral, c.dissatisfied, s.satisfactionRate, s.score, s.incidents];
}

/** dd/mm/yyyy HH:mm (24 h) in Asia/Ho_Chi_Minh. */
export function formatVietnamDateTime(ms: number): string {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Asia/Ho_Chi_Minh",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("day")}/${get("month")}/${get("year")} ${get("hour")}:${get("minute")}`;
}

/** The monthly report as an .xlsx workbook (one sheet), with the national header; pure apart from exceljs. */
export function monthlyReportWorkbook(report: MonthlyReport): ExcelJS.Workbook {
  const book = new ExcelJS.Workbook();
  book.created = new Date(report.generatedAt);
  const sheet = book.addWorksheet("Báo cáo");
  const [year, month] = report.month.split("-");
  sheet.addRow(["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]).font = { bold: true };
  sheet.addRow(["Độc lập - Tự do - Hạnh phúc"]).font = { bold: true };
  sheet.addRow([]);
  sheet.addRow([`BÁO CÁO MỨC ĐỘ HÀI LÒNG THÁNG ${month}/${year}`]).font = { bold: true, size: 14 };
  sheet.addRow([`Đơn vị: ${report.centreName}`]);
  sheet.addRow([]);
  sheet.addRow(["Theo quầy"]).font = { bold: true };
  sheet.addRow(["Quầy", "Lĩnh vực", ...SUMMARY_HEADERS]).font = { bold: true };
  for (const c of report.byCounter) sheet.addRow([c.counterName, c.departmentName ?? "", ...summaryCells(c)]);
  sheet.addRow(["Tổng cộng", "", ...summaryCells(report.total)]).font = { bold: true };
  sheet.addRow([]);
  sheet.addRow(["Theo lĩnh vực"]).font = { bold: true };
  sheet.addRow(["Lĩnh vực", "", ...SUMMARY_HEADERS]).font = { bold: true };
  for (const d of report.byDepartment) sheet.addRow([d.departmentName, "", ...summaryCells(d)]);
  sheet.addRow([]);
  sheet.addRow([`Lập lúc ${formatVietnamDateTime(report.generatedAt)} (giờ Việt Nam)`]);
  sheet.addRow(["NGƯỜI LẬP BÁO CÁO", "", "", "", "", "THỦ TRƯỞNG ĐƠN VỊ"]).font = { bold: true };
  sheet.addRow(["(Ký, ghi rõ họ tên)", "", "", "", "", "(Ký, ghi rõ họ tên, đóng dấu)"]);
  sheet.getColumn(1).width = 28;
  sheet.getColumn(2).width = 18;
  return book;
}
