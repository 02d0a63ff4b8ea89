import type { LivenessState } from "../../alerts/liveness.js";
import type { SqlClient } from "../sql-client.js";

/**
 * The alert monitor's liveness decisions per counter, stored so they outlive the hub process and are the
 * same for every hub sharing the database.
 */
export async function loadLiveness(sql: SqlClient): Promise<Map<string, LivenessState>> {
  const rows = await sql.query<{
    counter_id: string;
    online: number | boolean;
    since: number | string;
    offline_alerted: number | boolean;
  }>("SELECT counter_id, online, since, offline_alerted FROM counter_liveness");
  return new Map(
    rows.map((r) => [
      r.counter_id,
      { online: Number(r.online) === 1, since: Number(r.since), offlineAlerted: Number(r.offline_alerted) === 1 },
    ]),
  );
}

export async function saveLiveness(sql: SqlClient, counterId: string, state: LivenessState, at: number) {
  await sql.execute(
    `INSERT INTO counter_liveness (counter_id, online, since, offline_alerted, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (counter_id) DO UPDATE SET online = excluded.online, since = excluded.since,
       offline_alerted = excluded.offline_alerted, updated_at = excluded.updated_at`,
    [counterId, state.online, state.since, state.offlineAlerted, at],
  );
}
