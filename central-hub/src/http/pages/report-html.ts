import { formatVietnamDateTime, type PeriodReport, type SatisfactionSummary } from "@hailong/protocol";
import {
  formatBucket,
  INCIDENT_HEADERS,
  incidentCells,
  NATIONAL_HEADER,
  outcomeSummary,
  reportTitle,
  SUMMARY_HEADERS,
  summaryCells,
} from "../report-words.js";
import { escapeHtml, page } from "./html.js";

/** Wide tables scroll inside their own box on a phone; paper gets the whole width. */
const REPORT_STYLE = `body{max-width:60rem}.national{text-align:center}.national p{margin:.1rem}.wrap{overflow-x:auto;max-width:100%}
table{font-size:.85rem}td,th{white-space:nowrap}td.note{white-space:normal}.signatures td{white-space:normal;border:0;text-align:center;width:50%;padding-top:1rem;height:6rem;vertical-align:top}
@media print{body{max-width:none;font-size:10pt}.wrap{overflow:visible}a{display:none}}`;

function cell(value: string | number | null): string {
  return `<td>${value === null ? "—" : escapeHtml(typeof value === "number" ? value.toLocaleString("vi-VN") : value)}</td>`;
}

function summaryTable(
  first: string,
  rows: Array<{ name: string; sub?: string | null; s: SatisfactionSummary }>,
): string {
  const head = `<tr><th>${escapeHtml(first)}</th>${SUMMARY_HEADERS.map((h) => `<th>${h}</th>`).join("")}</tr>`;
  const body = rows
    .map(
      (r) =>
        `<tr><td>${escapeHtml(r.name)}${r.sub ? `<br><small>${escapeHtml(r.sub)}</small>` : ""}</td>${summaryCells(r.s).map(cell).join("")}</tr>`,
    )
    .join("");
  return `<div class="wrap"><table>${head}${body || `<tr><td colspan="9">Không có dữ liệu</td></tr>`}</table></div>`;
}

/** The printable report (month, quarter or year): the page a ward files, and the source of its PDF. Pure. */
export function renderReportPage(report: PeriodReport): string {
  const t = report.total;
  const ack = report.medianAckMs === null ? "—" : `${Math.round(report.medianAckMs / 60_000)} phút`;
  const incidents = report.incidents
    .map((i) => {
      const cells = incidentCells(i);
      return `<tr>${cells
        .slice(0, -1)
        .map((c) => cell(c))
        .join("")}<td class="note">${escapeHtml(cells.at(-1))}</td></tr>`;
    })
    .join("");
  const body = `<header class="national">${NATIONAL_HEADER.map((l) => `<p><b>${l}</b></p>`).join("")}</header>
<h1>${escapeHtml(reportTitle(report))}</h1>
<p>Đơn vị: <b>${escapeHtml(report.centreName)}</b><br>Từ ${formatVietnamDateTime(report.from).slice(0, 10)} đến hết ${formatVietnamDateTime(report.to - 1).slice(0, 10)}</p>
<p>Tổng lượt: <b>${t.visits}</b> · Tỷ lệ hài lòng: <b>${t.satisfactionRate === null ? "—" : `${t.satisfactionRate.toLocaleString("vi-VN")} %`}</b> · Chỉ số (0–100): <b>${t.score === null ? "—" : t.score.toLocaleString("vi-VN")}</b> · Cảnh báo: <b>${t.incidents}</b> (đã tiếp nhận ${report.acknowledgedIncidents}, trung vị thời gian tiếp nhận ${ack})</p>
<p class="muted">Tỷ lệ hài lòng = (rất hài lòng + hài lòng) / số lượt; một lượt có cảnh báo được tính là không hài lòng. Chỉ số 0–100 là điểm trung bình theo nét mặt (rất hài lòng 100, hài lòng 75, bình thường 50, không hài lòng 0).</p>
<h2>Theo quầy</h2>${summaryTable("Quầy", [
    ...report.byCounter.map((c) => ({ name: c.counterName, sub: c.departmentName, s: c })),
    { name: "Tổng cộng", s: t },
  ])}
<h2>Theo lĩnh vực</h2>${summaryTable(
    "Lĩnh vực",
    report.byDepartment.map((d) => ({ name: d.departmentName, s: d })),
  )}
${
  report.byOfficial.length === 0
    ? ""
    : `<h2>Theo cán bộ</h2><p class="muted">Theo lịch trực; để hướng dẫn, hỗ trợ cán bộ, không dùng để xử lý kỷ luật, không công bố cho người dân.</p>${summaryTable(
        "Cán bộ",
        report.byOfficial.map((o) => ({ name: o.officialName, s: o })),
      )}`
}
<h2>${report.bucket === "day" ? "Theo ngày" : "Theo tháng"}</h2>${summaryTable(
    report.bucket === "day" ? "Ngày" : "Tháng",
    report.byDay.filter((b) => b.visits > 0).map((b) => ({ name: formatBucket(b.bucketStart, report.bucket), s: b })),
  )}
<h2>Cảnh báo và kết quả xử lý</h2>
<p>${t.incidents} cảnh báo: ${outcomeSummary(report.incidentOutcomes)}.</p>
<div class="wrap"><table><tr>${INCIDENT_HEADERS.map((h) => `<th>${h}</th>`).join("")}</tr>${incidents || `<tr><td colspan="6">Không có cảnh báo</td></tr>`}</table></div>
<p class="muted">Lập lúc ${escapeHtml(formatVietnamDateTime(report.generatedAt))} (giờ Việt Nam)</p>
<table class="signatures"><tr><td><b>NGƯỜI LẬP BÁO CÁO</b><br><i>(Ký, ghi rõ họ tên)</i></td><td><b>THỦ TRƯỞNG ĐƠN VỊ</b><br><i>(Ký, ghi rõ họ tên, đóng dấu)</i></td></tr></table>`;
  return page(reportTitle(report), body, REPORT_STYLE);
}
