import type { Official, RosterShift } from "../../directory/model.js";
import type { SqlClient } from "../sql-client.js";

/* Officials and the roster of shifts: all their SQL. Upserts are idempotent (a repeated seed changes nothing). */

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number) as [number, number];
  return h * 60 + m;
}
function hhmm(total: number): string {
  return `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
}

export async function upsertOfficial(sql: SqlClient, o: Official, at: number): Promise<boolean> {
  const changed = await sql.execute(
    `INSERT INTO officials (id, centre_id, name, person_id, active, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET centre_id = excluded.centre_id, name = excluded.name,
       person_id = excluded.person_id, active = excluded.active, updated_at = excluded.updated_at
     WHERE officials.centre_id IS DISTINCT FROM excluded.centre_id OR officials.name IS DISTINCT FROM excluded.name
       OR officials.person_id IS DISTINCT FROM excluded.person_id OR officials.active IS DISTINCT FROM excluded.active`,
    [o.id, o.centreId, o.name, o.personId ?? null, o.active ? 1 : 0, at],
  );
  return changed > 0;
}

export async function upsertRosterShift(sql: SqlClient, s: RosterShift, at: number): Promise<boolean> {
  const days = JSON.stringify(s.days);
  const changed = await sql.execute(
    `INSERT INTO roster_shifts (id, official_id, counter_id, days, start_minute, end_minute, valid_from, valid_to, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET official_id = excluded.official_id, counter_id = excluded.counter_id,
       days = excluded.days, start_minute = excluded.start_minute, end_minute = excluded.end_minute,
       valid_from = excluded.valid_from, valid_to = excluded.valid_to, updated_at = excluded.updated_at
     WHERE roster_shifts.official_id IS DISTINCT FROM excluded.official_id
       OR roster_shifts.counter_id IS DISTINCT FROM excluded.counter_id OR roster_shifts.days IS DISTINCT FROM excluded.days
       OR roster_shifts.start_minute IS DISTINCT FROM excluded.start_minute
       OR roster_shifts.end_minute IS DISTINCT FROM excluded.end_minute
       OR roster_shifts.valid_from IS DISTINCT FROM excluded.valid_from
       OR roster_shifts.valid_to IS DISTINCT FROM excluded.valid_to`,
    [
      s.id,
      s.officialId,
      s.counterId,
      days,
      minutes(s.start),
      minutes(s.end),
      s.validFrom ?? null,
      s.validTo ?? null,
      at,
    ],
  );
  return changed > 0;
}

/** Removes the shifts of these counters (a CSV import replaces a centre's roster). */
export async function deleteRosterShifts(sql: SqlClient, counterIds: readonly string[]): Promise<number> {
  if (counterIds.length === 0) return 0;
  return sql.execute(`DELETE FROM roster_shifts WHERE counter_id IN (${counterIds.map(() => "?").join(", ")})`, [
    ...counterIds,
  ]);
}

export async function listOfficials(sql: SqlClient): Promise<Official[]> {
  const rows = await sql.query<{
    id: string;
    centre_id: string;
    name: string;
    person_id: string | null;
    active: number;
  }>("SELECT id, centre_id, name, person_id, active FROM officials ORDER BY centre_id, name");
  return rows.map((r) => ({
    id: r.id,
    centreId: r.centre_id,
    name: r.name,
    ...(r.person_id ? { personId: r.person_id } : {}),
    active: Number(r.active) === 1,
  }));
}

export async function listRosterShifts(sql: SqlClient): Promise<RosterShift[]> {
  const rows = await sql.query<{
    id: string;
    official_id: string;
    counter_id: string;
    days: string;
    start_minute: number;
    end_minute: number;
    valid_from: string | null;
    valid_to: string | null;
  }>(
    "SELECT id, official_id, counter_id, days, start_minute, end_minute, valid_from, valid_to FROM roster_shifts ORDER BY counter_id, start_minute, id",
  );
  return rows.map((r) => ({
    id: r.id,
    officialId: r.official_id,
    counterId: r.counter_id,
    days: JSON.parse(r.days),
    start: hhmm(Number(r.start_minute)),
    end: hhmm(Number(r.end_minute)),
    ...(r.valid_from ? { validFrom: r.valid_from } : {}),
    ...(r.valid_to ? { validTo: r.valid_to } : {}),
  }));
}
