import type { FastifyInstance } from "fastify";
import type { RouteContext } from "../build-app.js";

/** Liveness, readiness (db + broker) and Prometheus metrics; no session needed (bind to a private network). */
export function registerOpsRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get("/healthz", { schema: { hide: true } }, async () => ({ ok: true }));

  app.get("/readyz", { schema: { hide: true } }, async (_request, reply) => {
    const checks = await ctx.deps.readiness.check().catch((error: unknown) => {
      ctx.deps.log.warn({ err: error }, "readiness check failed");
      return { db: false, broker: false };
    });
    const ready = checks.db && checks.broker;
    return reply.code(ready ? 200 : 503).send({ ready, ...checks });
  });

  app.get("/metrics", { schema: { hide: true } }, async (_request, reply) => {
    const body = await ctx.deps.metrics.metrics();
    return reply.header("content-type", ctx.deps.metrics.contentType).send(body);
  });
}
