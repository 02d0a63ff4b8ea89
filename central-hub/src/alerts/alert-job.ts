import type { Logger } from "@hailong/common";
import { type AlertStore, createAlertStore } from "../db/repos/alerts-repo.js";
import type { SqlClient } from "../db/sql-client.js";

/** What every periodic alerting job is built from. */
export interface AlertJobDeps {
  sql: SqlClient;
  log: Logger;
}

/** What a job's pass works with: its own child logger and the alerts repository. */
export interface AlertJobContext {
  log: Logger;
  store: AlertStore;
}

/**
 * The skeleton the alert monitor's jobs share: one pass per monitor tick at time `at`, with a logger named after
 * the job's module and the alerts repository over the job's database.
 */
export function createAlertJob<R>(
  module: string,
  deps: AlertJobDeps,
  pass: (context: AlertJobContext, at: number) => Promise<R>,
): (at: number) => Promise<R> {
  const context = { log: deps.log.child({ module }), store: createAlertStore(deps.sql) };
  return (at) => pass(context, at);
}
