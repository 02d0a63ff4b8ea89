import { formatVietnamDateTime, type PeriodReport } from "@hailong/protocol";
import ExcelJS from "exceljs";
import {
  formatBucket,
  INCIDENT_HEADERS,
  incidentCells,
  NATIONAL_HEADER,
  outcomeSummary,
  reportTitle,
  SUMMARY_HEADERS,
  summaryCells,
} from "./report-words.js";

/** The report (month, quarter or year) as an .xlsx workbook (one sheet), with the national header; pure apart from exceljs. */
export function reportWorkbook(report: PeriodReport): ExcelJS.Workbook {
  const book = new ExcelJS.Workbook();
  book.created = new Date(report.generatedAt);
  const sheet = book.addWorksheet("Báo cáo");
  const bold = (cells: unknown[], size?: number) => {
    sheet.addRow(cells).font = size ? { bold: true, size } : { bold: true };
  };
  for (const line of NATIONAL_HEADER) bold([line]);
  sheet.addRow([]);
  bold([reportTitle(report)], 14);
  sheet.addRow([`Đơn vị: ${report.centreName}`]);
  sheet.addRow([
    `Từ ${formatVietnamDateTime(report.from).slice(0, 10)} đến hết ${formatVietnamDateTime(report.to - 1).slice(0, 10)}`,
  ]);
  sheet.addRow([]);
  bold(["Theo quầy"]);
  bold(["Quầy", "Lĩnh vực", ...SUMMARY_HEADERS]);
  for (const c of report.byCounter) sheet.addRow([c.counterName, c.departmentName ?? "", ...summaryCells(c)]);
  bold(["Tổng cộng", "", ...summaryCells(report.total)]);
  sheet.addRow([]);
  bold(["Theo lĩnh vực"]);
  bold(["Lĩnh vực", "", ...SUMMARY_HEADERS]);
  for (const d of report.byDepartment) sheet.addRow([d.departmentName, "", ...summaryCells(d)]);
  sheet.addRow([]);
  if (report.byOfficial.length > 0) {
    bold(["Theo cán bộ (để hướng dẫn, hỗ trợ; không công bố cho người dân)"]);
    bold(["Cán bộ", "", ...SUMMARY_HEADERS]);
    for (const o of report.byOfficial) sheet.addRow([o.officialName, "", ...summaryCells(o)]);
    sheet.addRow([]);
  }
  bold([report.bucket === "day" ? "Theo ngày" : "Theo tháng"]);
  bold([report.bucket === "day" ? "Ngày" : "Tháng", "", ...SUMMARY_HEADERS]);
  for (const b of report.byDay.filter((p) => p.visits > 0))
    sheet.addRow([formatBucket(b.bucketStart, report.bucket), "", ...summaryCells(b)]);
  sheet.addRow([]);
  bold([`Cảnh báo và kết quả xử lý (${report.total.incidents}: ${outcomeSummary(report.incidentOutcomes)})`]);
  bold(INCIDENT_HEADERS);
  for (const i of report.incidents) sheet.addRow(incidentCells(i));
  sheet.addRow([]);
  sheet.addRow([`Lập lúc ${formatVietnamDateTime(report.generatedAt)} (giờ Việt Nam)`]);
  bold(["NGƯỜI LẬP BÁO CÁO", "", "", "", "", "THỦ TRƯỞNG ĐƠN VỊ"]);
  sheet.addRow(["(Ký, ghi rõ họ tên)", "", "", "", "", "(Ký, ghi rõ họ tên, đóng dấu)"]);
  sheet.getColumn(1).width = 28;
  sheet.getColumn(2).width = 18;
  return book;
}
