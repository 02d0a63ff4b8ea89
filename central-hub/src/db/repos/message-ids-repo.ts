import type { SqlClient } from "../sql-client.js";

const CHUNK = 300;

/**
 * Records message ids and returns those seen for the first time: a redelivered message (same id) is
 * claimed once, in this hub or another hub sharing the database.
 */
export async function claimMessageIds(
  sql: SqlClient,
  messages: ReadonlyArray<{ id: string; kind: string }>,
  receivedAt: number,
): Promise<Set<string>> {
  const fresh = new Set<string>();
  const unique = new Map<string, string>();
  for (const m of messages) if (!unique.has(m.id)) unique.set(m.id, m.kind);
  // Sorted: concurrent hubs claiming overlapping ids take the index locks in one order.
  const entries = [...unique].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (let i = 0; i < entries.length; i += CHUNK) {
    const chunk = entries.slice(i, i + CHUNK);
    const values = chunk.map(() => "(?, ?, ?)").join(", ");
    const params = chunk.flatMap(([id, kind]) => [id, kind, receivedAt]);
    const rows = await sql.query<{ id: string }>(
      `INSERT INTO message_ids (id, kind, received_at) VALUES ${values} ON CONFLICT (id) DO NOTHING RETURNING id`,
      params,
    );
    for (const row of rows) fresh.add(row.id);
  }
  return fresh;
}

export async function pruneMessageIds(sql: SqlClient, receivedBefore: number): Promise<number> {
  return sql.execute("DELETE FROM message_ids WHERE received_at < ?", [receivedBefore]);
}
