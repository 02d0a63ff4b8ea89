import { AuditListResponseSchema, AuditQuerySchema } from "@hailong/protocol";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requireRole } from "../auth.js";
import type { RouteContext } from "../build-app.js";

/** GET /api/audit (admin): acknowledgements, tuning pushes, test incidents, sign-ins. */
export function registerAuditRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get(
      "/api/audit",
      { schema: { tags: ["audit"], querystring: AuditQuerySchema, response: { 200: AuditListResponseSchema } } },
      async (request) => {
        requireRole(request, ["admin"]);
        const q = request.query;
        return {
          items: await ctx.deps.audit.list({
            limit: q.limit,
            ...(q.from !== undefined ? { from: q.from } : {}),
            ...(q.to !== undefined ? { to: q.to } : {}),
          }),
        };
      },
    );
}
