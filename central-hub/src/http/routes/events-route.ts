import type { LiveEvent } from "@hailong/protocol";
import type { FastifyInstance } from "fastify";
import { requireAuth } from "../auth.js";
import type { RouteContext } from "../build-app.js";
import { canSeeCentre, scopeDirectory, seesAllCentres } from "../scope.js";

const KEEPALIVE_MS = 20_000;

/** Server-Sent Events: tile updates, incidents and agent presence, filtered to the user's centre. */
export function registerEventsRoute(app: FastifyInstance, ctx: RouteContext): void {
  const open = new Set<() => void>();
  // Open streams would keep app.close() waiting: end them first.
  app.addHook("preClose", async () => {
    for (const close of [...open]) close();
  });
  app.get(
    "/api/events",
    { schema: { tags: ["live"], description: "text/event-stream of LiveEvent (see the contract)" } },
    async (request, reply) => {
      const { user } = requireAuth(request);
      const directory = scopeDirectory(user, await ctx.deps.directory.snapshot());
      const agentIds = new Set(directory.counters.map((c) => c.agentId));
      const visible = (event: LiveEvent): boolean => {
        if (seesAllCentres(user)) return true;
        if (event.type === "tile") return canSeeCentre(user, event.tile.centreId);
        if (event.type === "incident" || event.type === "incident-ack")
          return canSeeCentre(user, event.incident.centreId);
        if (event.type === "agent") return agentIds.has(event.agentId);
        return true;
      };
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        connection: "keep-alive",
        "x-accel-buffering": "no",
      });
      const send = (event: LiveEvent): void => {
        res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
      };
      send({ type: "hello", at: ctx.now() });
      const unsubscribe = ctx.deps.events.subscribe((event) => {
        if (visible(event)) send(event);
      });
      const keepalive = setInterval(() => res.write(": keepalive\n\n"), KEEPALIVE_MS);
      const close = (): void => {
        if (!open.delete(close)) return;
        clearInterval(keepalive);
        unsubscribe();
        res.end();
      };
      open.add(close);
      request.raw.on("close", close);
    },
  );
}
