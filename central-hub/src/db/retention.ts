import { pruneDeadLetters } from "./repos/dead-letters-repo.js";
import { pruneHealthSamples } from "./repos/health-repo.js";
import { pruneMessageIds } from "./repos/message-ids-repo.js";
import { pruneScoreWindows } from "./repos/score-windows-repo.js";
import { pruneVisits } from "./repos/visits-repo.js";
import type { SqlClient } from "./sql-client.js";

const DAY = 86_400_000;
/** Redeliveries come within hours (agent outbox, broker session); a week of ids is ample for dedupe. */
export const MESSAGE_ID_RETENTION_MS = 7 * DAY;

export interface PruneCounts {
  messageIds: number;
  scoreWindows: number;
  healthSamples: number;
  deadLetters: number;
  visits: number;
}

/**
 * Deletes raw rows past retention: dedupe ids after a week, score windows, health samples, dead letters and
 * visits after `retentionDays`. A visit is counted into the rollups when it ends, so the hourly, daily and
 * monthly figures keep it; incidents and rollups are the record and are never pruned. Cheap thanks to the
 * time indexes; the retention scheduler runs it.
 */
export async function pruneExpired(sql: SqlClient, now: number, retentionDays: number): Promise<PruneCounts> {
  const before = now - retentionDays * DAY;
  return {
    messageIds: await pruneMessageIds(sql, now - MESSAGE_ID_RETENTION_MS),
    scoreWindows: await pruneScoreWindows(sql, before),
    healthSamples: await pruneHealthSamples(sql, before),
    deadLetters: await pruneDeadLetters(sql, before),
    visits: await pruneVisits(sql, before),
  };
}
