import {
  type AlertDelivery,
  type Centre,
  type Counter,
  type Department,
  type OpeningHours,
  OpeningHoursSchema,
  type Person,
  type PersonInput,
  type Role,
  type Ward,
} from "../../directory/model.js";
import type { SqlClient } from "../sql-client.js";

/*
 * All directory SQL. Upserts only touch a row when a value differs, so loading the same seed twice
 * changes nothing (not even updated_at).
 */

function upsertSql(table: string, key: string, columns: string[], keep: string[] = []): string {
  const all = [key, ...columns, "updated_at"];
  const changed = columns.filter((c) => !keep.includes(c)).map((c) => `${table}.${c} IS DISTINCT FROM excluded.${c}`);
  const sets = columns.map((c) =>
    keep.includes(c) ? `${c} = COALESCE(excluded.${c}, ${table}.${c})` : `${c} = excluded.${c}`,
  );
  const keptChanged = keep.map((c) => `(excluded.${c} IS NOT NULL AND ${table}.${c} IS DISTINCT FROM excluded.${c})`);
  return `INSERT INTO ${table} (${all.join(", ")}) VALUES (${all.map(() => "?").join(", ")})
    ON CONFLICT (${key}) DO UPDATE SET ${[...sets, "updated_at = excluded.updated_at"].join(", ")}
    WHERE ${[...changed, ...keptChanged].join(" OR ")}`;
}

const WARD = upsertSql("wards", "id", ["name", "district", "city"]);
const CENTRE = upsertSql("centres", "id", ["ward_id", "name", "address", "opening_hours"]);
const DEPARTMENT = upsertSql("departments", "id", ["centre_id", "field", "name"]);
const COUNTER = upsertSql("counters", "id", ["centre_id", "field", "name", "agent_id", "active"]);
const PERSON = upsertSql(
  "people",
  "id",
  [
    "centre_id",
    "department_id",
    "role",
    "name",
    "phone",
    "email",
    "username",
    "password_hash",
    "escalation_rank",
    "active",
    "alert_delivery",
    "digest_hour",
  ],
  ["password_hash"],
);

/** Returns true when the row was inserted or changed. */
export async function upsertWard(sql: SqlClient, w: Ward, at: number): Promise<boolean> {
  return (await sql.execute(WARD, [w.id, w.name, w.district, w.city, at])) > 0;
}
export async function upsertCentre(sql: SqlClient, c: Centre, at: number): Promise<boolean> {
  const hours = JSON.stringify(OpeningHoursSchema.parse(c.openingHours));
  return (await sql.execute(CENTRE, [c.id, c.wardId, c.name, c.address, hours, at])) > 0;
}
export async function upsertDepartment(sql: SqlClient, d: Department, at: number): Promise<boolean> {
  return (await sql.execute(DEPARTMENT, [d.id, d.centreId, d.field, d.name, at])) > 0;
}
export async function upsertCounter(sql: SqlClient, c: Counter, at: number): Promise<boolean> {
  return (await sql.execute(COUNTER, [c.id, c.centreId, c.field, c.name, c.agentId, c.active, at])) > 0;
}
/** A person without a password hash keeps the stored one. */
export async function upsertPerson(sql: SqlClient, p: PersonInput, at: number): Promise<boolean> {
  const params = [p.id, p.centreId, p.departmentId, p.role, p.name, p.phone, p.email, p.username];
  const delivery = [p.alertDelivery, p.digestHour];
  return (await sql.execute(PERSON, [...params, p.passwordHash, p.escalationRank, p.active, ...delivery, at])) > 0;
}

export async function setPasswordHash(sql: SqlClient, personId: string, hash: string, at: number): Promise<boolean> {
  return (
    (await sql.execute("UPDATE people SET password_hash = ?, updated_at = ? WHERE id = ?", [hash, at, personId])) > 0
  );
}

/** Soft delete: people and counters keep their history. */
export async function deactivate(
  sql: SqlClient,
  table: "people" | "counters",
  id: string,
  at: number,
): Promise<boolean> {
  return (await sql.execute(`UPDATE ${table} SET active = 0, updated_at = ? WHERE id = ?`, [at, id])) > 0;
}

export async function deleteDepartment(sql: SqlClient, id: string): Promise<boolean> {
  return (await sql.execute("DELETE FROM departments WHERE id = ?", [id])) > 0;
}

type Row = Record<string, unknown>;
const str = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v));

function toWard(r: Row): Ward {
  return { id: String(r.id), name: String(r.name), district: str(r.district), city: str(r.city) };
}
function toCentre(r: Row): Centre {
  return {
    id: String(r.id),
    wardId: str(r.ward_id),
    name: String(r.name),
    address: str(r.address),
    openingHours: JSON.parse(String(r.opening_hours)) as OpeningHours,
  };
}
/** A department row, and the same four columns of a counter row (a counter serves one field of a centre). */
function toDepartment(r: Row): Department {
  return { id: String(r.id), centreId: String(r.centre_id), field: String(r.field), name: String(r.name) };
}
function toCounter(r: Row): Counter {
  return { ...toDepartment(r), agentId: str(r.agent_id), active: Number(r.active) === 1 };
}
export function toPerson(r: Row): Person {
  return {
    id: String(r.id),
    centreId: str(r.centre_id),
    departmentId: str(r.department_id),
    role: String(r.role) as Role,
    name: String(r.name),
    phone: str(r.phone),
    email: str(r.email),
    username: str(r.username),
    escalationRank: Number(r.escalation_rank),
    active: Number(r.active) === 1,
    alertDelivery: String(r.alert_delivery) as AlertDelivery,
    digestHour: Number(r.digest_hour),
  };
}

export const listWards = async (sql: SqlClient) =>
  (await sql.query<Row>("SELECT * FROM wards ORDER BY id")).map(toWard);
export const listCentres = async (sql: SqlClient) =>
  (await sql.query<Row>("SELECT * FROM centres ORDER BY id")).map(toCentre);
export const listDepartments = async (sql: SqlClient) =>
  (await sql.query<Row>("SELECT * FROM departments ORDER BY id")).map(toDepartment);
export const listCounters = async (sql: SqlClient) =>
  (await sql.query<Row>("SELECT * FROM counters ORDER BY id")).map(toCounter);
export const listPeople = async (sql: SqlClient) =>
  (await sql.query<Row>("SELECT * FROM people ORDER BY id")).map(toPerson);

export async function getCounter(sql: SqlClient, id: string): Promise<Counter | undefined> {
  const [row] = await sql.query<Row>("SELECT * FROM counters WHERE id = ?", [id]);
  return row === undefined ? undefined : toCounter(row);
}
export async function getCentre(sql: SqlClient, id: string): Promise<Centre | undefined> {
  const [row] = await sql.query<Row>("SELECT * FROM centres WHERE id = ?", [id]);
  return row === undefined ? undefined : toCentre(row);
}
export async function getDepartmentFor(
  sql: SqlClient,
  centreId: string,
  field: string,
): Promise<Department | undefined> {
  const [row] = await sql.query<Row>("SELECT * FROM departments WHERE centre_id = ? AND field = ?", [centreId, field]);
  return row === undefined ? undefined : toDepartment(row);
}

/** Active people of a centre with the given roles (hub-wide people, centre_id NULL, included), by rank. */
export async function peopleWithRoles(sql: SqlClient, centreId: string, roles: readonly Role[]): Promise<Person[]> {
  const rows = await sql.query<Row>(
    `SELECT * FROM people WHERE active = 1 AND role IN (${roles.map(() => "?").join(", ")})
       AND (centre_id = ? OR centre_id IS NULL) ORDER BY escalation_rank, id`,
    [...roles, centreId],
  );
  return rows.map(toPerson);
}

/** For login: the person with the hash (only this function returns it). */
export async function findPersonCredentials(
  sql: SqlClient,
  by: { username: string } | { id: string },
): Promise<{ person: Person; passwordHash: string | null } | undefined> {
  const [row] =
    "username" in by
      ? await sql.query<Row>("SELECT * FROM people WHERE username = ? AND active = 1", [by.username])
      : await sql.query<Row>("SELECT * FROM people WHERE id = ?", [by.id]);
  return row === undefined ? undefined : { person: toPerson(row), passwordHash: str(row.password_hash) ?? null };
}
