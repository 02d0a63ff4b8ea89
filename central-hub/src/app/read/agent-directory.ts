import type { AgentDto } from "@hailong/protocol";
import { latestHealth } from "../../db/repos/health-repo.js";
import type { SqlClient } from "../../db/sql-client.js";
import type { AgentDirectory, VisitExporter } from "../../http/ports.js";
import type { AgentRegistry } from "../../registry/agent-registry.js";
import { endedVisits } from "./analytics-reader.js";

/** The agent registry plus each counter's latest health. */
export function createAgentDirectory(
  sql: SqlClient,
  registry: AgentRegistry,
  now: () => number = Date.now,
): AgentDirectory {
  return {
    async list() {
      const [agents, health] = await Promise.all([registry.list(now()), latestHealth(sql)]);
      return agents.map(
        (a): AgentDto => ({
          agentId: a.agentId,
          online: a.online,
          lastSeen: a.lastSeenAt > 0 ? a.lastSeenAt : null,
          agentVersion: a.agentVersion,
          counters: a.counters,
          configVersion: a.configVersion,
          configHash: a.configHash,
          models: a.models ?? [],
          startedAt: a.startedAt,
          health: health
            .filter((h) => h.agentId === a.agentId)
            .map((h) => ({
              counterId: h.counterId,
              cameraState: h.cameraState,
              fps: h.fps,
              droppedFrames: h.droppedFrames,
              inferenceMs: h.inferenceMs,
              degraded: h.degraded,
              at: h.ts,
            })),
        }),
      );
    },
  };
}

export function createVisitExporter(sql: SqlClient): VisitExporter {
  return {
    async *visits(counterIds, from, to) {
      for await (const v of endedVisits(sql, counterIds, from, to)) {
        yield {
          visitId: v.visitId,
          counterId: v.counterId,
          startedAt: v.startedAt,
          endedAt: v.endedAt,
          durationMs: v.durationMs,
          score: v.score,
          level: v.level,
          shares: v.shares,
        };
      }
    },
  };
}
