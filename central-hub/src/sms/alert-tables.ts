import { type ColumnSpec, TABLES, type TableName } from "../db/spec.js";
import type { SqlClient } from "./sql-client.js";

/**
 * CREATE TABLE IF NOT EXISTS for the tables the alert and outbox repositories use, generated from the
 * shared spec (db/spec.ts). For tests and for a hub started before the db layer's migrations cover them;
 * the migrations remain the source of truth in production.
 */
export const ALERT_TABLES = ["incidents", "alerts", "sms_outbox", "sms_status_events"] as const satisfies TableName[];

export function alertTablesDdl(dialect: "sqlite" | "pg"): string[] {
  const statements: string[] = [];
  for (const name of ALERT_TABLES) {
    const spec = TABLES[name];
    const columns = Object.entries(spec.columns).map(([column, c]) => columnDdl(column, c, dialect));
    statements.push(
      `CREATE TABLE IF NOT EXISTS ${name} (${columns.join(", ")}, PRIMARY KEY (${spec.primaryKey.join(", ")}))`,
    );
    for (const index of "indexes" in spec ? spec.indexes : []) {
      const unique = "unique" in index && index.unique ? "UNIQUE " : "";
      statements.push(`CREATE ${unique}INDEX IF NOT EXISTS ${index.name} ON ${name} (${index.columns.join(", ")})`);
    }
  }
  return statements;
}

function columnDdl(name: string, spec: ColumnSpec, dialect: "sqlite" | "pg"): string {
  const type =
    spec.type === "real"
      ? dialect === "pg"
        ? "DOUBLE PRECISION"
        : "REAL"
      : spec.type === "text" || spec.type === "json"
        ? "TEXT"
        : spec.type === "time" && dialect === "pg"
          ? "BIGINT"
          : "INTEGER";
  const notNull = spec.notNull ? " NOT NULL" : "";
  const dflt =
    spec.default === undefined
      ? ""
      : ` DEFAULT ${typeof spec.default === "number" ? spec.default : `'${spec.default}'`}`;
  return `${name} ${type}${notNull}${dflt}`;
}

export async function ensureAlertTables(client: SqlClient): Promise<void> {
  for (const statement of alertTablesDdl(client.dialect)) await client.execute(statement);
}
