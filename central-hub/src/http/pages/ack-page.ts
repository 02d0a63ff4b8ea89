import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { RouteContext } from "../build-app.js";
import { toIncidentDto } from "../incident-dto.js";
import { escapeHtml, formatLocalTime, page } from "./html.js";

const TokenParamsSchema = z.object({
  token: z
    .string()
    .min(8)
    .max(128)
    .regex(/^[A-Za-z0-9_.-]+$/),
});
const AckFormSchema = z.object({ note: z.string().max(500).optional() });

/**
 * The link in every incident SMS: GET shows the incident on a phone (Vietnamese) with an acknowledge button;
 * POST acknowledges. The token itself authorises (it is bound to one incident and one recipient).
 */
export function registerAckPage(app: FastifyInstance, ctx: RouteContext): void {
  app.register(async (scope) => {
    scope.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    const r = scope.withTypeProvider<ZodTypeProvider>();
    r.get("/a/:token", { schema: { hide: true, params: TokenParamsSchema } }, async (request, reply) => {
      return render(ctx, reply, request.params.token, undefined);
    });
    r.post(
      "/a/:token",
      { schema: { hide: true, params: TokenParamsSchema, body: AckFormSchema.optional() } },
      async (request, reply) => {
        const token = request.params.token;
        const resolved = await ctx.deps.ackTokens.resolve(token);
        if (!resolved) return notFound(reply);
        const before = await ctx.deps.incidents.get(resolved.incidentId);
        if (!before) return notFound(reply);
        const note = request.body?.note?.trim() || null;
        const at = ctx.now();
        const after = await ctx.deps.incidents.acknowledge({
          incidentId: resolved.incidentId,
          actor: `sms:${resolved.personId}`,
          actorName: resolved.personName,
          note,
          via: "sms_link",
          at,
        });
        if (after && before.status === "open") {
          await ctx.deps.audit.record({
            actor: `sms:${resolved.personId}`,
            action: "incident.ack",
            target: resolved.incidentId,
            detail: { note, via: "sms_link", personName: resolved.personName },
            at,
          });
          const dto = toIncidentDto(after, await ctx.deps.directory.snapshot());
          if (dto) ctx.deps.events.publish({ type: "incident-ack", incident: dto });
        }
        return reply.code(303).header("location", `/a/${token}`).send();
      },
    );
  });
}

async function render(ctx: RouteContext, reply: FastifyReply, token: string, _notice: string | undefined) {
  const resolved = await ctx.deps.ackTokens.resolve(token);
  if (!resolved) return notFound(reply);
  const record = await ctx.deps.incidents.get(resolved.incidentId);
  const incident = record ? toIncidentDto(record, await ctx.deps.directory.snapshot()) : undefined;
  if (!incident) return notFound(reply);
  const tz = ctx.deps.timeZone;
  const status =
    incident.status === "acknowledged"
      ? `<p class="ok"><b>Đã xác nhận</b> bởi ${escapeHtml(incident.acknowledgedBy)} lúc ${escapeHtml(
          formatLocalTime(incident.acknowledgedAt ?? 0, tz),
        )}${incident.ackNote ? `<br>Ghi chú: ${escapeHtml(incident.ackNote)}` : ""}</p>`
      : `<form method="post" action="/a/${escapeHtml(token)}"><p><label>Ghi chú (không bắt buộc)<br><textarea name="note" rows="3" maxlength="500"></textarea></label></p><button type="submit">Xác nhận đã tiếp nhận</button></form>`;
  const body = `<h1>${incident.test ? "[THỬ NGHIỆM] " : ""}Công dân không hài lòng</h1>
<p><b>${escapeHtml(incident.counterName)}</b><br><span class="muted">Lĩnh vực: ${escapeHtml(incident.field)}</span></p>
<p>Thời điểm: ${escapeHtml(formatLocalTime(incident.onset, tz))}<br>Mức độ: ${Math.round(incident.peak * 100)}% · kéo dài ${Math.round(
    incident.durationMs / 1000,
  )} giây</p>
<p class="muted">Người nhận: ${escapeHtml(resolved.personName)}</p>${status}`;
  return reply
    .header("content-type", "text/html; charset=utf-8")
    .header("cache-control", "no-store")
    .header("referrer-policy", "no-referrer")
    .send(page("Sự cố tại quầy", body));
}

function notFound(reply: FastifyReply) {
  return reply
    .code(404)
    .header("content-type", "text/html; charset=utf-8")
    .send(page("Không tìm thấy", "<h1>Liên kết không hợp lệ hoặc đã hết hạn</h1>"));
}
