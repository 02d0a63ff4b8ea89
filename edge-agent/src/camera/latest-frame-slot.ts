/**
 * Holds only the newest item: a producer never waits for a slow consumer, it replaces the unread item, counts
 * the drop and hands the dropped item to `onDrop`. take() waits for the next item; it resolves undefined once
 * closed (or aborted) and empty.
 */
export function createLatestFrameSlot<T>(onDrop?: (item: T) => void) {
  let held: T | undefined;
  let closed = false;
  let dropped = 0;
  let waiter: ((value: T | undefined) => void) | undefined;

  const wake = (value: T | undefined) => {
    const w = waiter;
    waiter = undefined;
    w?.(value);
  };

  return {
    put(item: T): void {
      if (closed) return;
      if (waiter) {
        wake(item);
        return;
      }
      if (held !== undefined) {
        dropped += 1;
        onDrop?.(held);
      }
      held = item;
    },
    take(signal?: AbortSignal): Promise<T | undefined> {
      if (held !== undefined) {
        const item = held;
        held = undefined;
        return Promise.resolve(item);
      }
      if (closed || signal?.aborted) return Promise.resolve(undefined);
      return new Promise((resolve) => {
        // The abort listener lives only while this take() waits: one left behind per frame would pile up on a
        // camera's signal for as long as the camera runs.
        const onAbort = () => wake(undefined);
        waiter = (value) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(value);
        };
        signal?.addEventListener("abort", onAbort, { once: true });
      });
    },
    close(): void {
      closed = true;
      if (held === undefined) wake(undefined);
    },
    dropped: () => dropped,
  };
}

export type LatestFrameSlot<T> = ReturnType<typeof createLatestFrameSlot<T>>;

/**
 * Runs `produce` (which puts items into `slot` and closes it when done) beside the consumer and yields the
 * slot's items. Stopping the consumer (break, abort of `signal`) also stops the producer, which is awaited
 * before this returns.
 */
export async function* drainWhileProducing<T>(
  slot: LatestFrameSlot<T>,
  signal: AbortSignal,
  produce: (signal: AbortSignal) => Promise<void>,
): AsyncGenerator<T> {
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal.addEventListener("abort", onAbort, { once: true });
  const running = produce(stop.signal);
  try {
    for (;;) {
      const item = await slot.take(stop.signal);
      if (item === undefined) break;
      yield item;
    }
  } finally {
    signal.removeEventListener("abort", onAbort);
    stop.abort();
    slot.close();
    await running;
  }
}
