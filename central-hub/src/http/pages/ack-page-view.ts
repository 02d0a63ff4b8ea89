import { ACK_NOTE_MAX_CHARS, type IncidentDto } from "@hailong/protocol";
import { escapeHtml, formatLocalTime } from "./html.js";

/** What the acknowledge page shows besides the incident (pure: the route gathers it). */
export interface AckPageView {
  incident: IncidentDto;
  token: string;
  personName: string;
  centreName: string;
  /** The field in Vietnamese (the counter's department name), never a slug. */
  fieldName: string;
  /** The counter's other open incidents, newest first. */
  otherOpen: IncidentDto[];
  timeZone: string;
  /** A Vietnamese message to show above the form (e.g. a refused note), if any. */
  problem?: string;
}

const OUTCOMES: Array<[string, string]> = [
  ["handled", "Đã xử lý"],
  ["false-alarm", "Báo nhầm: công dân không bực bội"],
  ["no-action", "Có thật nhưng không cần xử lý"],
];

/** "khá rõ" etc.: how sure the camera was, in words, next to the percentage. */
function certaintyWords(peak: number): string {
  if (peak >= 0.85) return "rất rõ";
  if (peak >= 0.7) return "rõ";
  if (peak >= 0.55) return "khá rõ";
  return "thoáng qua";
}

function minutesOrSeconds(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} giây` : `${Math.floor(s / 60)} phút${s % 60 ? ` ${s % 60} giây` : ""}`;
}

function ackForm(v: AckPageView): string {
  const radios = OUTCOMES.map(
    ([value, label], i) =>
      `<label class="outcome"><input type="radio" name="outcome" value="${value}"${i === 0 ? " checked" : ""}> ${label}</label>`,
  ).join("");
  return `<form method="post" action="/a/${escapeHtml(v.token)}"><fieldset><legend>Kết quả khi kiểm tra</legend>${radios}</fieldset><p><label>Ghi chú (không bắt buộc, tối đa ${ACK_NOTE_MAX_CHARS.toLocaleString("vi-VN")} ký tự)<br><textarea name="note" rows="3"></textarea></label></p><button type="submit">Xác nhận đã tiếp nhận</button></form>`;
}

function acknowledged(i: IncidentDto, tz: string): string {
  const outcome = OUTCOMES.find(([value]) => value === i.outcome)?.[1];
  return `<p class="ok"><b>Đã xác nhận</b> bởi ${escapeHtml(i.acknowledgedBy)} lúc ${escapeHtml(formatLocalTime(i.acknowledgedAt ?? 0, tz))}${outcome ? `<br>Kết quả: ${escapeHtml(outcome)}` : ""}${i.ackNote ? `<br>Ghi chú: ${escapeHtml(i.ackNote)}` : ""}</p>`;
}

export function renderAckPage(v: AckPageView): string {
  const i = v.incident;
  const tz = v.timeZone;
  const others = v.otherOpen.length
    ? `<h2>Sự cố khác chưa xác nhận tại quầy này</h2><ul>${v.otherOpen
        .map((o) => `<li>${escapeHtml(formatLocalTime(o.onset, tz))}, ${minutesOrSeconds(o.durationMs)}</li>`)
        .join("")}</ul>`
    : "";
  const problem = v.problem ? `<p class="bad" role="alert">${escapeHtml(v.problem)}</p>` : "";
  return `<h1>${i.test ? "[THỬ NGHIỆM, không có công dân] " : ""}Công dân không hài lòng</h1>
<p><b>${escapeHtml(i.counterName)}</b> · ${escapeHtml(v.fieldName)}<br>${escapeHtml(v.centreName)}</p>
<p>Từ ${escapeHtml(formatLocalTime(i.onset, tz))}, công dân trông không hài lòng tổng cộng ${minutesOrSeconds(i.durationMs)}${i.episodes > 1 ? ` (${i.episodes} lần)` : ""}${i.endedAt ? ", nay đã rời quầy" : ""}.<br>Camera nhận ra vẻ không hài lòng ${certaintyWords(i.peak)} (mức cao nhất ${Math.round(i.peak * 100)} %).</p>
<p><b>Việc cần làm:</b> đến quầy hoặc gọi cán bộ tại quầy, hỏi công dân cần hỗ trợ gì.</p>
${problem}${i.status === "acknowledged" ? acknowledged(i, tz) : ackForm(v)}
${others}<p><a href="/">Mở trang giám sát</a></p>
<p class="muted">Người nhận: ${escapeHtml(v.personName)}</p>`;
}
