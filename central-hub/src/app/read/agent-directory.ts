import type { AgentDto, CameraState } from "@hailong/protocol";
import type { SqlClient } from "../../db/sql-client.js";
import type { AgentDirectory, VisitExporter } from "../../http/ports.js";
import type { AgentRegistry } from "../../registry/agent-registry.js";
import { endedVisits } from "./analytics-reader.js";

interface HealthRow {
  counter_id: string;
  agent_id: string;
  ts: number;
  camera_state: CameraState;
  fps: number;
  dropped_frames: number;
  inference_ms: number;
  degraded: number;
}

/** The agent registry plus each counter's latest health. */
export function createAgentDirectory(
  sql: SqlClient,
  registry: AgentRegistry,
  now: () => number = Date.now,
): AgentDirectory {
  return {
    async list() {
      const [agents, health] = await Promise.all([
        registry.list(now()),
        sql.query<HealthRow>(
          "SELECT counter_id, agent_id, ts, camera_state, fps, dropped_frames, inference_ms, degraded FROM health_latest",
        ),
      ]);
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
            .filter((h) => h.agent_id === a.agentId)
            .map((h) => ({
              counterId: h.counter_id,
              cameraState: h.camera_state,
              fps: h.fps,
              droppedFrames: h.dropped_frames,
              inferenceMs: h.inference_ms,
              degraded: h.degraded === 1,
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
