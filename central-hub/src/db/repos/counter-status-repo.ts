import type { SqlClient } from "../sql-client.js";

/*
 * What alerting reads about a counter's agent and health: the agent's retained availability (agents) joined
 * through the counter's last health (or, without health, its directory assignment).
 */

const FROM_COUNTERS = `FROM counters c
  LEFT JOIN health_latest h ON h.counter_id = c.id
  LEFT JOIN agents a ON a.agent_id = COALESCE(h.agent_id, c.agent_id)`;

/** The counter's agent availability and health flag; undefined for a counter the directory does not know. */
export async function counterAgentState(
  sql: SqlClient,
  counterId: string,
): Promise<{ state: string | null; degraded: boolean } | undefined> {
  const [row] = await sql.query<{ state: string | null; degraded: number | boolean | null }>(
    `SELECT a.state, h.degraded ${FROM_COUNTERS} WHERE c.id = ?`,
    [counterId],
  );
  return row === undefined ? undefined : { state: row.state, degraded: row.degraded === 1 || row.degraded === true };
}

export interface ActiveCounterReport {
  counterId: string;
  state: string | null;
  stateAt: number | null;
  healthTs: number | null;
}

/** Every active counter with its agent's availability (and when it changed) and its last health time. */
export async function activeCounterReports(sql: SqlClient): Promise<ActiveCounterReport[]> {
  const rows = await sql.query<{
    counter_id: string;
    state: string | null;
    state_at: number | string | null;
    health_ts: number | string | null;
  }>(`SELECT c.id AS counter_id, a.state, a.state_at, h.ts AS health_ts ${FROM_COUNTERS} WHERE c.active = 1`);
  return rows.map((r) => ({
    counterId: r.counter_id,
    state: r.state,
    stateAt: r.state_at === null ? null : Number(r.state_at),
    healthTs: r.health_ts === null ? null : Number(r.health_ts),
  }));
}
