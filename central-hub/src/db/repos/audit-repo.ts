import type { SqlClient } from "../sql-client.js";

export interface AuditRow {
  id: string;
  actor: string;
  action: string;
  target: string | null;
  /** JSON text. */
  details: string | null;
  at: number;
}

export async function insertAuditRow(sql: SqlClient, row: AuditRow): Promise<void> {
  await sql.execute("INSERT INTO audit_log (id, actor, action, target, details, at) VALUES (?, ?, ?, ?, ?, ?)", [
    row.id,
    row.actor,
    row.action,
    row.target,
    row.details,
    row.at,
  ]);
}

export interface AuditRowQuery {
  /** `at` in [from, to). */
  from?: number;
  to?: number;
  action?: string;
  target?: string;
  limit: number;
}

/** Newest first. */
export async function listAuditRows(sql: SqlClient, q: AuditRowQuery): Promise<AuditRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const filters: Array<[string, unknown]> = [
    ["at >= ?", q.from],
    ["at < ?", q.to],
    ["action = ?", q.action],
    ["target = ?", q.target],
  ];
  for (const [clause, value] of filters) {
    if (value === undefined) continue;
    where.push(clause);
    params.push(value);
  }
  params.push(q.limit);
  return sql.query<AuditRow>(
    `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY at DESC, id DESC LIMIT ?`,
    params,
  );
}
