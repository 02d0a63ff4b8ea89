import {
  AgentCounterParamsSchema,
  AgentListResponseSchema,
  AgentParamsSchema,
  ApiErrorSchema,
  CounterParamsSchema,
  SnapshotApiRequestSchema,
  SnapshotApiResponseSchema,
  StatsApiResponseSchema,
  TestIncidentResponseSchema,
  TuningPushRequestSchema,
  TuningPushResponseSchema,
  TuningStateSchema,
} from "@hailong/protocol";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { askAgent, pushCounterTuning } from "../agent-push.js";
import { ApiHttpError } from "../api-error.js";
import { requireAuth, requireRole } from "../auth.js";
import type { RouteContext } from "../build-app.js";
import { CALIBRATION_ROLES, FACE_VIEW_ROLES, scopeDirectory, seesAllCentres } from "../scope.js";

const errors = { 404: ApiErrorSchema, 502: ApiErrorSchema, 503: ApiErrorSchema, 504: ApiErrorSchema };

export function registerAgentRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const helpers = agentRouteHelpers(ctx);
  registerAgentRequestRoutes(app, ctx, helpers);
  registerCounterCalibrationRoutes(app, ctx, helpers);
  registerTestIncidentRoute(app, ctx, helpers);
}

type AgentRouteHelpers = ReturnType<typeof agentRouteHelpers>;

function agentRouteHelpers(ctx: RouteContext) {
  const { deps } = ctx;
  /** Who saved a configuration, as people read it: the display name, or the login if the person is gone. */
  async function personName(username: string): Promise<string> {
    return (await deps.users.findByUsername(username))?.displayName ?? username;
  }

  async function counterInScope(request: FastifyRequest, counterId: string) {
    const { user } = requireAuth(request);
    const directory = scopeDirectory(user, await deps.directory.snapshot());
    const counter = directory.counters.find((c) => c.id === counterId);
    if (!counter) throw new ApiHttpError("not_found", `no counter ${counterId} in your centre`);
    return counter;
  }

  return { personName, counterInScope };
}

/** The agent list, an agent's stats and a counter's calibration snapshot (the last two ask the agent). */
function registerAgentRequestRoutes(app: FastifyInstance, ctx: RouteContext, { counterInScope }: AgentRouteHelpers) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { deps } = ctx;

  r.get(
    "/api/agents",
    { schema: { tags: ["agents"], response: { 200: AgentListResponseSchema } } },
    async (request) => {
      const { user } = requireAuth(request);
      const agents = await deps.agents.list();
      if (seesAllCentres(user)) return { agents };
      const directory = scopeDirectory(user, await deps.directory.snapshot());
      const mine = new Set(directory.counters.map((c) => c.id));
      const agentIds = new Set(directory.counters.map((c) => c.agentId));
      return { agents: agents.filter((a) => agentIds.has(a.agentId) || a.counters.some((c) => mine.has(c))) };
    },
  );

  r.get(
    "/api/agents/:agentId/stats",
    {
      schema: {
        tags: ["calibration"],
        params: AgentParamsSchema,
        response: { 200: StatsApiResponseSchema, ...errors },
      },
    },
    async (request) => {
      const { user } = requireRole(request, CALIBRATION_ROLES);
      const response = await askAgent(ctx, request.params.agentId, { action: "stats", requestedBy: user.username });
      return response.result;
    },
  );

  r.post(
    "/api/agents/:agentId/counters/:counterId/snapshot",
    {
      schema: {
        tags: ["calibration"],
        params: AgentCounterParamsSchema,
        body: SnapshotApiRequestSchema,
        response: { 200: SnapshotApiResponseSchema, ...errors },
      },
    },
    async (request) => {
      const { user } = requireRole(request, CALIBRATION_ROLES);
      const { showFaces } = request.body;
      if (showFaces && !FACE_VIEW_ROLES.includes(user.role))
        throw new ApiHttpError("forbidden", "only an administrator may see faces on a calibration snapshot");
      await counterInScope(request, request.params.counterId);
      const response = await askAgent(ctx, request.params.agentId, {
        action: "snapshot",
        counterId: request.params.counterId,
        showFaces,
        requestedBy: user.username,
      });
      if (showFaces) {
        await deps.audit.record({
          actor: user.username,
          action: "snapshot.faces",
          target: request.params.counterId,
          detail: { agentId: request.params.agentId, takenAt: response.result.takenAt },
          at: ctx.now(),
        });
      }
      return response.result;
    },
  );
}

/** A counter's tuning: read it, push it to the counter's agent. */
function registerCounterCalibrationRoutes(
  app: FastifyInstance,
  ctx: RouteContext,
  { personName, counterInScope }: AgentRouteHelpers,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { deps } = ctx;

  r.get(
    "/api/counters/:counterId/tuning",
    {
      schema: {
        tags: ["calibration"],
        params: CounterParamsSchema,
        response: { 200: TuningStateSchema, 404: ApiErrorSchema },
      },
    },
    async (request) => {
      const counter = await counterInScope(request, request.params.counterId);
      const state = await deps.tuning.get(counter.id);
      return {
        counterId: counter.id,
        agentId: counter.agentId,
        tuning: state?.tuning ?? null,
        configVersion: state?.configVersion ?? null,
        updatedAt: state?.updatedAt ?? null,
        updatedBy: state?.updatedBy ? await personName(state.updatedBy) : null,
      };
    },
  );

  r.put(
    "/api/counters/:counterId/tuning",
    {
      schema: {
        tags: ["calibration"],
        params: CounterParamsSchema,
        body: TuningPushRequestSchema,
        response: { 200: TuningPushResponseSchema, ...errors },
      },
    },
    async (request) => {
      const { user } = requireRole(request, CALIBRATION_ROLES);
      const counter = await counterInScope(request, request.params.counterId);
      return pushCounterTuning(ctx, { user, counter, tuning: request.body });
    },
  );
}

/** Raises a test incident on a counter; its SMS goes to the requesting installer only. */
function registerTestIncidentRoute(app: FastifyInstance, ctx: RouteContext, { counterInScope }: AgentRouteHelpers) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { deps } = ctx;

  r.post(
    "/api/counters/:counterId/test-incident",
    {
      schema: {
        tags: ["calibration"],
        params: CounterParamsSchema,
        response: { 200: TestIncidentResponseSchema, 404: ApiErrorSchema },
      },
    },
    async (request) => {
      const { user } = requireRole(request, CALIBRATION_ROLES);
      const counter = await counterInScope(request, request.params.counterId);
      const result = await deps.testIncidents.raise({ counterId: counter.id, requestedBy: user });
      await deps.audit.record({
        actor: user.username,
        action: "test-incident",
        target: counter.id,
        detail: { incidentId: result.incidentId, smsTo: result.smsTo },
        at: ctx.now(),
      });
      return { ...result, counterId: counter.id };
    },
  );
}
