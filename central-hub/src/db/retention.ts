import { pruneDeadLetters } from "./repos/dead-letters-repo.js";
import { pruneHealthSamples } from "./repos/health-repo.js";
import { pruneMessageIds } from "./repos/message-ids-repo.js";
import { pruneScoreWindows } from "./repos/score-windows-repo.js";
import type { SqlClient } from "./sql-client.js";

const DAY = 86_400_000;
/** Redeliveries come within hours (agent outbox, broker session); a week of ids is ample for dedupe. */
export const MESSAGE_ID_RETENTION_MS = 7 * DAY;

/**
 * Deletes raw rows past retention. Visits, incidents and rollups are kept (they are the record). Run it
 * from the composition root, e.g. hourly; cheap thanks to the time indexes.
 */
export async function pruneExpired(
  sql: SqlClient,
  now: number,
  retentionDays: number,
): Promise<{ messageIds: number; scoreWindows: number; healthSamples: number; deadLetters: number }> {
  const before = now - retentionDays * DAY;
  return {
    messageIds: await pruneMessageIds(sql, now - MESSAGE_ID_RETENTION_MS),
    scoreWindows: await pruneScoreWindows(sql, before),
    healthSamples: await pruneHealthSamples(sql, before),
    deadLetters: await pruneDeadLetters(sql, before),
  };
}
