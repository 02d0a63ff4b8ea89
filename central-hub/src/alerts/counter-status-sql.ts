import type { SqlClient } from "../db/sql-client.js";
import type { CounterLiveness, CounterStatus, CounterStatusSource } from "./ports.js";

/**
 * Counter status from the tables ingest keeps (agents: retained availability; health_latest: the last health
 * per counter). A counter is offline when its agent said so (last will) or its health is older than
 * `healthStaleMs`; `since` comes from stored timestamps so it is the same after a hub restart, which keeps
 * the offline alert's dedupe key stable.
 */
export function createSqlCounterStatusSource(sql: SqlClient, healthStaleMs: number): CounterStatusSource {
  return {
    async status(counterId): Promise<CounterStatus> {
      const [row] = await sql.query<{ state: string | null; degraded: number | boolean | null }>(
        `SELECT a.state, h.degraded FROM counters c
         LEFT JOIN health_latest h ON h.counter_id = c.id
         LEFT JOIN agents a ON a.agent_id = COALESCE(h.agent_id, c.agent_id)
         WHERE c.id = ?`,
        [counterId],
      );
      // No row yet (a counter the directory does not know, no health so far): trust the incident.
      return { agentOnline: row?.state !== "offline", degraded: row?.degraded === 1 || row?.degraded === true };
    },
    async liveness(at): Promise<CounterLiveness[]> {
      const rows = await sql.query<{
        counter_id: string;
        state: string | null;
        state_at: number | string | null;
        health_ts: number | string | null;
      }>(
        `SELECT c.id AS counter_id, a.state, a.state_at, h.ts AS health_ts FROM counters c
         LEFT JOIN health_latest h ON h.counter_id = c.id
         LEFT JOIN agents a ON a.agent_id = COALESCE(h.agent_id, c.agent_id)
         WHERE c.active = 1`,
      );
      const out: CounterLiveness[] = [];
      for (const r of rows) {
        const healthTs = r.health_ts === null ? undefined : Number(r.health_ts);
        if (r.state === "offline") {
          out.push({ counterId: r.counter_id, online: false, since: Number(r.state_at ?? 0) });
        } else if (healthTs !== undefined && at - healthTs > healthStaleMs) {
          out.push({ counterId: r.counter_id, online: false, since: healthTs });
        } else if (healthTs !== undefined || r.state === "online") {
          out.push({ counterId: r.counter_id, online: true, since: healthTs ?? Number(r.state_at ?? at) });
        }
      }
      return out;
    },
  };
}
