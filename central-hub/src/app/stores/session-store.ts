import { deleteSession, getSession, insertSession, pruneSessions } from "../../db/repos/sessions-repo.js";
import type { SqlClient } from "../../db/sql-client.js";
import type { SessionStore } from "../../http/ports.js";

/** Sessions survive a hub restart; expired rows are removed when met and by prune(). */
export function createSqlSessionStore(sql: SqlClient): SessionStore & { prune(now: number): Promise<number> } {
  return {
    insert: (s) => insertSession(sql, s),
    get: (id) => getSession(sql, id),
    delete: (id) => deleteSession(sql, id),
    prune: (now) => pruneSessions(sql, now),
  };
}
