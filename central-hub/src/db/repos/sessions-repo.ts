import type { SqlClient } from "../sql-client.js";

export interface StoredSession {
  id: string;
  personId: string;
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
}

interface SessionRow {
  id: string;
  person_id: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
}

export async function insertSession(sql: SqlClient, s: StoredSession): Promise<void> {
  await sql.execute("INSERT INTO sessions (id, person_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)", [
    s.id,
    s.personId,
    s.csrfToken,
    s.createdAt,
    s.expiresAt,
  ]);
}

export async function getSession(sql: SqlClient, id: string): Promise<StoredSession | undefined> {
  const [row] = await sql.query<SessionRow>("SELECT * FROM sessions WHERE id = ?", [id]);
  if (!row) return undefined;
  return {
    id: row.id,
    personId: row.person_id,
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

export async function deleteSession(sql: SqlClient, id: string): Promise<void> {
  await sql.execute("DELETE FROM sessions WHERE id = ?", [id]);
}

export async function pruneSessions(sql: SqlClient, now: number): Promise<number> {
  return sql.execute("DELETE FROM sessions WHERE expires_at <= ?", [now]);
}
