import { ApiErrorSchema, LoginRequestSchema, OkSchema, SessionInfoSchema } from "@hailong/protocol";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ApiHttpError } from "../api-error.js";
import type { RouteContext } from "../build-app.js";
import { createLoginThrottle, retryMessage } from "../login-throttle.js";

/** A flood guard per IP only; wrong passwords are throttled per account and per IP by the login throttle. */
const DEFAULT_LOGIN_LIMIT = { max: 120, timeWindowMs: 60_000 };

export function registerAuthRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const limit = ctx.deps.loginRateLimit ?? DEFAULT_LOGIN_LIMIT;
  const throttle = createLoginThrottle();

  r.post(
    "/api/auth/login",
    {
      config: { rateLimit: { max: limit.max, timeWindow: limit.timeWindowMs } },
      schema: {
        tags: ["auth"],
        body: LoginRequestSchema,
        response: { 200: SessionInfoSchema, 401: ApiErrorSchema, 429: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      const { username } = request.body;
      const now = ctx.now();
      const verdict = throttle.check(username, request.ip, now);
      if (!verdict.allowed) {
        request.log.info({ username, by: verdict.by }, "login throttled");
        throw new ApiHttpError("rate_limited", retryMessage(verdict, now, ctx.deps.timeZone));
      }
      const result = await ctx.auth.login(username, request.body.password);
      if (!result) {
        throttle.failed(username, request.ip, now);
        request.log.info({ username }, "login refused");
        throw new ApiHttpError("unauthorized", "wrong username or password");
      }
      throttle.succeeded(username);
      ctx.auth.setCookie(reply, result.session);
      await ctx.deps.audit.record({
        actor: result.user.username,
        action: "login",
        target: result.user.personId,
        detail: {},
        at: ctx.now(),
      });
      return ctx.auth.toInfo(result.user, result.session);
    },
  );

  r.post(
    "/api/auth/logout",
    {
      schema: { tags: ["auth"], body: z.object({}).strict().optional(), response: { 200: OkSchema } },
      onRequest: async (request) => ctx.auth.guard(request),
    },
    async (request, reply) => {
      const auth = request.auth;
      if (auth) {
        await ctx.auth.logout(auth.session.id);
        await ctx.deps.audit.record({
          actor: auth.user.username,
          action: "logout",
          target: auth.user.personId,
          detail: {},
          at: ctx.now(),
        });
      }
      ctx.auth.clearCookie(reply);
      return { ok: true as const };
    },
  );

  r.get(
    "/api/auth/me",
    {
      schema: { tags: ["auth"], response: { 200: SessionInfoSchema, 401: ApiErrorSchema } },
      onRequest: async (request) => ctx.auth.guard(request),
    },
    async (request) => {
      const auth = request.auth as NonNullable<typeof request.auth>;
      return ctx.auth.toInfo(auth.user, auth.session);
    },
  );
}
