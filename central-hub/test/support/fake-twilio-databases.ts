import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { toolAvailable } from "@hailong/common/testing";
import pg from "pg";
import { type Database, openDatabase, withDefaultUser } from "../../src/db/open-database.js";
import type { SqlClient } from "../../src/db/sql-client.js";
import { PG_HINT } from "../../src/db/testing.js";

/**
 * Real, migrated databases for the SMS/alerts tests: a SQLite file (always) and PostgreSQL when
 * HAILONG_TEST_PG_URL is set (a schema of its own, dropped on close). `reopen()` opens a second connection
 * to the same data, as a restarted hub would.
 */
export interface TestDatabase {
  readonly kind: TestDatabaseKind;
  readonly sql: SqlClient;
  reopen(): Promise<SqlClient>;
  close(): Promise<void>;
}

export type TestDatabaseKind = "sqlite" | "pg";

export function databaseKinds(): TestDatabaseKind[] {
  return toolAvailable("PostgreSQL", Boolean(process.env.HAILONG_TEST_PG_URL), PG_HINT) ? ["sqlite", "pg"] : ["sqlite"];
}

export async function openTestDatabase(kind: TestDatabaseKind): Promise<TestDatabase> {
  const handles: Database[] = [];
  let open: () => Promise<Database>;
  let cleanup: () => Promise<void>;
  if (kind === "sqlite") {
    const dir = mkdtempSync(path.join(tmpdir(), "hailong-sms-"));
    open = () => openDatabase(`sqlite:${path.join(dir, "hub.sqlite")}`);
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const url = process.env.HAILONG_TEST_PG_URL ?? "";
    const schema = `sms_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    open = () => openDatabase(url, { pgSchema: schema });
    cleanup = async () => {
      const client = new pg.Client({ connectionString: withDefaultUser(url) });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    };
  }
  const first = await open();
  handles.push(first);
  return {
    kind,
    sql: first.sql,
    async reopen() {
      const again = await open();
      handles.push(again);
      return again.sql;
    },
    async close() {
      for (const handle of handles) await handle.close();
      await cleanup();
    },
  };
}
