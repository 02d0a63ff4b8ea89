import type { PeriodReport } from "@hailong/protocol";
import ExcelJS from "exceljs";
import { reportModel } from "./report-model.js";
import { OFFICIALS_NOTE } from "./report-words.js";

/** The report (month, quarter or year) as an .xlsx workbook (one sheet), with the national header; pure apart from exceljs. */
export function reportWorkbook(report: PeriodReport): ExcelJS.Workbook {
  const m = reportModel(report);
  const book = new ExcelJS.Workbook();
  book.created = new Date(report.generatedAt);
  const sheet = book.addWorksheet("Báo cáo");
  const bold = (cells: unknown[], size?: number) => {
    sheet.addRow(cells).font = size ? { bold: true, size } : { bold: true };
  };
  for (const line of m.nationalHeader) bold([line]);
  sheet.addRow([]);
  bold([m.title], 14);
  sheet.addRow([`Đơn vị: ${report.centreName}`]);
  sheet.addRow([m.period]);
  sheet.addRow([]);
  for (const section of m.sections) {
    bold([section.title]);
    if (section.kind === "officials") sheet.addRow([OFFICIALS_NOTE]);
    bold([section.first, section.kind === "counters" ? "Lĩnh vực" : "", ...m.summaryHeaders]);
    for (const row of section.rows) {
      const cells = [row.name, row.sub ?? "", ...row.cells];
      if (row.total) bold(cells);
      else sheet.addRow(cells);
    }
    sheet.addRow([]);
  }
  bold([`Cảnh báo và kết quả xử lý (${report.total.incidents}: ${m.outcomes})`]);
  bold([...m.incidentHeaders]);
  for (const cells of m.incidents) sheet.addRow(cells);
  sheet.addRow([]);
  sheet.addRow([m.generated]);
  const [left, right] = m.signatures;
  bold([left.title, "", "", "", "", right.title]);
  sheet.addRow([left.hint, "", "", "", "", right.hint]);
  sheet.getColumn(1).width = 28;
  sheet.getColumn(2).width = 18;
  return book;
}
