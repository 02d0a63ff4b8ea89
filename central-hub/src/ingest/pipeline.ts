import type { Logger } from "@hailong/common";
import { type Decoded, decode } from "@hailong/protocol";
import type { DeadLetter } from "../db/repos/dead-letters-repo.js";
import type { SqlClient } from "../db/sql-client.js";
import { createBatcher } from "./batcher.js";
import type { IngestHooks } from "./hooks.js";
import { createIngestMetrics, type DeadLetterReason, type IngestMetrics } from "./metrics.js";
import { createDeadLetterBudget, DEAD_LETTER_PAYLOAD_CHARS, deadLetterFor } from "./quarantine.js";
import { type StoredBatch, storeBatch } from "./store-batch.js";

export interface IngestPipelineDeps {
  sql: SqlClient;
  log: Logger;
  baseTopic: string;
  batchMaxMessages: number;
  batchMaxDelayMs: number;
  /** Tells a storage outage (retry the batch) from a message the database refuses (quarantine it). */
  isDatabaseUp: () => Promise<boolean>;
  /**
   * The agent the directory assigns a counter to. When given, a counter message whose agent is not that
   * agent is dead-lettered as `not-your-counter`: never stored, never alerted.
   */
  ownerOf?: (counterId: string) => Promise<string | undefined>;
  /** Dead letters stored per reason per clock hour (the rest are counted). */
  deadLettersPerHour?: number;
  now?: () => number;
  retryDelayMs?: number;
}

/** Decode → batch → one transaction → hooks. Knows nothing about MQTT. */
export interface IngestPipeline {
  readonly metrics: IngestMetrics;
  /** Feeds one raw message; resolves once it is committed (or quarantined). Never rejects for bad input. */
  submit(topic: string, payload: Uint8Array): Promise<void>;
  subscribe(hooks: IngestHooks): () => void;
  /** Stores everything pending, then stops retrying on failure. */
  drain(): Promise<void>;
}

type Item = { ok: true; decoded: Decoded; receivedAt: number } | { ok: false; letter: DeadLetter };
type CounterDecoded = Extract<Decoded, { kind: "visit" | "incident" | "score" | "health" }>;

export function createIngestPipeline(deps: IngestPipelineDeps): IngestPipeline {
  const log = deps.log.child({ module: "ingest" });
  const now = deps.now ?? Date.now;
  const metrics = createIngestMetrics();
  const listeners = new Set<IngestHooks>();
  const budget = createDeadLetterBudget(deps.deadLettersPerHour);
  let draining = false;
  const flush = createBatchFlush({ deps, log, metrics, listeners, now, isDraining: () => draining });

  // An incident's PUBACK waits for its commit (mqtt-ingest), so it must not also wait out the batch delay.
  const accept = (decoded: Decoded, receivedAt: number): Promise<void> =>
    batcher.add({ ok: true, decoded, receivedAt }, { urgent: decoded.kind === "incident" });

  const quarantine = (q: {
    topic: string;
    payload: Uint8Array;
    reason: DeadLetterReason;
    message: string;
    receivedAt: number;
    path?: string;
  }): Promise<void> => {
    metrics.deadLettered[q.reason]++;
    if (!budget.admit(q.reason, q.receivedAt)) {
      metrics.deadLettersOverCap[q.reason]++;
      metrics.pending--;
      log.debug({ reason: q.reason }, "message quarantined beyond the hourly cap; counted only");
      return Promise.resolve();
    }
    log.warn({ topic: q.topic.slice(0, 200), reason: q.reason, path: q.path }, "message quarantined");
    return batcher.add({ ok: false, letter: deadLetterFor(q.topic, q.payload, q.reason, q.message, q.receivedAt) });
  };

  const checkOwner = async (
    decoded: CounterDecoded,
    topic: string,
    payload: Uint8Array,
    receivedAt: number,
  ): Promise<void> => {
    const { agentId, counterId } = decoded.message;
    const owner = await deps.ownerOf?.(counterId);
    if (owner === agentId) return accept(decoded, receivedAt);
    const assigned = owner === undefined ? "is not assigned to any agent" : "is assigned to another agent";
    const message = `counter ${counterId} ${assigned}, not to ${agentId}`;
    return quarantine({ topic, payload, reason: "not-your-counter", message, receivedAt });
  };

  const batcher = createBatcher<Item>({
    maxItems: deps.batchMaxMessages,
    maxDelayMs: deps.batchMaxDelayMs,
    flush,
  });

  return {
    metrics,
    submit: (topic, payload) => {
      metrics.received++;
      metrics.pending++;
      const receivedAt = now();
      const result = decode(topic, payload, { base: deps.baseTopic });
      if (!result.ok) {
        const { code, message, path } = result.error;
        return quarantine({ topic, payload, reason: code, message, receivedAt, ...(path ? { path } : {}) });
      }
      if (deps.ownerOf !== undefined && isCounterMessage(result)) return checkOwner(result, topic, payload, receivedAt);
      return accept(result, receivedAt);
    },
    subscribe: (hooks) => {
      listeners.add(hooks);
      return () => listeners.delete(hooks);
    },
    drain: async () => {
      draining = true;
      await batcher.drain();
    },
  };
}

function isCounterMessage(decoded: Decoded): decoded is CounterDecoded {
  return (
    decoded.kind === "visit" || decoded.kind === "incident" || decoded.kind === "score" || decoded.kind === "health"
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface BatchFlushContext {
  deps: IngestPipelineDeps;
  log: Logger;
  metrics: IngestMetrics;
  listeners: ReadonlySet<IngestHooks>;
  now: () => number;
  isDraining: () => boolean;
}

/**
 * The batcher's flush: stores a batch in one transaction (retrying while the database is down; one message at a
 * time when the database refuses the batch), accounts for it and tells the hooks what was stored.
 */
function createBatchFlush(c: BatchFlushContext): (items: Item[]) => Promise<void> {
  const { deps, log, metrics } = c;

  const notify = (result: StoredBatch): void => notifyHooks(c.listeners, result, log);

  const account = (size: number, valid: number, result: StoredBatch, ms: number): void => {
    metrics.batches++;
    metrics.lastBatchSize = size;
    metrics.lastBatchMs = ms;
    metrics.stored += valid;
    metrics.duplicates += result.duplicates;
    metrics.pending -= size;
    if (result.duplicates > 0) log.debug({ duplicates: result.duplicates }, "redelivered messages skipped");
  };

  const storeOneByOne = async (decoded: Decoded[], letters: DeadLetter[], receivedAt: number): Promise<void> => {
    if (letters.length > 0) {
      await storeBatch(deps.sql, [], letters, receivedAt).catch((e: unknown) =>
        log.error({ err: e, count: letters.length }, "cannot store dead letters"),
      );
    }
    for (const d of decoded) {
      try {
        const result = await storeBatch(deps.sql, [d], [], receivedAt);
        metrics.stored += result.stored + result.duplicates;
        metrics.duplicates += result.duplicates;
        notify(result);
      } catch (error) {
        metrics.deadLettered.store_failed++;
        log.warn({ err: error, kind: d.kind }, "message quarantined");
        const letter = deadLetterFor("", new Uint8Array(), "store_failed", String(error), receivedAt);
        letter.payload = JSON.stringify(d.message).slice(0, DEAD_LETTER_PAYLOAD_CHARS);
        await storeBatch(deps.sql, [], [letter], receivedAt).catch((e: unknown) =>
          log.error({ err: e }, "cannot store dead letter"),
        );
      }
    }
  };

  return async (items: Item[]): Promise<void> => {
    const started = performance.now();
    const decoded = items.flatMap((i) => (i.ok ? [i.decoded] : []));
    const letters = items.flatMap((i) => (i.ok ? [] : [i.letter]));
    const receivedAt = c.now();
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await storeBatch(deps.sql, decoded, letters, receivedAt);
        metrics.storageDown = false;
        account(items.length, decoded.length, result, performance.now() - started);
        notify(result);
        return;
      } catch (error) {
        metrics.batchFailures++;
        if (!c.isDraining() && !(await deps.isDatabaseUp())) {
          metrics.storageDown = true;
          log.error({ err: error, attempt, size: items.length }, "storage unavailable, retrying batch");
          await sleep(Math.min(30_000, (deps.retryDelayMs ?? 500) * 2 ** Math.min(attempt, 6)));
          continue;
        }
        log.error({ err: error, size: items.length }, "batch refused by storage, storing messages one by one");
        await storeOneByOne(decoded, letters, receivedAt);
        metrics.pending -= items.length;
        return;
      }
    }
  };
}

/** Hands each stored item to every subscriber's hook; a failing hook is logged, never the batch's problem. */
function notifyHooks(listeners: ReadonlySet<IngestHooks>, result: StoredBatch, log: Logger): void {
  const call = <T>(hook: ((value: T) => unknown) | undefined, values: readonly T[]): void => {
    if (hook === undefined) return;
    for (const value of values) {
      try {
        const returned = hook(value);
        if (returned instanceof Promise) returned.catch((error: unknown) => log.error({ err: error }, "hook failed"));
      } catch (error) {
        log.error({ err: error }, "hook failed");
      }
    }
  };
  for (const hooks of listeners) {
    call(hooks.onVisit, result.visits);
    call(hooks.onScore, result.scores);
    call(hooks.onIncident, result.incidents);
    call(hooks.onHealth, result.health);
    call(hooks.onAvailability, result.agentChanges);
  }
}
