import type { SqlClient } from "../sql-client.js";

/** Counter id -> the agent the directory assigns it to. */
export async function listCounterAssignments(sql: SqlClient): Promise<Map<string, string>> {
  const rows = await sql.query<{ id: string; agent_id: string }>(
    "SELECT id, agent_id FROM counters WHERE agent_id IS NOT NULL",
  );
  return new Map(rows.map((r) => [r.id, r.agent_id]));
}
