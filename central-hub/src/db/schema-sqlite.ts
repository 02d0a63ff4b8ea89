import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { type ColumnSpec, TABLES, type TableName, type TableSpec } from "./schema.js";

/** SQLite expression of schema.ts; drizzle-kit reads this file to generate drizzle/sqlite migrations. */

// drizzle's builder types are per-column generics; a spec-driven table only needs the runtime objects.
type Builder = ReturnType<typeof integer> & ReturnType<typeof text> & ReturnType<typeof real>;

function column(name: string, spec: ColumnSpec, isPrimaryKey: boolean): Builder {
  let b = (
    spec.type === "real" ? real(name) : spec.type === "text" || spec.type === "json" ? text(name) : integer(name)
  ) as Builder;
  if (isPrimaryKey) b = b.primaryKey() as unknown as Builder;
  else if (spec.notNull) b = b.notNull() as unknown as Builder;
  if (spec.default !== undefined) b = b.default(spec.default as never) as unknown as Builder;
  return b;
}

function table(name: TableName) {
  const spec: TableSpec = TABLES[name];
  const singlePk = spec.primaryKey.length === 1 ? spec.primaryKey[0] : undefined;
  const columns: Record<string, Builder> = {};
  for (const [c, s] of Object.entries(spec.columns)) columns[c] = column(c, s, c === singlePk);
  return sqliteTable(name, columns, (t) => {
    const col = (c: string) => (t as unknown as Record<string, never>)[c] as never;
    const extras = [];
    if (singlePk === undefined) {
      const [first, ...rest] = spec.primaryKey.map(col) as [never, ...never[]];
      extras.push(primaryKey({ columns: [first, ...rest] }));
    }
    for (const ix of spec.indexes ?? []) {
      const [first, ...rest] = ix.columns.map(col) as [never, ...never[]];
      extras.push((ix.unique ? uniqueIndex : index)(ix.name).on(first, ...rest));
    }
    return extras;
  });
}

export const wards = table("wards");
export const centres = table("centres");
export const departments = table("departments");
export const counters = table("counters");
export const people = table("people");
export const officials = table("officials");
export const rosterShifts = table("roster_shifts");
export const agents = table("agents");
export const messageIds = table("message_ids");
export const visits = table("visits");
export const incidents = table("incidents");
export const scoreWindows = table("score_windows");
export const healthLatest = table("health_latest");
export const healthSamples = table("health_samples");
export const deadLetters = table("dead_letters");
export const agentCredentials = table("agent_credentials");
export const rollupHourly = table("rollup_hourly");
export const rollupDaily = table("rollup_daily");
export const rollupMonthly = table("rollup_monthly");
export const auditLog = table("audit_log");
export const sessions = table("sessions");
export const alerts = table("alerts");
export const smsOutbox = table("sms_outbox");
export const smsStatusEvents = table("sms_status_events");
export const counterLiveness = table("counter_liveness");
