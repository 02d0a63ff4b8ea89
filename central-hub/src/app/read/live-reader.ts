import type { CounterTile } from "@hailong/protocol";
import { dayStart } from "../../aggregation/buckets.js";
import { latestHealth } from "../../db/repos/health-repo.js";
import { listIncidents } from "../../db/repos/incidents-repo.js";
import { openVisitLevels } from "../../db/repos/visits-repo.js";
import type { SqlClient } from "../../db/sql-client.js";
import type { LiveReader } from "../../http/ports.js";
import { emptySummary } from "../../http/summary.js";
import type { AgentRegistry } from "../../registry/agent-registry.js";
import { perCounterSummaries } from "./analytics-reader.js";

/** A visit not updated for this long is treated as gone (its end event may still be in an agent's outbox). */
const ACTIVE_VISIT_MS = 30_000;

export function createLiveReader(sql: SqlClient, registry: AgentRegistry, now: () => number = Date.now): LiveReader {
  return {
    async tiles(counters) {
      if (counters.length === 0) return [];
      const ids = counters.map((c) => c.id);
      const at = now();
      const today = dayStart(at);
      const [openVisits, health, agents, openIncidents, summaries] = await Promise.all([
        openVisitLevels(sql, ids, at - ACTIVE_VISIT_MS),
        latestHealth(sql, ids),
        registry.list(at),
        listIncidents(sql, { counterIds: ids, status: "open", includeTest: false, limit: 10_000 }),
        perCounterSummaries(sql, ids, today, at + 1),
      ]);
      const level = new Map(openVisits.map((v) => [v.counterId, v]));
      const healthOf = new Map(health.map((h) => [h.counterId, h]));
      // Maps, not finds: a city-wide view has thousands of counters and agents.
      const agentById = new Map(agents.map((a) => [a.agentId, a]));
      const agentByCounter = new Map<string, (typeof agents)[number]>();
      for (const a of agents) for (const id of a.counters) if (!agentByCounter.has(id)) agentByCounter.set(id, a);
      const openCount = new Map<string, number>();
      for (const i of openIncidents) openCount.set(i.counterId, (openCount.get(i.counterId) ?? 0) + 1);
      return counters.map((c): CounterTile => {
        const agent = (c.agentId ? agentById.get(c.agentId) : undefined) ?? agentByCounter.get(c.id);
        const open = level.get(c.id);
        const h = healthOf.get(c.id);
        return {
          counterId: c.id,
          counterName: c.name,
          centreId: c.centreId,
          departmentId: c.departmentId,
          field: c.field,
          level: open?.level ?? null,
          levelAt: open?.updatedAt ?? null,
          visitActive: open !== undefined,
          today: summaries.get(c.id) ?? emptySummary(),
          openIncidents: openCount.get(c.id) ?? 0,
          agent: {
            agentId: agent?.agentId ?? c.agentId,
            online: agent?.online ?? false,
            lastSeen: agent && agent.lastSeenAt > 0 ? agent.lastSeenAt : null,
          },
          cameraState: h?.cameraState ?? null,
          degraded: h?.degraded ?? false,
        };
      });
    },
  };
}
