import cookie from "@fastify/cookie";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from "fastify";
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from "fastify-type-provider-zod";
import { ApiHttpError, apiErrorBody } from "./api-error.js";
import { createSessionAuth, DEFAULT_SESSION_TTL_MS, refuseOfficialsOutsideOwnFigures } from "./auth.js";
import { registerAckPage } from "./pages/ack-page.js";
import { registerReportPage } from "./pages/report-page.js";
import type { AppDeps } from "./ports.js";
import { registerAgentCredentialRoutes } from "./routes/agent-credential-routes.js";
import { registerAgentRoutes } from "./routes/agent-routes.js";
import { registerAlertFeedbackRoutes } from "./routes/alert-feedback-routes.js";
import { registerAnalyticsRoutes } from "./routes/analytics-routes.js";
import { registerAuditRoutes } from "./routes/audit-routes.js";
import { registerAuthRoutes } from "./routes/auth-routes.js";
import { registerDirectoryRoutes } from "./routes/directory-routes.js";
import { registerEventsRoute } from "./routes/events-route.js";
import { registerExportRoutes } from "./routes/export-routes.js";
import { registerIncidentRoutes } from "./routes/incident-routes.js";
import { registerOpsRoutes } from "./routes/ops-routes.js";
import { registerRosterRoutes } from "./routes/roster-routes.js";
import { registerSmsStatusRoute } from "./routes/sms-status-route.js";
import { registerDashboards } from "./static-dashboards.js";

export interface RouteContext {
  deps: AppDeps;
  auth: ReturnType<typeof createSessionAuth>;
  now: () => number;
}

/** Builds the hub's HTTP app; never listens (main.ts does). */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log.child({ module: "http" }) as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    // fastify's 10 s default fails a start-up on a small, busy box (the API docs plugin compiles every schema).
    pluginTimeout: 60_000,
    ...(deps.trustProxy ? { trustProxy: true } : {}),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(sendApiError);

  const now = deps.now ?? Date.now;
  const auth = createSessionAuth({
    users: deps.users,
    sessions: deps.sessions,
    ttlMs: deps.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS,
    secureCookies: deps.secureCookies ?? false,
    ...(deps.trustProxy ? { trustProxy: true } : {}),
    now,
  });
  const ctx: RouteContext = { deps, auth, now };

  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await registerApiDocs(app, ctx);

  registerOpsRoutes(app, ctx);
  registerAuthRoutes(app, ctx);
  await app.register(async (api) => {
    api.addHook("onRequest", async (request) => {
      await auth.guard(request);
      refuseOfficialsOutsideOwnFigures(request);
    });
    registerDirectoryRoutes(api, ctx);
    registerAnalyticsRoutes(api, ctx);
    registerIncidentRoutes(api, ctx);
    registerAlertFeedbackRoutes(api, ctx);
    registerExportRoutes(api, ctx);
    registerRosterRoutes(api, ctx);
    registerAgentRoutes(api, ctx);
    registerEventsRoute(api, ctx);
    registerAuditRoutes(api, ctx);
    registerAgentCredentialRoutes(api, ctx);
  });
  registerAckPage(app, ctx);
  registerReportPage(app, ctx);
  registerSmsStatusRoute(app, ctx);
  await registerDashboards(app, deps.dashboardsDir);
  return app;
}

/** Every error as the API's error body: ours with their code, validation as 400, the rest logged and 500. */
function sendApiError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof ApiHttpError) return reply.code(error.statusCode).send(apiErrorBody(error.code, error.message));
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issue = error.validation[0];
    const where = issue ? `${issue.instancePath || "(root)"}: ${issue.message}` : "invalid request";
    return reply.code(400).send(apiErrorBody("bad_request", `${error.validationContext ?? "request"} ${where}`));
  }
  const status = (error as { statusCode?: number }).statusCode;
  if (status === 429) return reply.code(429).send(apiErrorBody("rate_limited", "too many attempts, wait a minute"));
  if (status !== undefined && status >= 400 && status < 500) {
    return reply.code(status).send(apiErrorBody("bad_request", (error as Error).message));
  }
  if (isResponseSerializationError(error)) {
    request.log.error({ url: request.url, issues: error.cause.issues }, "response does not match the API contract");
  } else {
    request.log.error({ err: error, url: request.url }, "request failed");
  }
  return reply.code(500).send(apiErrorBody("internal", "internal error"));
}

/** The OpenAPI description and its UI at /api/docs (admins only unless `apiDocs` is public). */
async function registerApiDocs(app: FastifyInstance, ctx: RouteContext): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: {
        title: "hailong hub API",
        description: "Service-quality dashboards, incidents, calibration",
        version: "1",
      },
      components: {
        securitySchemes: { session: { type: "apiKey", in: "cookie", name: "hailong_session" } },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: "/api/docs",
    uiHooks: {
      onRequest: async (request) => {
        if (ctx.deps.apiDocs === "public") return;
        await ctx.auth.guard(request);
        if (request.auth?.user.role !== "admin") throw new ApiHttpError("forbidden", "API docs are for admins");
      },
    },
  });
}
