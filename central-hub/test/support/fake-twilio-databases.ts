import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { ensureAlertTables } from "../../src/sms/alert-tables.js";
import { createPgClient, createSqliteClient, type SqlClient } from "../../src/sms/sql-client.js";

/**
 * Real databases for the SMS/alerts tests: a SQLite file (always) and PostgreSQL when HAILONG_TEST_PG_URL is
 * set (a fresh schema per database, dropped on close). `reopen()` gives a second connection to the same
 * data, as a restarted hub would have.
 */
export interface TestDatabase {
  readonly kind: "sqlite" | "pg";
  readonly sql: SqlClient;
  reopen(): Promise<SqlClient>;
  close(): Promise<void>;
}

export type TestDatabaseKind = "sqlite" | "pg";

export function databaseKinds(): TestDatabaseKind[] {
  return process.env.HAILONG_TEST_PG_URL ? ["sqlite", "pg"] : ["sqlite"];
}

export async function openTestDatabase(kind: TestDatabaseKind): Promise<TestDatabase> {
  return kind === "sqlite" ? openSqlite() : openPg(process.env.HAILONG_TEST_PG_URL ?? "");
}

async function openSqlite(): Promise<TestDatabase> {
  const dir = mkdtempSync(path.join(tmpdir(), "hailong-sms-"));
  const file = path.join(dir, "hub.sqlite");
  const handles: Database.Database[] = [];
  const open = () => {
    const db = new Database(file);
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 5000");
    handles.push(db);
    return createSqliteClient(db);
  };
  const sql = open();
  await ensureAlertTables(sql);
  return {
    kind: "sqlite",
    sql,
    reopen: async () => open(),
    async close() {
      for (const db of handles) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function openPg(rawUrl: string): Promise<TestDatabase> {
  const schema = `hailong_sms_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  // A URL without a user name falls back to PGUSER / the OS user, as psql does.
  const parsed = new URL(rawUrl);
  if (parsed.username === "") parsed.username = process.env.PGUSER ?? process.env.USER ?? userInfo().username;
  const url = parsed.toString();
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  const pools: pg.Pool[] = [];
  const open = () => {
    const pool = new pg.Pool({ connectionString: url, max: 4, options: `-c search_path=${schema}` });
    pools.push(pool);
    return createPgClient(pool);
  };
  const sql = open();
  await ensureAlertTables(sql);
  return {
    kind: "pg",
    sql,
    reopen: async () => open(),
    async close() {
      for (const pool of pools) await pool.end();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}
