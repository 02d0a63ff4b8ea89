import type { Pool, PoolClient } from "pg";
import { type SqlClient, toParam, toPgPlaceholders } from "./sql-client.js";

/** node-postgres adapter; the pool must parse int8/numeric as numbers (see open-database.ts). */
export function createPgClient(pool: Pool): SqlClient {
  return pgClient(pool, async (work) => {
    const connection = await pool.connect();
    try {
      await connection.query("BEGIN");
      const result = await work(pgClient(connection, (inner) => inner(pgClient(connection, noNesting))));
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

const noNesting = (): Promise<never> => Promise.reject(new Error("nested transactions are not supported"));

function pgClient(
  target: Pool | PoolClient,
  transaction: <T>(work: (tx: SqlClient) => Promise<T>) => Promise<T>,
): SqlClient {
  const cache = new Map<string, string>();
  const text = (sql: string): string => {
    let converted = cache.get(sql);
    if (converted === undefined) {
      converted = toPgPlaceholders(sql);
      cache.set(sql, converted);
    }
    return converted;
  };
  return {
    dialect: "pg",
    query: async <T>(sql: string, params: readonly unknown[] = []) =>
      (await target.query(text(sql), params.map(toParam))).rows as T[],
    execute: async (sql, params = []) => (await target.query(text(sql), params.map(toParam))).rowCount ?? 0,
    transaction,
  };
}
