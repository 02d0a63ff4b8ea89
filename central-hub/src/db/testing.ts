import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { toolAvailable } from "@hailong/common/testing";
import pg from "pg";
import { type Database, openDatabase, withDefaultUser } from "./open-database.js";

export interface TestDatabase {
  db: Database;
  /** Closes the database and deletes its file or schema. */
  dispose(): Promise<void>;
}

export const PG_HINT = "set HAILONG_TEST_PG_URL=postgres://127.0.0.1:5432/test";

/**
 * The databases a storage test runs against: always a fresh SQLite file in a temp dir, plus PostgreSQL
 * at HAILONG_TEST_PG_URL (CI sets it) in a schema of its own, dropped afterwards.
 */
export function databaseKinds(
  env: NodeJS.ProcessEnv = process.env,
): Array<{ name: string; open: () => Promise<TestDatabase> }> {
  const kinds = [{ name: "sqlite", open: openTestSqlite }];
  const url = env.HAILONG_TEST_PG_URL;
  if (toolAvailable("PostgreSQL", url !== undefined && url !== "", PG_HINT, env)) {
    kinds.push({ name: "postgres", open: () => openTestPg(url as string) });
  }
  return kinds;
}

export async function openTestSqlite(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), "hailong-hub-"));
  const db = await openDatabase(`sqlite:${join(dir, "hub.sqlite")}`);
  return {
    db,
    dispose: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function openTestPg(url: string): Promise<TestDatabase> {
  const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const db = await openDatabase(url, { pgSchema: schema });
  return {
    db,
    dispose: async () => {
      await db.close();
      const client = new pg.Client({ connectionString: withDefaultUser(url) });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
