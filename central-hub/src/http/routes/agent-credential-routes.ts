import { AgentCredentialResponseSchema, AgentParamsSchema, ApiErrorSchema } from "@hailong/protocol";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ApiHttpError } from "../api-error.js";
import { requireRole } from "../auth.js";
import type { RouteContext } from "../build-app.js";

/** Admins issue each agent its MQTT secret; issuing again revokes the previous one. */
export function registerAgentCredentialRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    "/api/agents/:agentId/credentials",
    {
      schema: {
        tags: ["agents"],
        params: AgentParamsSchema,
        response: { 200: AgentCredentialResponseSchema, 403: ApiErrorSchema, 404: ApiErrorSchema },
      },
    },
    async (request) => {
      const { user } = requireRole(request, ["admin"]);
      const issuer = ctx.deps.agentCredentials;
      if (issuer === undefined) throw new ApiHttpError("not_found", "this hub does not issue agent credentials");
      const issued = await issuer.issue(request.params.agentId);
      await ctx.deps.audit.record({
        actor: user.username,
        action: "agent.credentials",
        target: issued.agentId,
        detail: {},
        at: ctx.now(),
      });
      return issued;
    },
  );
}
