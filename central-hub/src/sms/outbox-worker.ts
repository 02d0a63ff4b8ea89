import type { Logger } from "@hailong/common";
import type { OutboxRow, OutboxStore } from "../db/repos/sms-outbox-repo.js";
import { type BackoffPolicy, DEFAULT_BACKOFF, retryDelay } from "./backoff.js";
import type { SmsSender } from "./sender.js";

/**
 * Drains sms_outbox. Every attempt is claimed in the database (status `sending`, a lease) before the
 * provider is called and settled after, so:
 *  - a crash after the provider accepted but before `sent` was recorded leaves the row `sending`; when its
 *    lease lapses any worker (this process restarted, or another hub) first asks the provider whether it
 *    already has the message (same To + Body, created since the row was queued) and only sends if not;
 *  - two workers never send the same row: the claim is a compare-and-set on status/attempts/lease.
 * Bodies are unique per incident and recipient (they carry the acknowledgement token), which is what
 * makes the provider lookup exact. Delivery callbacks that name the row (`?outbox=<id>`) settle it too.
 */
export interface OutboxWorkerOptions {
  store: OutboxStore;
  sender: SmsSender;
  log: Logger;
  now?: () => number;
  /** How long a claimed attempt may take before another worker may reconcile it. > sender timeout. */
  leaseMs?: number;
  /** Polling for retries and lapsed leases; new messages are sent at once via kick(). */
  pollIntervalMs?: number;
  batchSize?: number;
  backoff?: BackoffPolicy;
  /** Provider messages created up to this long before the row count as ours (clock skew). */
  reconcileSlackMs?: number;
  random?: () => number;
}

export interface OutboxWorker {
  start(): void;
  stop(): Promise<void>;
  /** Process due rows soon (coalesced); call after enqueueing. */
  kick(): void;
  /** Processes the rows due now (and not already in flight); resolves when they are settled, with their count. */
  runOnce(): Promise<number>;
}

export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { store } = options;
  const log = options.log.child({ module: "sms-outbox" });
  const now = options.now ?? Date.now;
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const batchSize = options.batchSize ?? 50;
  const rowContext = createRowContext(options, log, now);
  const processRow = (r: OutboxRow) => processOutboxRow(rowContext, r);

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let started = false;

  // Rows being processed: a pass never waits for a slow provider call, so one hanging request (up to the
  // sender timeout) does not hold back the SMS of the next incident.
  const inFlight = new Map<string, Promise<void>>();

  async function dispatch(): Promise<Array<Promise<void>>> {
    const rows = await store.due(now(), batchSize);
    const started: Array<Promise<void>> = [];
    for (const row of rows) {
      if (inFlight.has(row.id)) continue;
      const work = processRow(row)
        .catch((error: unknown) => log.error({ err: error, outboxId: row.id }, "sms outbox row failed"))
        .finally(() => inFlight.delete(row.id));
      inFlight.set(row.id, work);
      started.push(work);
    }
    return started;
  }

  async function runOnce(): Promise<number> {
    const started = await dispatch();
    await Promise.all(started);
    return started.length;
  }

  function loop(): void {
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await dispatch();
        } catch (error) {
          log.error({ err: error }, "sms outbox pass failed");
        }
      } while (again);
    })().finally(() => {
      running = undefined;
    });
  }

  return {
    start() {
      if (started) return;
      started = true;
      timer = setInterval(loop, pollIntervalMs);
      timer.unref();
      loop();
    },
    async stop() {
      started = false;
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
      await Promise.all(inFlight.values());
    },
    kick() {
      if (started) loop();
    },
    runOnce,
  };
}

/** What processing one outbox row needs. */
interface RowContext {
  store: OutboxStore;
  sender: SmsSender;
  log: Logger;
  now: () => number;
  leaseMs: number;
  slackMs: number;
  backoff: BackoffPolicy;
  random: () => number;
}

function createRowContext(options: OutboxWorkerOptions, log: Logger, now: () => number): RowContext {
  return {
    store: options.store,
    sender: options.sender,
    log,
    now,
    leaseMs: options.leaseMs ?? 30_000,
    slackMs: options.reconcileSlackMs ?? 5 * 60_000,
    backoff: options.backoff ?? DEFAULT_BACKOFF,
    random: options.random ?? Math.random,
  };
}

/** One due row: expire it, or claim it, reconcile a lapsed attempt, send and record the outcome. */
async function processOutboxRow(c: RowContext, row: OutboxRow): Promise<void> {
  const { store, log, now } = c;
  const at = now();
  if (row.status === "pending" && row.expiresAt <= at) {
    await store.markExpired(row.id, at);
    log.warn({ outboxId: row.id, attempts: row.attempts }, "sms expired before it could be sent");
    return;
  }
  if (!(await store.claim(row, at, c.leaseMs))) return;
  const attempts = row.attempts + 1;
  if (row.status === "sending" && (await reconcileSettled(c, row, attempts))) return;
  const outcome = await c.sender.send({
    outboxId: row.id,
    to: row.toPhone,
    body: row.body,
    validitySeconds: (row.expiresAt - now()) / 1000,
  });
  await recordOutcome(c, row, attempts, outcome);
}

/**
 * A row left `sending` by an attempt that may have reached the provider: asks the provider first. True when that
 * settled the row (the provider had it, the lookup failed, or the row expired meanwhile); false: send it.
 */
async function reconcileSettled(c: RowContext, row: OutboxRow, attempts: number): Promise<boolean> {
  const { store, log, now } = c;
  const lookup = await c.sender.findSent({ to: row.toPhone, body: row.body, since: row.createdAt - c.slackMs });
  if (lookup.kind === "found") {
    await store.markSent(row.id, lookup.sid, now());
    log.info({ outboxId: row.id, sid: lookup.sid }, "sms reconciled: provider already had it");
    return true;
  }
  if (lookup.kind === "error") {
    await store.markUncertain(
      row.id,
      now() + retryDelay(attempts, undefined, c.backoff, c.random()),
      lookup.error,
      now(),
    );
    log.warn({ outboxId: row.id, error: lookup.error }, "sms reconciliation lookup failed");
    return true;
  }
  if (row.expiresAt <= now()) {
    await store.markExpired(row.id, now());
    log.warn({ outboxId: row.id, attempts }, "sms expired before it could be sent");
    return true;
  }
  return false;
}

async function recordOutcome(
  c: RowContext,
  row: OutboxRow,
  attempts: number,
  outcome: Awaited<ReturnType<SmsSender["send"]>>,
): Promise<void> {
  const { store, log } = c;
  const done = c.now();
  switch (outcome.kind) {
    case "accepted":
      await store.markSent(row.id, outcome.sid, done);
      log.info({ outboxId: row.id, sid: outcome.sid, attempts }, "sms sent");
      return;
    case "logged":
      await store.markLogged(row.id, done);
      return;
    case "rejected":
      await store.markFailed(row.id, outcome.error, done);
      log.error({ outboxId: row.id, error: outcome.error }, "sms rejected by provider");
      return;
    case "retry": {
      const next = done + retryDelay(attempts, undefined, c.backoff, c.random());
      if (outcome.uncertain) await store.markUncertain(row.id, next, outcome.error, done);
      else await store.markRetry(row.id, next, outcome.error, done);
      log.warn({ outboxId: row.id, error: outcome.error, attempts, uncertain: outcome.uncertain }, "sms retry");
      return;
    }
  }
}
