import { DirectoryResponseSchema, TilesQuerySchema, TilesResponseSchema } from "@hailong/protocol";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ApiHttpError } from "../api-error.js";
import { requireAuth } from "../auth.js";
import type { RouteContext } from "../build-app.js";
import { canSeeCentre, fieldsOf, scopeDirectory } from "../scope.js";

export function registerDirectoryRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/api/directory",
    { schema: { tags: ["directory"], response: { 200: DirectoryResponseSchema } } },
    async (request) => {
      const { user } = requireAuth(request);
      const directory = scopeDirectory(user, await ctx.deps.directory.snapshot());
      return { ...directory, fields: fieldsOf(directory.counters) };
    },
  );

  r.get(
    "/api/live/tiles",
    { schema: { tags: ["live"], querystring: TilesQuerySchema, response: { 200: TilesResponseSchema } } },
    async (request) => {
      const { user } = requireAuth(request);
      const centreId = request.query.centreId;
      if (centreId !== undefined && !canSeeCentre(user, centreId))
        throw new ApiHttpError("forbidden", "not your centre");
      const directory = scopeDirectory(user, await ctx.deps.directory.snapshot());
      const counters = directory.counters.filter((c) => centreId === undefined || c.centreId === centreId);
      return { tiles: await ctx.deps.live.tiles(counters), at: ctx.now() };
    },
  );
}
