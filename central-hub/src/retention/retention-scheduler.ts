import type { Logger } from "@hailong/common";
import { type PruneCounts, pruneExpired } from "../db/retention.js";
import type { SqlClient } from "../db/sql-client.js";

/** How often raw rows past retention are deleted; the first pass runs soon after start. */
export const PRUNE_EVERY_MS = 60 * 60_000;
export const FIRST_PRUNE_AFTER_MS = 60_000;

/** Timer seam: the hub passes setTimeout; a test passes a clock it advances by hand. */
export interface RetentionClock {
  now(): number;
  /** Runs `run` once after `ms`; the returned function cancels it. */
  after(ms: number, run: () => void): () => void;
}

export const systemClock: RetentionClock = {
  now: Date.now,
  after(ms, run) {
    const timer = setTimeout(run, ms);
    timer.unref?.();
    return () => clearTimeout(timer);
  },
};

export interface RetentionScheduler {
  start(): void;
  /** Cancels the next pass and waits for a running one. */
  stop(): Promise<void>;
  /** One pass now (also what each scheduled tick runs). */
  pruneNow(): Promise<PruneCounts>;
}

export function createRetentionScheduler(deps: {
  sql: SqlClient;
  retentionDays: number;
  log: Logger;
  clock?: RetentionClock;
  everyMs?: number;
  firstAfterMs?: number;
}): RetentionScheduler {
  const clock = deps.clock ?? systemClock;
  const log = deps.log.child({ module: "retention" });
  let cancel: (() => void) | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = true;

  const pruneNow = async (): Promise<PruneCounts> => {
    const counts = await pruneExpired(deps.sql, clock.now(), deps.retentionDays);
    log.info({ ...counts, retentionDays: deps.retentionDays }, "expired rows pruned");
    return counts;
  };

  const schedule = (ms: number) => {
    cancel = clock.after(ms, () => {
      running = pruneNow()
        // A failed pass (database down) is retried at the next tick; the rows only wait longer.
        .catch((error: unknown) => log.error({ err: error }, "retention pass failed"))
        .finally(() => {
          if (!stopped) schedule(deps.everyMs ?? PRUNE_EVERY_MS);
        });
    });
  };

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(deps.firstAfterMs ?? FIRST_PRUNE_AFTER_MS);
    },
    async stop() {
      stopped = true;
      cancel?.();
      await running;
    },
    pruneNow,
  };
}
