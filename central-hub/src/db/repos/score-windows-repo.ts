import type { LevelShares, ScoreWindowMessage } from "@hailong/protocol";
import type { SqlClient } from "../sql-client.js";

export interface ScoreWindowRecord {
  id: string;
  counterId: string;
  agentId: string;
  windowStart: number;
  windowEnd: number;
  visits: number;
  observedMs: number;
  shares: LevelShares;
  score: number | null;
}

export async function insertScoreWindow(sql: SqlClient, m: ScoreWindowMessage): Promise<void> {
  await sql.execute(
    `INSERT INTO score_windows (id, counter_id, agent_id, window_start, window_end, visits, observed_ms,
       share_very_satisfied, share_satisfied, share_neutral, share_dissatisfied, score)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
    [
      m.id,
      m.counterId,
      m.agentId,
      m.windowStart,
      m.windowEnd,
      m.visits,
      m.observedMs,
      m.shares.very_satisfied,
      m.shares.satisfied,
      m.shares.neutral,
      m.shares.dissatisfied,
      m.score,
    ],
  );
}

interface Row {
  id: string;
  counter_id: string;
  agent_id: string;
  window_start: number;
  window_end: number;
  visits: number;
  observed_ms: number;
  share_very_satisfied: number;
  share_satisfied: number;
  share_neutral: number;
  share_dissatisfied: number;
  score: number | null;
}

/** Windows of one counter starting in [from, to), oldest first. */
export async function listScoreWindows(
  sql: SqlClient,
  counterId: string,
  from: number,
  to: number,
  limit = 10_000,
): Promise<ScoreWindowRecord[]> {
  const rows = await sql.query<Row>(
    `SELECT * FROM score_windows WHERE counter_id = ? AND window_start >= ? AND window_start < ?
     ORDER BY window_start LIMIT ?`,
    [counterId, from, to, limit],
  );
  return rows.map((r) => ({
    id: r.id,
    counterId: r.counter_id,
    agentId: r.agent_id,
    windowStart: r.window_start,
    windowEnd: r.window_end,
    visits: r.visits,
    observedMs: r.observed_ms,
    shares: {
      very_satisfied: r.share_very_satisfied,
      satisfied: r.share_satisfied,
      neutral: r.share_neutral,
      dissatisfied: r.share_dissatisfied,
    },
    score: r.score,
  }));
}

export async function pruneScoreWindows(sql: SqlClient, windowStartBefore: number): Promise<number> {
  return sql.execute("DELETE FROM score_windows WHERE window_start < ?", [windowStartBefore]);
}
