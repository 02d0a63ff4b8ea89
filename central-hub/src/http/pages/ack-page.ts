import { ACK_NOTE_MAX_CHARS, IncidentOutcomeSchema } from "@hailong/protocol";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { RouteContext } from "../build-app.js";
import { toIncidentDto } from "../incident-dto.js";
import { renderAckPage } from "./ack-page-view.js";
import { page } from "./html.js";

const TokenParamsSchema = z.object({
  token: z
    .string()
    .min(8)
    .max(128)
    .regex(/^[A-Za-z0-9_.-]+$/),
});
const AckFormSchema = z.object({ note: z.string().max(100_000).optional(), outcome: IncidentOutcomeSchema.optional() });

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
        if (note !== null && note.length > ACK_NOTE_MAX_CHARS) {
          const problem = `Ghi chú dài ${note.length} ký tự, quá giới hạn ${ACK_NOTE_MAX_CHARS}. Chưa xác nhận: hãy rút gọn ghi chú rồi gửi lại.`;
          return render(ctx, reply.code(400), token, problem);
        }
        const at = ctx.now();
        const after = await ctx.deps.incidents.acknowledge({
          incidentId: resolved.incidentId,
          actor: `sms:${resolved.personId}`,
          actorName: resolved.personName,
          note,
          outcome: request.body?.outcome ?? null,
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

async function render(ctx: RouteContext, reply: FastifyReply, token: string, problem: string | undefined) {
  const resolved = await ctx.deps.ackTokens.resolve(token);
  if (!resolved) return notFound(reply);
  const record = await ctx.deps.incidents.get(resolved.incidentId);
  const directory = await ctx.deps.directory.snapshot();
  const incident = record ? toIncidentDto(record, directory) : undefined;
  if (!incident) return notFound(reply);
  const counter = directory.counters.find((c) => c.id === incident.counterId);
  const department = directory.departments.find((d) => d.id === counter?.departmentId);
  const open = await ctx.deps.incidents.list({
    counterIds: [incident.counterId],
    status: "open",
    includeTest: false,
    limit: 11,
  });
  const otherOpen = open.items
    .filter((o) => o.id !== incident.id)
    .flatMap((o) => toIncidentDto(o, directory) ?? [])
    .slice(0, 10);
  const body = renderAckPage({
    incident,
    token,
    personName: resolved.personName,
    centreName: directory.centres.find((c) => c.id === incident.centreId)?.name ?? "",
    fieldName: department?.name ?? "",
    otherOpen,
    timeZone: ctx.deps.timeZone,
    ...(problem ? { problem } : {}),
  });
  return reply
    .header("content-type", "text/html; charset=utf-8")
    .header("cache-control", "no-store")
    .header("referrer-policy", "no-referrer")
    .send(page("Sự cố tại quầy", body, "fieldset{border:0;padding:0}label.outcome{display:block;padding:.5rem 0}"));
}

function notFound(reply: FastifyReply) {
  return reply
    .code(404)
    .header("content-type", "text/html; charset=utf-8")
    .send(page("Không tìm thấy", "<h1>Liên kết không hợp lệ hoặc đã hết hạn</h1>"));
}
