import type { CounterTuning, ResponseMessage } from "@hailong/protocol";
import { ApiHttpError } from "./api-error.js";
import type { RouteContext } from "./build-app.js";
import type { AgentRequestBody, AuthUser } from "./ports.js";

/** Sends a request to an agent and unwraps its answer; failures become API errors with the agent's code. */
export async function askAgent<A extends ResponseMessage["action"]>(
  ctx: RouteContext,
  agentId: string,
  body: AgentRequestBody & { action: A },
) {
  const outcome = await ctx.deps.requester.request(agentId, body);
  if (!outcome.ok) throw new ApiHttpError(outcome.code, outcome.message);
  const response = outcome.response;
  if (!response.ok) throw new ApiHttpError("agent_error", `${response.error.code}: ${response.error.message}`);
  return response as Extract<ResponseMessage, { action: A; ok: true }>;
}

/** The agent serving a counter: the directory's, else the one whose info lists the counter. */
export async function agentOfCounter(ctx: RouteContext, counterId: string, agentId: string | null): Promise<string> {
  if (agentId) return agentId;
  const agents = await ctx.deps.agents.list();
  const serving = agents.find((a) => a.counters.includes(counterId));
  if (!serving) throw new ApiHttpError("agent_offline", `no agent serves counter ${counterId}`);
  return serving.agentId;
}

/**
 * The one config push of a counter's tuning (installer panel and alert calibration alike): the agent applies it
 * and answers its new config version; the push is audited as `tuning.push`, which is also the record of the
 * counter's confirmed tuning. `reason` says why, when it was not an installer's edit.
 */
export async function pushCounterTuning(
  ctx: RouteContext,
  input: {
    user: AuthUser;
    counter: { id: string; agentId: string | null };
    tuning: CounterTuning;
    reason?: Record<string, unknown>;
  },
) {
  const agentId = await agentOfCounter(ctx, input.counter.id, input.counter.agentId);
  const previous = (await ctx.deps.tuning.get(input.counter.id))?.tuning ?? null;
  const response = await askAgent(ctx, agentId, {
    action: "config-push",
    counterId: input.counter.id,
    tuning: input.tuning,
    requestedBy: input.user.username,
  });
  await ctx.deps.audit.record({
    actor: input.user.username,
    action: "tuning.push",
    target: input.counter.id,
    detail: {
      agentId,
      tuning: input.tuning,
      previous,
      configVersion: response.result.configVersion,
      configHash: response.result.configHash,
      ...(input.reason ? { reason: input.reason } : {}),
    },
    at: ctx.now(),
  });
  return { ...response.result, agentId };
}
