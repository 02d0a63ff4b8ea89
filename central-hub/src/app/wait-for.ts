import type { Logger } from "@hailong/common";

/**
 * Calls `attempt` until it succeeds, waiting firstMs, 2×, 4× … up to maxMs between tries: a dependency that is
 * not up yet at start-up delays the hub instead of ending it.
 */
export async function retryWithBackoff<T>(
  attempt: () => Promise<T>,
  options: { log: Logger; what: string; firstMs?: number; maxMs?: number; signal?: AbortSignal },
): Promise<T> {
  let delay = options.firstMs ?? 500;
  const max = options.maxMs ?? 30_000;
  for (let tries = 1; ; tries++) {
    options.signal?.throwIfAborted();
    try {
      return await attempt();
    } catch (error) {
      if (options.signal?.aborted) throw error;
      options.log.warn(
        { err: error, what: options.what, tries, retryInMs: delay },
        "dependency not reachable, retrying",
      );
      await sleep(delay, options.signal);
      delay = Math.min(max, delay * 2);
    }
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
  });
}
