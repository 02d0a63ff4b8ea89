import {
  OfficialRankingQuerySchema,
  RosterImportParamsSchema,
  RosterImportResultSchema,
  RosterQuerySchema,
  RosterResponseSchema,
} from "@hailong/protocol";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ApiHttpError } from "../api-error.js";
import { requireAuth, requireRole } from "../auth.js";
import type { RouteContext } from "../build-app.js";
import { buildOfficialRanking, readsOfficialFigures } from "../official-ranking.js";
import { parseRosterCsv } from "../roster-csv.js";
import { canSeeCentre, scopeDirectory } from "../scope.js";
import { targetRateOf } from "../targets.js";

/** Leaders and supervisors see their centre's roster and per-official figures; admins manage rosters. */
const ROSTER_READERS = ["admin", "centre_leader", "supervisor"] as const;
const ROSTER_EDITORS = ["admin", "centre_leader"] as const;

export function registerRosterRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  app.addContentTypeParser("text/csv", { parseAs: "string" }, (_request, body, done) => done(null, body));

  r.get(
    "/api/roster",
    { schema: { tags: ["officials"], querystring: RosterQuerySchema, response: { 200: RosterResponseSchema } } },
    async (request) => {
      const { user } = requireRole(request, ROSTER_READERS);
      const { centreId } = request.query;
      if (centreId !== undefined && !canSeeCentre(user, centreId))
        throw new ApiHttpError("forbidden", "not your centre");
      const directory = scopeDirectory(user, await ctx.deps.directory.snapshot());
      const centres = new Set(directory.centres.map((c) => c.id).filter((id) => !centreId || id === centreId));
      const counters = new Set(directory.counters.filter((c) => centres.has(c.centreId)).map((c) => c.id));
      const [officials, shifts] = await Promise.all([ctx.deps.roster.officials(), ctx.deps.roster.shifts()]);
      return {
        officials: officials
          .filter((o) => centres.has(o.centreId))
          .map((o) => ({ id: o.id, centreId: o.centreId, name: o.name, active: o.active })),
        shifts: shifts.filter((s) => counters.has(s.counterId)),
      };
    },
  );

  registerRosterImportRoute(app, ctx);

  r.get(
    "/api/officials/ranking",
    // Leaders and supervisors get their centre's officials; an official linked by `personId` gets only their own row.
    { config: { forOfficials: true }, schema: { tags: ["officials"], querystring: OfficialRankingQuerySchema } },
    async (request) => {
      const { user } = requireAuth(request);
      const q = request.query;
      if (q.to <= q.from) throw new ApiHttpError("bad_request", "`to` must be after `from`");
      const centreId = q.centreId ?? user.centreId;
      const own = (await ctx.deps.roster.officials()).find((o) => o.personId === user.personId);
      const leads = centreId !== null && readsOfficialFigures(user, centreId);
      if (!centreId || (!leads && own?.centreId !== centreId))
        throw new ApiHttpError("forbidden", "per-official figures: the centre's leaders and supervisors only");
      const directory = await ctx.deps.directory.snapshot();
      const deps = { ...ctx.deps, targetOf: targetRateOf(ctx.deps) };
      return buildOfficialRanking(deps, directory, centreId, q, leads ? undefined : own?.id);
    },
  );
}

/** A centre's roster replaced from a Vietnamese CSV (admins and the centre's leader), audited. */
function registerRosterImportRoute(app: FastifyInstance, ctx: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.put(
    "/api/roster/:centreId",
    {
      schema: {
        tags: ["officials"],
        params: RosterImportParamsSchema,
        consumes: ["text/csv"],
        response: { 200: RosterImportResultSchema },
      },
    },
    async (request) => {
      const { user } = requireRole(request, ROSTER_EDITORS);
      const { centreId } = request.params;
      if (!canSeeCentre(user, centreId)) throw new ApiHttpError("forbidden", "not your centre");
      const directory = scopeDirectory(user, await ctx.deps.directory.snapshot());
      if (!directory.centres.some((c) => c.id === centreId)) throw new ApiHttpError("not_found", "no such centre");
      if (typeof request.body !== "string") throw new ApiHttpError("bad_request", "send the roster as text/csv");
      const counters = directory.counters.filter((c) => c.centreId === centreId);
      const parsed = parseRosterCsv(request.body, centreId, counters);
      if (!parsed.ok) throw new ApiHttpError("bad_request", parsed.errors.join("\n"));
      const others = (await ctx.deps.roster.officials()).filter(
        (o) => o.centreId !== centreId && parsed.officials.some((p) => p.id === o.id),
      );
      if (others.length > 0) throw new ApiHttpError("conflict", `Mã cán bộ đã dùng ở trung tâm khác: ${others[0]?.id}`);
      await ctx.deps.roster.replaceCentre(
        centreId,
        counters.map((c) => c.id),
        parsed.officials,
        parsed.shifts,
      );
      await ctx.deps.audit.record({
        actor: user.username,
        action: "roster.import",
        target: centreId,
        detail: { officials: parsed.officials.length, shifts: parsed.shifts.length },
        at: ctx.now(),
      });
      return { officials: parsed.officials.length, shifts: parsed.shifts.length };
    },
  );
}
