import type { SqlClient } from "../sql-client.js";

/** Replaces the agent's credential: issuing a new secret revokes the old one. */
export async function saveAgentCredential(
  sql: SqlClient,
  agentId: string,
  secretHash: string,
  at: number,
): Promise<void> {
  await sql.execute(
    `INSERT INTO agent_credentials (agent_id, secret_hash, issued_at) VALUES (?, ?, ?)
     ON CONFLICT (agent_id) DO UPDATE SET secret_hash = excluded.secret_hash, issued_at = excluded.issued_at`,
    [agentId, secretHash, at],
  );
}

export async function findAgentSecretHash(sql: SqlClient, agentId: string): Promise<string | undefined> {
  const rows = await sql.query<{ secret_hash: string }>(
    "SELECT secret_hash FROM agent_credentials WHERE agent_id = ?",
    [agentId],
  );
  return rows[0]?.secret_hash;
}

export async function deleteAgentCredential(sql: SqlClient, agentId: string): Promise<boolean> {
  return (await sql.execute("DELETE FROM agent_credentials WHERE agent_id = ?", [agentId])) > 0;
}

export async function listCredentialedAgents(sql: SqlClient): Promise<string[]> {
  const rows = await sql.query<{ agent_id: string }>("SELECT agent_id FROM agent_credentials ORDER BY agent_id");
  return rows.map((r) => r.agent_id);
}
