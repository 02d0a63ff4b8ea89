/** Which agent each counter is assigned to, read from the directory at most once per `ttlMs`. */
export interface CounterAssignments {
  /** Counter id -> agent id. */
  current(): Promise<ReadonlyMap<string, string>>;
  /** The agent the counter is assigned to; re-reads the directory once when the counter is not in the cache. */
  ownerOf(counterId: string): Promise<string | undefined>;
}

export function createCounterAssignments(deps: {
  load: () => Promise<Map<string, string>>;
  ttlMs?: number;
  now?: () => number;
}): CounterAssignments {
  const ttlMs = deps.ttlMs ?? 5_000;
  const now = deps.now ?? Date.now;
  let cached: { at: number; map: Promise<Map<string, string>> } | undefined;
  const read = (maxAgeMs: number): Promise<Map<string, string>> => {
    if (cached === undefined || now() - cached.at > maxAgeMs) {
      const map = deps.load();
      cached = { at: now(), map };
      map.catch(() => {
        if (cached?.map === map) cached = undefined;
      });
    }
    return cached.map;
  };
  return {
    current: () => read(ttlMs),
    async ownerOf(counterId) {
      const owner = (await read(ttlMs)).get(counterId);
      // A counter assigned a moment ago: look once more, but not more often than once a second.
      return owner ?? (await read(Math.min(ttlMs, 1_000))).get(counterId);
    },
  };
}
