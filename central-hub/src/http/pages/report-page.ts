import { MonthlyReportParamsSchema } from "@hailong/protocol";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { RouteContext } from "../build-app.js";
import { buildMonthlyReport } from "../monthly-report.js";
import { formatVietnamDateTime, monthlyReportWorkbook } from "../report-xlsx.js";
import { canSeeCentre, scopeDirectory } from "../scope.js";
import { escapeHtml, page } from "./html.js";

const LEVEL_LABELS = {
  very_satisfied: "Rất hài lòng",
  satisfied: "Hài lòng",
  neutral: "Bình thường",
  dissatisfied: "Không hài lòng",
};

function pct(value: number): string {
  return `${Math.round(value * 100)}%`;
}

/** GET /reports/monthly/:centreId/:yyyy-mm : a printable page (session cookie required). */
export function registerReportPage(app: FastifyInstance, ctx: RouteContext): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get(
      "/reports/monthly/:centreId/:month",
      { schema: { hide: true, params: MonthlyReportParamsSchema } },
      async (request, reply) => {
        const auth = await ctx.auth.authenticate(request);
        const html = (code: number, title: string, body: string) =>
          reply.code(code).header("content-type", "text/html; charset=utf-8").send(page(title, body));
        if (!auth)
          return html(401, "Đăng nhập", `<h1>Vui lòng đăng nhập</h1><p><a href="/">Mở bảng điều khiển</a></p>`);
        const { centreId, month } = request.params;
        if (!canSeeCentre(auth.user, centreId))
          return html(403, "Không có quyền", "<h1>Không có quyền xem trung tâm này</h1>");
        const directory = scopeDirectory(auth.user, await ctx.deps.directory.snapshot());
        if (!directory.centres.some((c) => c.id === centreId))
          return html(404, "Không tìm thấy", "<h1>Không tìm thấy trung tâm</h1>");
        const report = await buildMonthlyReport({ ...ctx.deps, now: ctx.now }, directory, centreId, month);
        const score = (s: number | null) => (s === null ? "—" : s.toFixed(1));
        const shareCells = (shares: Record<keyof typeof LEVEL_LABELS, number>) =>
          (Object.keys(LEVEL_LABELS) as Array<keyof typeof LEVEL_LABELS>)
            .map((k) => `<td>${pct(shares[k])}</td>`)
            .join("");
        const head = `<tr><th></th><th>Lượt</th><th>Chỉ số</th>${Object.values(LEVEL_LABELS)
          .map((l) => `<th>${l}</th>`)
          .join("")}<th>Sự cố</th></tr>`;
        const rows = report.byCounter
          .map(
            (c) =>
              `<tr><td>${escapeHtml(c.counterName)}<br><small>${escapeHtml(c.departmentName ?? "")}</small></td><td>${c.visits}</td><td>${score(c.score)}</td>${shareCells(c.shares)}<td>${c.incidents}</td></tr>`,
          )
          .join("");
        const days = report.byDay
          .filter((d) => d.visits > 0)
          .map(
            (d) =>
              `<tr><td>${formatVietnamDateTime(d.bucketStart).slice(0, 10)}</td><td>${d.visits}</td><td>${score(d.score)}</td><td>${d.incidents}</td></tr>`,
          )
          .join("");
        const ack = report.medianAckMs === null ? "—" : `${Math.round(report.medianAckMs / 60_000)} phút`;
        const body = `<header class="national"><p><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></p><p><b>Độc lập - Tự do - Hạnh phúc</b></p></header>
<h1>Báo cáo tháng ${escapeHtml(month)} — ${escapeHtml(report.centreName)}</h1>
<p>Tổng lượt: <b>${report.total.visits}</b> · Tỷ lệ hài lòng: <b>${report.total.satisfactionRate === null ? "—" : `${report.total.satisfactionRate} %`}</b> · Chỉ số (0–100, bình thường = 50): <b>${score(report.total.score)}</b> · Sự cố: <b>${report.total.incidents}</b> (đã xác nhận ${report.acknowledgedIncidents}, trung vị thời gian xác nhận ${ack})</p>
<h2>Theo quầy</h2><table>${head}${rows}<tr><th>Tổng</th><td>${report.total.visits}</td><td>${score(report.total.score)}</td>${shareCells(report.total.shares)}<td>${report.total.incidents}</td></tr></table>
<h2>Theo ngày</h2><table><tr><th>Ngày</th><th>Lượt</th><th>Chỉ số</th><th>Sự cố</th></tr>${days || '<tr><td colspan="4">Không có dữ liệu</td></tr>'}</table>
<p class="muted">Lập lúc ${escapeHtml(formatVietnamDateTime(report.generatedAt))} (giờ Việt Nam)</p>
<table class="signatures"><tr><td><b>NGƯỜI LẬP BÁO CÁO</b><br><i>(Ký, ghi rõ họ tên)</i></td><td><b>THỦ TRƯỞNG ĐƠN VỊ</b><br><i>(Ký, ghi rõ họ tên, đóng dấu)</i></td></tr></table>`;
        return html(200, `Báo cáo ${month}`, body);
      },
    );

  app
    .withTypeProvider<ZodTypeProvider>()
    .get(
      "/reports/monthly/:centreId/:month/xlsx",
      { schema: { hide: true, params: MonthlyReportParamsSchema } },
      async (request, reply) => {
        const auth = await ctx.auth.authenticate(request);
        if (!auth) return reply.code(401).send({ error: { code: "unauthorized", message: "Vui lòng đăng nhập" } });
        const { centreId, month } = request.params;
        if (!canSeeCentre(auth.user, centreId))
          return reply.code(403).send({ error: { code: "forbidden", message: "Không có quyền xem trung tâm này" } });
        const directory = scopeDirectory(auth.user, await ctx.deps.directory.snapshot());
        const report = await buildMonthlyReport({ ...ctx.deps, now: ctx.now }, directory, centreId, month);
        const buffer = await monthlyReportWorkbook(report).xlsx.writeBuffer();
        return reply
          .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
          .header("content-disposition", `attachment; filename="bao-cao-${centreId}-${month}.xlsx"`)
          .send(Buffer.from(buffer));
      },
    );
}
