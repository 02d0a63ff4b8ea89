import type { FastifyInstance } from "fastify";
import type { RouteContext } from "../build-app.js";

/** Twilio delivery receipts: form-encoded, signed with X-Twilio-Signature over the public URL. */
export function registerSmsStatusRoute(app: FastifyInstance, ctx: RouteContext): void {
  const handle = ctx.deps.smsStatus;
  if (!handle) return;
  app.register(async (scope) => {
    scope.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    scope.post("/sms/status", { schema: { hide: true } }, async (request, reply) => {
      const query = request.query as Record<string, string | undefined>;
      const base = (ctx.deps.publicBaseUrl ?? "").replace(/\/+$/, "");
      const signature = request.headers["x-twilio-signature"];
      const result = await handle({
        form: (request.body ?? {}) as Record<string, unknown>,
        url: `${base}${request.url}`,
        ...(query.outbox ? { outboxId: query.outbox } : {}),
        ...(typeof signature === "string" ? { signature } : {}),
      });
      if (!result.ok) request.log.warn({ reason: result.reason }, "sms status callback refused");
      return reply.code(result.ok ? 204 : result.reason === "bad-signature" ? 403 : 400).send();
    });
  });
}
