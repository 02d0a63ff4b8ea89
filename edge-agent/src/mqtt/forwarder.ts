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

/** The forwarder's run state, shared by its pump, send and settle steps. */
interface ForwarderState {
  deps: ForwarderDeps;
  retryDelayMs: number;
  /** Highest seq handed to the client. */
  cursor: number;
  inFlight: number;
  delivered: number;
  failures: number;
  rewindPending: boolean;
  stopped: boolean;
  detached: boolean;
  retryTimer: NodeJS.Timeout | undefined;
}

function pump(f: ForwarderState): void {
  if (f.stopped || f.rewindPending || f.retryTimer !== undefined || !f.deps.link.isConnected()) return;
  let slots = freeSlots(f.inFlight, f.deps.window);
  while (slots > 0) {
    const rows = f.deps.outbox.peekAfter(f.cursor, slots);
    if (rows.length === 0) return;
    for (const row of rows) send(f, row);
    slots -= rows.length;
  }
}

function send(f: ForwarderState, row: OutboxRow): void {
  f.cursor = row.seq;
  f.inFlight += 1;
  f.deps.link.publish(row.topic, row.payload).then(
    () => {
      if (f.detached) return;
      f.deps.outbox.remove(row.seq);
      f.delivered += 1;
      settle(f);
    },
    (error: unknown) => {
      f.failures += 1;
      f.rewindPending = true;
      f.deps.logger.warn(
        { seq: row.seq, kind: row.kind, err: error },
        "outbox publish failed; will resend from the head",
      );
      settle(f);
    },
  );
}

function settle(f: ForwarderState): void {
  f.inFlight -= 1;
  if (f.rewindPending && f.inFlight === 0) {
    f.rewindPending = false;
    f.cursor = 0;
    if (!f.stopped) {
      f.retryTimer = setTimeout(() => {
        f.retryTimer = undefined;
        pump(f);
      }, f.retryDelayMs);
    }
    return;
  }
  pump(f);
}

async function drain(f: ForwarderState, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (f.deps.outbox.stats().pending > 0 || f.inFlight > 0) {
    if (Date.now() >= deadline) return false;
    pump(f);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

export function createForwarder(deps: ForwarderDeps): Forwarder {
  const f: ForwarderState = {
    deps,
    retryDelayMs: deps.retryDelayMs ?? 1000,
    cursor: 0,
    inFlight: 0,
    delivered: 0,
    failures: 0,
    rewindPending: false,
    stopped: false,
    detached: false,
    retryTimer: undefined,
  };
  return {
    kick: () => pump(f),
    protectedUpTo: () => f.cursor,
    drain: (timeoutMs) => drain(f, timeoutMs),
    stop() {
      f.stopped = true;
      if (f.retryTimer !== undefined) clearTimeout(f.retryTimer);
      f.retryTimer = undefined;
    },
    detach() {
      f.detached = true;
    },
    stats: () => ({ delivered: f.delivered, inFlight: f.inFlight, failures: f.failures }),
  };
}
