import type { PeriodReport } from "@hailong/protocol";
import { type ReportSection, reportModel } from "../report-model.js";
import { OFFICIALS_NOTE } from "../report-words.js";
import { escapeHtml, page } from "./html.js";

/** Wide tables scroll inside their own box on a phone; paper gets the whole width. */
const REPORT_STYLE = `body{max-width:60rem}.national{text-align:center}.national p{margin:.1rem}.wrap{overflow-x:auto;max-width:100%}
table{font-size:.85rem}td,th{white-space:nowrap}td.note{white-space:normal}.signatures td{white-space:normal;border:0;text-align:center;width:50%;padding-top:1rem;height:6rem;vertical-align:top}
@media print{body{max-width:none;font-size:10pt}.wrap{overflow:visible}a{display:none}}`;

function cell(value: string | number | null): string {
  return `<td>${value === null ? "—" : escapeHtml(typeof value === "number" ? value.toLocaleString("vi-VN") : value)}</td>`;
}

function summaryTable(section: ReportSection, headers: readonly string[]): string {
  const head = `<tr><th>${escapeHtml(section.first)}</th>${headers.map((h) => `<th>${h}</th>`).join("")}</tr>`;
  const body = section.rows
    .map(
      (r) =>
        `<tr><td>${escapeHtml(r.name)}${r.sub ? `<br><small>${escapeHtml(r.sub)}</small>` : ""}</td>${r.cells.map(cell).join("")}</tr>`,
    )
    .join("");
  return `<div class="wrap"><table>${head}${body || `<tr><td colspan="9">Không có dữ liệu</td></tr>`}</table></div>`;
}

function sectionHtml(section: ReportSection, headers: readonly string[]): string {
  const note = section.kind === "officials" ? `<p class="muted">${OFFICIALS_NOTE}</p>` : "";
  return `<h2>${section.title}</h2>${note}${summaryTable(section, headers)}`;
}

/** The printable report (month, quarter or year): the page a ward files, and the source of its PDF. Pure. */
export function renderReportPage(report: PeriodReport): string {
  const m = reportModel(report);
  const t = report.total;
  const ack = report.medianAckMs === null ? "—" : `${Math.round(report.medianAckMs / 60_000)} phút`;
  // the last cell, the note, may wrap
  const incidents = m.incidents
    .map(
      (cells) => `<tr>${cells.slice(0, -1).map(cell).join("")}<td class="note">${escapeHtml(cells.at(-1))}</td></tr>`,
    )
    .join("");
  const body = `<header class="national">${m.nationalHeader.map((l) => `<p><b>${l}</b></p>`).join("")}</header>
<h1>${escapeHtml(m.title)}</h1>
<p>Đơn vị: <b>${escapeHtml(report.centreName)}</b><br>${m.period}</p>
<p>Tổng lượt: <b>${t.visits}</b> · Tỷ lệ hài lòng: <b>${t.satisfactionRate === null ? "—" : `${t.satisfactionRate.toLocaleString("vi-VN")} %`}</b> · Chỉ số (0–100): <b>${t.score === null ? "—" : t.score.toLocaleString("vi-VN")}</b> · Cảnh báo: <b>${t.incidents}</b> (đã tiếp nhận ${report.acknowledgedIncidents}, trung vị thời gian tiếp nhận ${ack})</p>
<p class="muted">Tỷ lệ hài lòng = (rất hài lòng + hài lòng) / số lượt; một lượt có cảnh báo được tính là không hài lòng. Chỉ số 0–100 là điểm trung bình theo nét mặt (rất hài lòng 100, hài lòng 75, bình thường 50, không hài lòng 0).</p>
${m.sections.map((s) => sectionHtml(s, m.summaryHeaders)).join("\n")}
<h2>Cảnh báo và kết quả xử lý</h2>
<p>${t.incidents} cảnh báo: ${m.outcomes}.</p>
<div class="wrap"><table><tr>${m.incidentHeaders.map((h) => `<th>${h}</th>`).join("")}</tr>${incidents || `<tr><td colspan="6">Không có cảnh báo</td></tr>`}</table></div>
<p class="muted">${escapeHtml(m.generated)}</p>
<table class="signatures"><tr>${m.signatures.map((s) => `<td><b>${s.title}</b><br><i>${s.hint}</i></td>`).join("")}</tr></table>`;
  return page(m.title, body, REPORT_STYLE);
}
