import type { Logger } from "@hailong/common";
import { freeSlots } from "../outbox/policy.js";
import type { Outbox, OutboxRow } from "../outbox/sqlite-outbox.js";

/** The slice of the MQTT client the forwarder needs; resolves on PUBACK (QoS 1). */
export interface ForwarderLink {
  isConnected(): boolean;
  publish(topic: string, payload: Buffer): Promise<void>;
}

export interface ForwarderDeps {
  outbox: Outbox;
  link: ForwarderLink;
  /** Rows awaiting PUBACK at once; bounds memory and keeps order simple to reason about. */
  window: number;
  logger: Logger;
  /** Pause before re-reading the outbox head after a publish failed. */
  retryDelayMs?: number;
}

export interface ForwarderStats {
  delivered: number;
  inFlight: number;
  failures: number;
}

/**
 * Moves outbox rows to the broker strictly in seq order, with at most `window` rows in flight. A row is
 * deleted only once its PUBACK arrives. Rows the MQTT client holds when the connection drops are resent
 * by the client itself on reconnect (before anything newer); any other publish failure rewinds to the
 * outbox head, so nothing is skipped and nothing overtakes an older row (duplicates are possible and
 * deduped by message id downstream).
 */
export interface Forwarder {
  /** Call after an append or a (re)connect: hands as many rows to the client as the window allows. */
  kick(): void;
  /** Highest seq handed to the client: rows up to it are in flight and must not be evicted. */
  protectedUpTo(): number;
  /** Waits until the outbox is empty and nothing is in flight; false on timeout. */
  drain(timeoutMs: number): Promise<boolean>;
  /** Stops handing out rows; late PUBACKs still delete their rows until detach(). */
  stop(): void;
  /** After the outbox is closed: ignore any late PUBACK. */
  detach(): void;
  stats(): ForwarderStats;
}

export function createForwarder(deps: ForwarderDeps): Forwarder {
  const log = deps.logger;
  const retryDelayMs = deps.retryDelayMs ?? 1000;
  let cursor = 0;
  let inFlight = 0;
  let delivered = 0;
  let failures = 0;
  let rewindPending = false;
  let stopped = false;
  let detached = false;
  let retryTimer: NodeJS.Timeout | undefined;

  const pump = (): void => {
    if (stopped || rewindPending || retryTimer !== undefined || !deps.link.isConnected()) return;
    let slots = freeSlots(inFlight, deps.window);
    while (slots > 0) {
      const rows = deps.outbox.peekAfter(cursor, slots);
      if (rows.length === 0) return;
      for (const row of rows) send(row);
      slots -= rows.length;
    }
  };

  const send = (row: OutboxRow): void => {
    cursor = row.seq;
    inFlight += 1;
    deps.link.publish(row.topic, row.payload).then(
      () => {
        if (detached) return;
        deps.outbox.remove(row.seq);
        delivered += 1;
        settle();
      },
      (error: unknown) => {
        failures += 1;
        rewindPending = true;
        log.warn({ seq: row.seq, kind: row.kind, err: error }, "outbox publish failed; will resend from the head");
        settle();
      },
    );
  };

  const settle = (): void => {
    inFlight -= 1;
    if (rewindPending && inFlight === 0) {
      rewindPending = false;
      cursor = 0;
      if (!stopped) {
        retryTimer = setTimeout(() => {
          retryTimer = undefined;
          pump();
        }, retryDelayMs);
      }
      return;
    }
    pump();
  };

  return {
    kick: pump,
    protectedUpTo: () => cursor,
    async drain(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (deps.outbox.stats().pending > 0 || inFlight > 0) {
        if (Date.now() >= deadline) return false;
        pump();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return true;
    },
    stop() {
      stopped = true;
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      retryTimer = undefined;
    },
    detach() {
      detached = true;
    },
    stats: () => ({ delivered, inFlight, failures }),
  };
}
