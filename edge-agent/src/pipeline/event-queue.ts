/** Unbounded single-consumer async queue of small protocol events (the outbox downstream bounds storage). */
export function createEventQueue<T>() {
  const items: T[] = [];
  let closed = false;
  let wake: (() => void) | undefined;

  return {
    push(...events: T[]): void {
      if (closed || events.length === 0) return;
      items.push(...events);
      wake?.();
    },
    close(): void {
      closed = true;
      wake?.();
    },
    async *drain(): AsyncGenerator<T> {
      for (;;) {
        while (items.length > 0) yield items.shift() as T;
        if (closed) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
    },
  };
}
