import type { SatisfactionLevel, ScoreWindowMessage } from "@hailong/protocol";
import { createLevelTally, type LevelTally } from "./satisfaction.js";

/** Beyond this many empty windows in a gap (camera off for hours) only the latest is reported. */
const MAX_CATCH_UP_WINDOWS = 60;

export type ScoreWindowBody = Pick<
  ScoreWindowMessage,
  "windowStart" | "windowEnd" | "visits" | "observedMs" | "shares" | "score"
>;

/** Per-counter score windows aligned to multiples of windowMs on the frame clock; pure. */
export function createScoreWindows(windowMs: number) {
  let start: number | undefined;
  let tally: LevelTally = createLevelTally();
  let observedMs = 0;
  let visits = new Set<string>();

  function close(end: number): ScoreWindowBody {
    const body: ScoreWindowBody = {
      windowStart: start as number,
      windowEnd: end,
      visits: visits.size,
      observedMs: Math.round(observedMs),
      shares: tally.shares(),
      score: tally.score() ?? null,
    };
    tally = createLevelTally();
    observedMs = 0;
    visits = new Set();
    return body;
  }

  return {
    /** Closes every window that ends at or before ts; call before adding ts's observations. */
    advance(ts: number): ScoreWindowBody[] {
      const aligned = Math.floor(ts / windowMs) * windowMs;
      if (start === undefined) {
        start = aligned;
        return [];
      }
      const closed: ScoreWindowBody[] = [];
      if (aligned - start > MAX_CATCH_UP_WINDOWS * windowMs) {
        closed.push(close(start + windowMs));
        start = aligned - windowMs;
      }
      while (start + windowMs <= ts) {
        closed.push(close(start + windowMs));
        start += windowMs;
      }
      return closed;
    },
    observe(visitId: string, level: SatisfactionLevel, score: number, weightMs: number): void {
      visits.add(visitId);
      tally.add(level, score, weightMs);
    },
    markVisit(visitId: string): void {
      visits.add(visitId);
    },
    addObservedMs(ms: number): void {
      observedMs += ms;
    },
    /** Closes the current partial window at ts (input ended / stop). */
    flush(ts: number): ScoreWindowBody[] {
      if (start === undefined || ts <= start) return [];
      const body = close(ts);
      start = undefined;
      return [body];
    },
  };
}
