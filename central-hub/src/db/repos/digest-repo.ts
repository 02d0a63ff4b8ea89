import type { SqlClient } from "../sql-client.js";

/** Someone who asked for the daily digest, with what they oversee (centre, and their department's field). */
export interface DigestRecipient {
  personId: string;
  name: string;
  phone: string;
  digestHour: number;
  /** null: every centre (hub-wide people). */
  centreId: string | null;
  /** Department heads: only counters of their department's field. */
  departmentId: string | null;
}

/** People who asked for the digest; never officials (cán bộ), since a digest counts the centre's incidents. */
export async function digestRecipients(sql: SqlClient): Promise<DigestRecipient[]> {
  const rows = await sql.query<{
    id: string;
    name: string;
    phone: string;
    digest_hour: number;
    centre_id: string | null;
    department_id: string | null;
    role: string;
  }>(
    `SELECT id, name, phone, digest_hour, centre_id, department_id, role FROM people
     WHERE active = 1 AND phone IS NOT NULL AND alert_delivery IN ('digest', 'both') AND role <> 'official'
     ORDER BY id`,
  );
  return rows.map((r) => ({
    personId: r.id,
    name: r.name,
    phone: r.phone,
    digestHour: Number(r.digest_hour),
    centreId: r.centre_id,
    departmentId: r.role === "department_head" ? r.department_id : null,
  }));
}

export interface CounterIncidentCount {
  counterId: string;
  counterName: string;
  incidents: number;
  open: number;
  falseAlarms: number;
}

/** Non-test incidents with onset in [from, to) on the counters a digest recipient oversees, busiest first. */
export async function incidentCountsInScope(
  sql: SqlClient,
  scope: Pick<DigestRecipient, "centreId" | "departmentId">,
  from: number,
  to: number,
): Promise<CounterIncidentCount[]> {
  const where = ["i.test = 0", "i.onset >= ?", "i.onset < ?"];
  const params: unknown[] = [from, to];
  if (scope.centreId !== null) {
    where.push("c.centre_id = ?");
    params.push(scope.centreId);
  }
  if (scope.departmentId !== null) {
    where.push("c.field = (SELECT d.field FROM departments d WHERE d.id = ?)");
    params.push(scope.departmentId);
  }
  const rows = await sql.query<{ counter_id: string; name: string; n: number; open: number; false_alarms: number }>(
    `SELECT i.counter_id, c.name, COUNT(*) AS n,
       SUM(CASE WHEN i.status = 'open' THEN 1 ELSE 0 END) AS open,
       SUM(CASE WHEN i.outcome = 'false-alarm' THEN 1 ELSE 0 END) AS false_alarms
     FROM incidents i JOIN counters c ON c.id = i.counter_id
     WHERE ${where.join(" AND ")} GROUP BY i.counter_id, c.name ORDER BY n DESC, i.counter_id`,
    params,
  );
  return rows.map((r) => ({
    counterId: r.counter_id,
    counterName: r.name,
    incidents: Number(r.n),
    open: Number(r.open),
    falseAlarms: Number(r.false_alarms),
  }));
}

/** Whether an SMS with this dedupe key is already in the outbox (whatever its state). */
export async function outboxHasKey(sql: SqlClient, dedupeKey: string): Promise<boolean> {
  const rows = await sql.query<{ one: number }>("SELECT 1 AS one FROM sms_outbox WHERE dedupe_key = ?", [dedupeKey]);
  return rows.length > 0;
}
