import type { Logger } from "@hailong/common";
import type { HubConfig } from "../config/schema.js";
import { type Database, openConfiguredDatabase } from "../db/open-database.js";
import { retryWithBackoff } from "./wait-for.js";
import { startWaitingHttp } from "./waiting-http.js";

/**
 * Opens the hub's database. A SQLite file that cannot be opened is a configuration error; a database server
 * that is not up yet is waited for with backoff, while the HTTP port already answers /readyz "not ready".
 * Returns the port the placeholder held (the app listens there next), if one was needed.
 */
export async function openHubDatabase(
  config: HubConfig,
  log: Logger,
  options: { signal: AbortSignal; onWaiting: (url: string) => void },
): Promise<{ db: Database; heldPort?: number }> {
  const open = () => openConfiguredDatabase(config.db, log);
  if (config.db.url.startsWith("sqlite:")) return { db: await open() };
  try {
    return { db: await open() };
  } catch (error) {
    log.warn({ err: error }, "database not reachable at start-up: serving not-ready until it is");
  }
  const waiting = await startWaitingHttp({ port: config.http.port, host: config.http.host, waitingFor: "database" });
  options.onWaiting(waiting.url);
  try {
    const db = await retryWithBackoff(open, {
      log,
      what: "database",
      signal: options.signal,
    });
    return { db, heldPort: waiting.port };
  } finally {
    await waiting.close();
  }
}
