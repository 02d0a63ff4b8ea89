import {
  ACK_NOTE_MAX_CHARS,
  AcknowledgeRequestSchema,
  AlertCalibrationSchema,
  ApiErrorSchema,
  IdSchema,
  IncidentDtoSchema,
  IncidentListQuerySchema,
  IncidentListResponseSchema,
  IncidentParamsSchema,
  mayAcknowledge,
} from "@hailong/protocol";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ApiHttpError } from "../api-error.js";
import { requireAuth, requireRole } from "../auth.js";
import type { RouteContext } from "../build-app.js";
import { toIncidentDto } from "../incident-dto.js";
import { canSeeCentre, scopeDirectory } from "../scope.js";

export function registerIncidentRoutes(app: FastifyInstance, ctx: RouteContext): void {
  registerIncidentListRoute(app, ctx);
  registerAcknowledgeRoute(app, ctx);
  registerCalibrationRoute(app, ctx);
}

/** Incidents of the counters in the caller's scope, newest first, a page at a time. */
function registerIncidentListRoute(app: FastifyInstance, ctx: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/api/incidents",
    {
      schema: {
        tags: ["incidents"],
        querystring: IncidentListQuerySchema,
        response: { 200: IncidentListResponseSchema },
      },
    },
    async (request) => {
      const { user } = requireAuth(request);
      const q = request.query;
      if (q.centreId !== undefined && !canSeeCentre(user, q.centreId))
        throw new ApiHttpError("forbidden", "not your centre");
      const directory = scopeDirectory(user, await ctx.deps.directory.snapshot());
      const counterIds = directory.counters
        .filter(
          (c) =>
            (q.centreId === undefined || c.centreId === q.centreId) &&
            (q.field === undefined || c.field === q.field) &&
            (q.counterId === undefined || c.id === q.counterId),
        )
        .map((c) => c.id);
      const page = await ctx.deps.incidents.list({
        counterIds,
        status: q.status,
        from: q.from,
        to: q.to,
        includeTest: q.includeTest === "true",
        limit: q.limit,
        before: q.before,
      });
      const items = page.items.flatMap((i) => toIncidentDto(i, directory) ?? []);
      return { items, nextCursor: page.nextCursor };
    },
  );
}

/** Acknowledges an incident from the dashboard (audited, published to live clients). */
function registerAcknowledgeRoute(app: FastifyInstance, ctx: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    "/api/incidents/:incidentId/ack",
    {
      schema: {
        tags: ["incidents"],
        params: IncidentParamsSchema,
        body: AcknowledgeRequestSchema.optional(),
        response: { 200: IncidentDtoSchema, 400: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema },
      },
    },
    async (request) => {
      // Who may act is decided per counter (mayAcknowledge) below, with a Vietnamese refusal.
      const { user } = requireAuth(request);
      const directory = scopeDirectory(user, await ctx.deps.directory.snapshot());
      const existing = await ctx.deps.incidents.get(request.params.incidentId);
      if (!existing || !toIncidentDto(existing, directory))
        throw new ApiHttpError("not_found", "no such incident in your centre");
      const counter = directory.counters.find((c) => c.id === existing.counterId);
      if (!counter || !mayAcknowledge(user, counter)) {
        throw new ApiHttpError(
          "forbidden",
          "Chỉ lãnh đạo trung tâm, trưởng bộ phận phụ trách lĩnh vực của quầy này và quản trị viên được tiếp nhận cảnh báo.",
        );
      }
      const note = request.body?.note?.trim() || null;
      if (note !== null && note.length > ACK_NOTE_MAX_CHARS) {
        throw new ApiHttpError(
          "note_too_long",
          `Ghi chú dài ${note.length} ký tự, quá giới hạn ${ACK_NOTE_MAX_CHARS}. Hãy rút gọn rồi gửi lại.`,
        );
      }
      const outcome = request.body?.outcome ?? null;
      const at = ctx.now();
      const updated = await ctx.deps.incidents.acknowledge({
        incidentId: existing.id,
        actor: user.username,
        actorName: user.displayName,
        note,
        outcome,
        via: "dashboard",
        at,
      });
      if (!updated) throw new ApiHttpError("not_found", "no such incident");
      const dto = toIncidentDto(updated, directory);
      if (!dto) throw new ApiHttpError("not_found", "no such incident");
      if (existing.status === "open") {
        await ctx.deps.audit.record({
          actor: user.username,
          action: "incident.ack",
          target: existing.id,
          detail: { note, outcome, via: "dashboard" },
          at,
        });
        ctx.deps.events.publish({ type: "incident-ack", incident: dto });
      }
      return dto;
    },
  );
}

/** A counter's false-alarm evidence and proposed threshold (admin; nothing is applied). */
function registerCalibrationRoute(app: FastifyInstance, ctx: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/api/counters/:counterId/alert-calibration",
    {
      schema: {
        tags: ["incidents"],
        params: z.object({ counterId: IdSchema }).strict(),
        response: { 200: AlertCalibrationSchema, 403: ApiErrorSchema, 404: ApiErrorSchema },
      },
    },
    async (request) => {
      requireRole(request, ["admin"]);
      const directory = await ctx.deps.directory.snapshot();
      if (!directory.counters.some((c) => c.id === request.params.counterId)) {
        throw new ApiHttpError("not_found", "no such counter");
      }
      return ctx.deps.incidents.calibration(request.params.counterId);
    },
  );
}
