import type { PeriodReport } from "@hailong/protocol";
import ExcelJS from "exceljs";
import {
  generatedLine,
  INCIDENT_HEADERS,
  incidentCells,
  NATIONAL_HEADER,
  outcomeSummary,
  periodLine,
  reportSections,
  reportTitle,
  SIGNATURES,
  SUMMARY_HEADERS,
  summaryCells,
} from "./report-words.js";

/** The workbook's shorter word on the officials' table (the page prints the full note under its heading). */
const OFFICIALS_HINT = "(để hướng dẫn, hỗ trợ; không công bố cho người dân)";

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
  sheet.addRow([periodLine(report)]);
  sheet.addRow([]);
  for (const section of reportSections(report)) {
    bold([section.kind === "officials" ? `${section.title} ${OFFICIALS_HINT}` : section.title]);
    bold([section.first, section.kind === "counters" ? "Lĩnh vực" : "", ...SUMMARY_HEADERS]);
    for (const row of section.rows) {
      const cells = [row.name, row.sub ?? "", ...summaryCells(row.summary)];
      if (row.total) bold(cells);
      else sheet.addRow(cells);
    }
    sheet.addRow([]);
  }
  bold([`Cảnh báo và kết quả xử lý (${report.total.incidents}: ${outcomeSummary(report.incidentOutcomes)})`]);
  bold(INCIDENT_HEADERS);
  for (const i of report.incidents) sheet.addRow(incidentCells(i));
  sheet.addRow([]);
  sheet.addRow([generatedLine(report)]);
  const [left, right] = SIGNATURES;
  bold([left.title, "", "", "", "", right.title]);
  sheet.addRow([left.hint, "", "", "", "", right.hint]);
  sheet.getColumn(1).width = 28;
  sheet.getColumn(2).width = 18;
  return book;
}
