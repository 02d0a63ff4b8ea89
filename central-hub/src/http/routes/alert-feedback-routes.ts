import {
  AlertCalibrationApplyRequestSchema,
  AlertCalibrationApplyResponseSchema,
  AlertQualityResponseSchema,
  ApiErrorSchema,
  type CounterTuning,
  DEFAULT_COUNTER_TUNING,
  IdSchema,
} from "@hailong/protocol";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { agentOfCounter, askAgent, pushCounterTuning } from "../agent-push.js";
import { ApiHttpError } from "../api-error.js";
import { requireAuth, requireRole } from "../auth.js";
import type { RouteContext } from "../build-app.js";
import { scopeDirectory } from "../scope.js";

const errors = {
  403: ApiErrorSchema,
  404: ApiErrorSchema,
  409: ApiErrorSchema,
  502: ApiErrorSchema,
  503: ApiErrorSchema,
  504: ApiErrorSchema,
};

/** The false-alarm loop: quality per counter and model, and applying a proposed threshold once a person confirms it. */
export function registerAlertFeedbackRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/api/alert-quality",
    { schema: { tags: ["incidents"], response: { 200: AlertQualityResponseSchema } } },
    async (request) => {
      const { user } = requireAuth(request);
      const directory = scopeDirectory(user, await ctx.deps.directory.snapshot());
      return { rows: await ctx.deps.incidents.quality(directory.counters.map((c) => c.id)) };
    },
  );

  r.post(
    "/api/counters/:counterId/alert-calibration",
    {
      schema: {
        tags: ["incidents"],
        params: z.object({ counterId: IdSchema }).strict(),
        body: AlertCalibrationApplyRequestSchema,
        response: { 200: AlertCalibrationApplyResponseSchema, ...errors },
      },
    },
    async (request) => {
      const { user } = requireRole(request, ["admin"]);
      const counter = (await ctx.deps.directory.snapshot()).counters.find((c) => c.id === request.params.counterId);
      if (!counter) throw new ApiHttpError("not_found", "no such counter");
      const evidence = await ctx.deps.incidents.calibration(counter.id);
      if (evidence.proposedThreshold !== request.body.threshold) {
        throw new ApiHttpError(
          "conflict",
          evidence.proposedThreshold === null
            ? "Dữ liệu hiện tại không đề xuất thay đổi ngưỡng; ngưỡng được giữ nguyên."
            : `Đề xuất đã thay đổi thành ${evidence.proposedThreshold}; hãy xem lại bằng chứng rồi xác nhận lại.`,
        );
      }
      const running = await runningTuning(ctx, user.username, counter);
      const pushed = await pushCounterTuning(ctx, {
        user,
        counter,
        tuning: { ...running, dissatisfiedThreshold: request.body.threshold },
        reason: { kind: "alert-calibration", evidence },
      });
      return { ...pushed, previousThreshold: running.dissatisfiedThreshold, threshold: request.body.threshold };
    },
  );
}

/** What the counter runs now: the agent's own report, else the last confirmed push, else the defaults. */
async function runningTuning(
  ctx: RouteContext,
  username: string,
  counter: { id: string; agentId: string | null },
): Promise<CounterTuning> {
  const agentId = await agentOfCounter(ctx, counter.id, counter.agentId);
  const stats = await askAgent(ctx, agentId, { action: "stats", requestedBy: username });
  const reported = stats.result.counters.find((c) => c.counterId === counter.id)?.tuning;
  return reported ?? (await ctx.deps.tuning.get(counter.id))?.tuning ?? DEFAULT_COUNTER_TUNING;
}
