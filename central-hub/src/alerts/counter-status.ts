import { activeCounterReports, counterAgentState } from "../db/repos/counter-status-repo.js";
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
      const row = await counterAgentState(sql, counterId);
      // No row yet (a counter the directory does not know, no health so far): trust the incident.
      return { agentOnline: row?.state !== "offline", degraded: row?.degraded ?? false };
    },
    async liveness(at): Promise<CounterLiveness[]> {
      const out: CounterLiveness[] = [];
      for (const r of await activeCounterReports(sql)) {
        const healthTs = r.healthTs ?? undefined;
        if (r.state === "offline") {
          out.push({ counterId: r.counterId, online: false, since: r.stateAt ?? 0 });
        } else if (healthTs !== undefined && at - healthTs > healthStaleMs) {
          out.push({ counterId: r.counterId, online: false, since: healthTs });
        } else if (healthTs !== undefined || r.state === "online") {
          out.push({ counterId: r.counterId, online: true, since: healthTs ?? r.stateAt ?? at });
        }
      }
      return out;
    },
  };
}
