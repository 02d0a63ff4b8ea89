import type BetterSqlite3 from "better-sqlite3";
import type { Pool, PoolClient } from "pg";

/**
 * The narrow SQL surface the alert and outbox repositories need, over SQLite or PostgreSQL. SQL is
 * written once with `?` placeholders (rewritten to $1.. for pg) and only portable constructs.
 * TODO(db): replace with the db layer's executor once central-hub/src/db exposes one.
 */
export interface SqlClient {
  readonly dialect: "sqlite" | "pg";
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Returns the number of rows changed. */
  execute(sql: string, params?: unknown[]): Promise<number>;
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T>;
}

export function createSqliteClient(db: BetterSqlite3.Database): SqlClient {
  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const toSqlite = (params: unknown[]) => params.map((p) => (typeof p === "boolean" ? (p ? 1 : 0) : p));
  const client: SqlClient = {
    dialect: "sqlite",
    query: async <T>(sql: string, params: unknown[] = []) => prepare(sql).all(...toSqlite(params)) as T[],
    execute: async (sql, params = []) => prepare(sql).run(...toSqlite(params)).changes,
    // One connection: transactions must not nest or interleave, so they queue behind each other.
    transaction: (work) => serialise(async () => runInTransaction(client, work)),
  };
  let tail: Promise<unknown> = Promise.resolve();
  const serialise = <T>(task: () => Promise<T>): Promise<T> => {
    const next = tail.then(task, task);
    tail = next.catch(() => undefined);
    return next;
  };
  return client;
}

async function runInTransaction<T>(client: SqlClient, work: (tx: SqlClient) => Promise<T>): Promise<T> {
  await client.execute("BEGIN IMMEDIATE");
  try {
    const result = await work(client);
    await client.execute("COMMIT");
    return result;
  } catch (error) {
    await client.execute("ROLLBACK");
    throw error;
  }
}

export function createPgClient(pool: Pool): SqlClient {
  return pgClient(pool, async (work) => {
    const connection = await pool.connect();
    try {
      await connection.query("BEGIN");
      const result = await work(pgClient(connection, () => Promise.reject(new Error("nested transaction"))));
      await connection.query("COMMIT");
      return result;
    } catch (error) {
      await connection.query("ROLLBACK");
      throw error;
    } finally {
      connection.release();
    }
  });
}

function pgClient(
  target: Pool | PoolClient,
  transaction: <T>(work: (tx: SqlClient) => Promise<T>) => Promise<T>,
): SqlClient {
  return {
    dialect: "pg",
    query: async <T>(sql: string, params: unknown[] = []) =>
      (await target.query(toPgPlaceholders(sql), params.map(toPgParam))).rows as T[],
    execute: async (sql, params = []) =>
      (await target.query(toPgPlaceholders(sql), params.map(toPgParam))).rowCount ?? 0,
    transaction,
  };
}

function toPgParam(value: unknown): unknown {
  return typeof value === "boolean" ? (value ? 1 : 0) : value;
}

export function toPgPlaceholders(sql: string): string {
  let index = 0;
  return sql.replace(/\?/g, () => `$${++index}`);
}
