/**
 * The narrow SQL surface every repository uses, over SQLite or PostgreSQL. SQL is written once with `?`
 * placeholders (rewritten to $1.. for pg) and only portable constructs (ON CONFLICT ... DO UPDATE,
 * RETURNING, integer arithmetic). Booleans become 0/1 and undefined becomes NULL.
 */
export type Dialect = "sqlite" | "pg";

export interface SqlClient {
  readonly dialect: Dialect;
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Returns the number of rows changed. */
  execute(sql: string, params?: readonly unknown[]): Promise<number>;
  /** Runs `work` in one transaction; transactions never interleave (SQLite has one connection). */
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T>;
}

export function toParam(value: unknown): unknown {
  if (typeof value === "boolean") return value ? 1 : 0;
  return value === undefined ? null : value;
}

export function toPgPlaceholders(sql: string): string {
  let index = 0;
  return sql.replace(/\?/g, () => `$${++index}`);
}

/** `(?, ?, ?)` for n parameters. */
export function placeholders(n: number): string {
  return `(${Array.from({ length: n }, () => "?").join(", ")})`;
}
