import type { SqlClient } from "../../db/sql-client.js";
import type { SessionRecord, SessionStore } from "../../http/ports.js";

interface SessionRow {
  id: string;
  person_id: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
}

/** Sessions survive a hub restart; expired rows are removed when met and by prune(). */
export function createSqlSessionStore(sql: SqlClient): SessionStore & { prune(now: number): Promise<number> } {
  return {
    async insert(s: SessionRecord) {
      await sql.execute(
        "INSERT INTO sessions (id, person_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
        [s.id, s.personId, s.csrfToken, s.createdAt, s.expiresAt],
      );
    },
    async get(id) {
      const [row] = await sql.query<SessionRow>("SELECT * FROM sessions WHERE id = ?", [id]);
      if (!row) return undefined;
      return {
        id: row.id,
        personId: row.person_id,
        csrfToken: row.csrf_token,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
      };
    },
    async delete(id) {
      await sql.execute("DELETE FROM sessions WHERE id = ?", [id]);
    },
    prune: (now) => sql.execute("DELETE FROM sessions WHERE expires_at <= ?", [now]),
  };
}
