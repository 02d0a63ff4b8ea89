import { type PeriodReport, ReportParamsSchema } from "@hailong/protocol";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { RouteContext } from "../build-app.js";
import { readsOfficialFigures } from "../official-ranking.js";
import { buildPeriodReport } from "../period-report.js";
import { canPrintPdf, printPdf } from "../report-pdf.js";
import { reportWorkbook } from "../report-xlsx.js";
import { canSeeCentre, scopeDirectory } from "../scope.js";
import { page } from "./html.js";
import { renderReportPage } from "./report-html.js";

type Format = "html" | "xlsx" | "pdf";

const CONTENT_TYPES: Record<Format, string> = {
  html: "text/html; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
};

/** The report as its printable page, its .xlsx or its PDF (session cookie required; answers in Vietnamese). */
async function sendReport(
  ctx: RouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  params: { centreId: string; period: string },
  format: Format,
): Promise<FastifyReply> {
  const refuse = (code: number, title: string, body: string) =>
    reply.code(code).header("content-type", CONTENT_TYPES.html).send(page(title, body));
  const auth = await ctx.auth.authenticate(request);
  if (!auth) return refuse(401, "Đăng nhập", `<h1>Vui lòng đăng nhập</h1><p><a href="/">Mở bảng điều khiển</a></p>`);
  const { centreId, period } = params;
  if (!canSeeCentre(auth.user, centreId))
    return refuse(403, "Không có quyền", "<h1>Không có quyền xem trung tâm này</h1>");
  const directory = scopeDirectory(auth.user, await ctx.deps.directory.snapshot());
  if (!directory.centres.some((c) => c.id === centreId))
    return refuse(404, "Không tìm thấy", "<h1>Không tìm thấy trung tâm</h1>");
  if (format === "pdf" && !canPrintPdf(ctx.deps.chromiumPath))
    return refuse(
      503,
      "Chưa in được PDF",
      "<h1>Máy chủ chưa cài Chromium để in PDF</h1><p>Hãy mở bản in rồi chọn In → Lưu thành PDF.</p>",
    );
  const withOfficials = readsOfficialFigures(auth.user, centreId);
  const deps = { ...ctx.deps, now: ctx.now };
  const report: PeriodReport = await buildPeriodReport(deps, directory, centreId, period, withOfficials);
  const name = `bao-cao-${centreId}-${period}`;
  reply.header("content-type", CONTENT_TYPES[format]);
  if (format === "html") return reply.send(renderReportPage(report));
  const body =
    format === "xlsx"
      ? Buffer.from(await reportWorkbook(report).xlsx.writeBuffer())
      : await printPdf(renderReportPage(report), ctx.deps.chromiumPath as string);
  return reply.header("content-disposition", `attachment; filename="${name}.${format}"`).send(body);
}

/**
 * GET /reports/:kind/:centreId/:period[/xlsx|/pdf] with kind monthly (yyyy-mm), quarterly (yyyy-Qn) or yearly
 * (yyyy); /reports/monthly/:centreId/:month keeps its old links.
 */
export function registerReportPage(app: FastifyInstance, ctx: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const opts = { schema: { hide: true, params: ReportParamsSchema } };
  for (const format of ["html", "xlsx", "pdf"] as const) {
    const suffix = format === "html" ? "" : `/${format}`;
    r.get(`/reports/:kind/:centreId/:period${suffix}`, opts, (request, reply) =>
      sendReport(ctx, request, reply, request.params, format),
    );
  }
}
