import type { CameraState, HealthMessage } from "@hailong/protocol";
import type { SqlClient } from "../sql-client.js";

export interface HealthRecord {
  counterId: string;
  agentId: string;
  ts: number;
  cameraState: CameraState;
  fps: number;
  capturedFrames: number;
  droppedFrames: number;
  inferenceMs: number;
  degraded: boolean;
  outboxPending: number;
  outboxDropped: number;
  modelIds: string[];
}

/** Keeps the sample (bounded by retention pruning) and the latest health per counter (never older). */
export async function storeHealth(sql: SqlClient, m: HealthMessage): Promise<void> {
  await sql.execute(
    `INSERT INTO health_samples (id, counter_id, ts, camera_state, fps, dropped_frames, inference_ms, degraded,
       outbox_pending) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
    [m.id, m.counterId, m.ts, m.cameraState, m.fps, m.droppedFrames, m.inferenceMs, m.degraded, m.outboxPending],
  );
  await sql.execute(
    `INSERT INTO health_latest (counter_id, agent_id, ts, camera_state, fps, captured_frames, dropped_frames,
       inference_ms, degraded, outbox_pending, outbox_dropped, model_ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (counter_id) DO UPDATE SET agent_id = excluded.agent_id, ts = excluded.ts,
       camera_state = excluded.camera_state, fps = excluded.fps, captured_frames = excluded.captured_frames,
       dropped_frames = excluded.dropped_frames, inference_ms = excluded.inference_ms, degraded = excluded.degraded,
       outbox_pending = excluded.outbox_pending, outbox_dropped = excluded.outbox_dropped,
       model_ids = excluded.model_ids
     WHERE excluded.ts > health_latest.ts`,
    [
      m.counterId,
      m.agentId,
      m.ts,
      m.cameraState,
      m.fps,
      m.capturedFrames,
      m.droppedFrames,
      m.inferenceMs,
      m.degraded,
      m.outboxPending,
      m.outboxDropped,
      JSON.stringify(m.modelIds),
    ],
  );
}

interface Row {
  counter_id: string;
  agent_id: string;
  ts: number;
  camera_state: CameraState;
  fps: number;
  captured_frames: number;
  dropped_frames: number;
  inference_ms: number;
  degraded: number;
  outbox_pending: number;
  outbox_dropped: number;
  model_ids: string;
}

/** Latest health of the given counters (all counters when omitted). */
export async function latestHealth(sql: SqlClient, counterIds?: readonly string[]): Promise<HealthRecord[]> {
  const rows =
    counterIds === undefined
      ? await sql.query<Row>("SELECT * FROM health_latest ORDER BY counter_id")
      : counterIds.length === 0
        ? []
        : await sql.query<Row>(
            `SELECT * FROM health_latest WHERE counter_id IN (${counterIds.map(() => "?").join(", ")})`,
            [...counterIds],
          );
  return rows.map((r) => ({
    counterId: r.counter_id,
    agentId: r.agent_id,
    ts: r.ts,
    cameraState: r.camera_state,
    fps: r.fps,
    capturedFrames: r.captured_frames,
    droppedFrames: r.dropped_frames,
    inferenceMs: r.inference_ms,
    degraded: r.degraded === 1,
    outboxPending: r.outbox_pending,
    outboxDropped: r.outbox_dropped,
    modelIds: JSON.parse(r.model_ids) as string[],
  }));
}

export async function pruneHealthSamples(sql: SqlClient, tsBefore: number): Promise<number> {
  return sql.execute("DELETE FROM health_samples WHERE ts < ?", [tsBefore]);
}
