/**
 * Groups items into batches of at most `maxItems`, flushed when full or `maxDelayMs` after the first item.
 * One flush runs at a time; items arriving meanwhile form the next batch. `add` resolves when the item's
 * batch has been flushed. An `urgent` item (something a sender is waiting on) flushes its batch as soon as
 * the running flush, if any, is done instead of after `maxDelayMs`.
 */
export interface Batcher<T> {
  add(item: T, options?: { urgent?: boolean }): Promise<void>;
  readonly size: number;
  /** Flushes everything pending (used on stop). */
  drain(): Promise<void>;
}

export function createBatcher<T>(options: {
  maxItems: number;
  maxDelayMs: number;
  flush: (items: T[]) => Promise<void>;
}): Batcher<T> {
  let pending: Array<{ item: T; urgent: boolean; done: () => void; fail: (error: unknown) => void }> = [];
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> = Promise.resolve();
  let running = false;
  let urgent = false;

  const schedule = (): void => {
    if (running || pending.length === 0) return;
    if (pending.length >= options.maxItems || urgent) {
      if (timer) clearTimeout(timer);
      timer = undefined;
      void run();
    } else if (timer === undefined) {
      timer = setTimeout(() => {
        timer = undefined;
        void run();
      }, options.maxDelayMs);
    }
  };

  const run = async (): Promise<void> => {
    if (running || pending.length === 0) return;
    running = true;
    const batch = pending.slice(0, options.maxItems);
    pending = pending.slice(batch.length);
    urgent = urgent && pending.some((p) => p.urgent);
    const work = options.flush(batch.map((p) => p.item));
    flushing = work.then(
      () => undefined,
      () => undefined,
    );
    try {
      await work;
      for (const p of batch) p.done();
    } catch (error) {
      for (const p of batch) p.fail(error);
    } finally {
      running = false;
      schedule();
    }
  };

  return {
    add: (item, addOptions) =>
      new Promise<void>((resolve, reject) => {
        const isUrgent = addOptions?.urgent ?? false;
        pending.push({ item, urgent: isUrgent, done: resolve, fail: reject });
        urgent ||= isUrgent;
        schedule();
      }),
    get size() {
      return pending.length;
    },
    drain: async () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      await flushing;
      while (pending.length > 0 || running) {
        if (!running) await run();
        else await flushing;
      }
    },
  };
}
