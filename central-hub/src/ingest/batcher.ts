/**
 * Groups items into batches of at most `maxItems`, flushed when full or `maxDelayMs` after the first item.
 * One flush runs at a time; items arriving meanwhile form the next batch. `add` resolves when the item's
 * batch has been flushed.
 */
export interface Batcher<T> {
  add(item: T): Promise<void>;
  readonly size: number;
  /** Flushes everything pending (used on stop). */
  drain(): Promise<void>;
}

export function createBatcher<T>(options: {
  maxItems: number;
  maxDelayMs: number;
  flush: (items: T[]) => Promise<void>;
}): Batcher<T> {
  let pending: Array<{ item: T; done: () => void; fail: (error: unknown) => void }> = [];
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> = Promise.resolve();
  let running = false;

  const schedule = (): void => {
    if (running || pending.length === 0) return;
    if (pending.length >= options.maxItems) {
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
    add: (item) =>
      new Promise<void>((resolve, reject) => {
        pending.push({ item, done: resolve, fail: reject });
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
