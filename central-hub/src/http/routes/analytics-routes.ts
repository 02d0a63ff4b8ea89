import {
  ComparisonQuerySchema,
  ComparisonResponseSchema,
  HeatmapQuerySchema,
  HeatmapResponseSchema,
  PeriodReportSchema,
  ReportParamsSchema,
  TrendQuerySchema,
  TrendResponseSchema,
} from "@hailong/protocol";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ApiHttpError } from "../api-error.js";
import { requireAuth } from "../auth.js";
import type { RouteContext } from "../build-app.js";
import { buildComparison } from "../comparison.js";
import { readsOfficialFigures } from "../official-ranking.js";
import { buildPeriodReport } from "../period-report.js";
import { canSeeCentre, countersFor, scopeDirectory } from "../scope.js";
import { mergeSummaries } from "../summary.js";
import { targetRateOf } from "../targets.js";

const MAX_RANGE_MS = 2 * 366 * 24 * 60 * 60 * 1000;

function checkRange(from: number, to: number): void {
  if (to <= from) throw new ApiHttpError("bad_request", "`to` must be after `from`");
  if (to - from > MAX_RANGE_MS) throw new ApiHttpError("bad_request", "range longer than two years");
}

export function registerAnalyticsRoutes(app: FastifyInstance, ctx: RouteContext): void {
  registerTrendRoutes(app, ctx);
  registerComparisonRoutes(app, ctx);
}

async function scopedCounters(
  ctx: RouteContext,
  request: Parameters<typeof requireAuth>[0],
  target: { scope: "counter" | "department" | "centre"; id: string },
) {
  const { user } = requireAuth(request);
  const directory = scopeDirectory(user, await ctx.deps.directory.snapshot());
  const counters = countersFor(directory, target);
  if (!counters) throw new ApiHttpError("not_found", `no ${target.scope} ${target.id} in your centre`);
  return counters.map((c) => c.id);
}

/** The centre a trend's entity belongs to (for its target). */
async function centreOf(
  ctx: RouteContext,
  target: { scope: "counter" | "department" | "centre"; id: string },
): Promise<string> {
  if (target.scope === "centre") return target.id;
  const directory = await ctx.deps.directory.snapshot();
  const list = target.scope === "counter" ? directory.counters : directory.departments;
  return list.find((x) => x.id === target.id)?.centreId ?? "";
}

/** Trends and the weekday × hour heatmap of a counter, department or centre in the caller's scope. */
function registerTrendRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { analytics } = ctx.deps;

  r.get(
    "/api/trends",
    { schema: { tags: ["analytics"], querystring: TrendQuerySchema, response: { 200: TrendResponseSchema } } },
    async (request) => {
      const q = request.query;
      checkRange(q.from, q.to);
      const ids = await scopedCounters(ctx, request, q);
      const points = await analytics.trend(ids, q.period, q.from, q.to);
      return {
        scope: q.scope,
        id: q.id,
        period: q.period,
        timeZone: ctx.deps.timeZone,
        points,
        total: mergeSummaries(points),
        target: targetRateOf(ctx.deps)(await centreOf(ctx, q)),
      };
    },
  );

  r.get(
    "/api/heatmap",
    { schema: { tags: ["analytics"], querystring: HeatmapQuerySchema, response: { 200: HeatmapResponseSchema } } },
    async (request) => {
      const q = request.query;
      checkRange(q.from, q.to);
      const ids = await scopedCounters(ctx, request, q);
      const cells = await analytics.heatmap(ids, q.from, q.to);
      return { scope: q.scope, id: q.id, timeZone: ctx.deps.timeZone, cells: cells.filter((c) => c.visits > 0) };
    },
  );
}

/** The comparison of counters and the monthly report of a centre. */
function registerComparisonRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { analytics } = ctx.deps;

  r.get(
    "/api/comparison",
    {
      schema: { tags: ["analytics"], querystring: ComparisonQuerySchema, response: { 200: ComparisonResponseSchema } },
    },
    async (request) => {
      const q = request.query;
      checkRange(q.from, q.to);
      const { user } = requireAuth(request);
      if (q.centreId !== undefined && !canSeeCentre(user, q.centreId))
        throw new ApiHttpError("forbidden", "not your centre");
      const directory = scopeDirectory(user, await ctx.deps.directory.snapshot());
      const outcomes = ctx.deps.incidents.outcomes;
      return buildComparison({ analytics, targetOf: targetRateOf(ctx.deps), outcomes }, directory, q);
    },
  );

  r.get(
    "/api/reports/:kind/:centreId/:period",
    { schema: { tags: ["reports"], params: ReportParamsSchema, response: { 200: PeriodReportSchema } } },
    async (request) => {
      const { user } = requireAuth(request);
      const { centreId, period } = request.params;
      if (!canSeeCentre(user, centreId)) throw new ApiHttpError("forbidden", "not your centre");
      const directory = scopeDirectory(user, await ctx.deps.directory.snapshot());
      const withOfficials = readsOfficialFigures(user, centreId);
      return buildPeriodReport({ ...ctx.deps, now: ctx.now }, directory, centreId, period, withOfficials);
    },
  );
}
