import type BetterSqlite3 from "better-sqlite3";
import { type SqlClient, toParam } from "./sql-client.js";

/** better-sqlite3 adapter: statements are prepared once and cached by SQL text. */
export function createSqliteClient(db: BetterSqlite3.Database): SqlClient {
  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepare = (sql: string): BetterSqlite3.Statement => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  let tail: Promise<unknown> = Promise.resolve();
  const query = async <T>(sql: string, params: readonly unknown[] = []) =>
    prepare(sql).all(...params.map(toParam)) as T[];
  const execute = async (sql: string, params: readonly unknown[] = []) =>
    prepare(sql).run(...params.map(toParam)).changes;
  // Inside a transaction a nested transaction() joins the open one instead of queueing behind itself.
  const inTransaction: SqlClient = { dialect: "sqlite", query, execute, transaction: (work) => work(inTransaction) };
  const client: SqlClient = {
    dialect: "sqlite",
    query,
    execute,
    transaction: <T>(work: (tx: SqlClient) => Promise<T>): Promise<T> => {
      // One connection: a second BEGIN while one is open would fail, so transactions queue.
      const run = async (): Promise<T> => {
        prepare("BEGIN IMMEDIATE").run();
        try {
          const result = await work(inTransaction);
          prepare("COMMIT").run();
          return result;
        } catch (error) {
          if (db.inTransaction) prepare("ROLLBACK").run();
          throw error;
        }
      };
      const next = tail.then(run, run);
      tail = next.catch(() => undefined);
      return next;
    },
  };
  return client;
}
