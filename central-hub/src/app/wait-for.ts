import type { Logger } from "@hailong/common";

/**
 * Calls `attempt` until it succeeds, waiting firstMs, 2×, 4× … up to maxMs between tries: a dependency that is
 * not up yet at start-up delays the hub instead of ending it.
 */
export async function retryWithBackoff<T>(
  attempt: () => Promise<T>,
  options: { log: Logger; what: string; firstMs?: number; maxMs?: number },
): Promise<T> {
  let delay = options.firstMs ?? 500;
  const max = options.maxMs ?? 30_000;
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      options.log.warn(
        { err: error, what: options.what, tries, retryInMs: delay },
        "dependency not reachable, retrying",
      );
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(max, delay * 2);
    }
  }
}
