import type { SatisfactionLevel } from "@hailong/protocol";
import { LEVEL_FLOORS, LEVEL_ORDER, levelOfScore } from "./satisfaction.js";

/** Blend weight of a new sample after dtMs for a time-based EMA: frame-rate independent. */
export function emaAlpha(dtMs: number, halfLifeMs: number): number {
  if (halfLifeMs <= 0) return 1;
  return 1 - 2 ** (-Math.max(0, dtMs) / halfLifeMs);
}

/** Time-based EMA of a fixed-length vector; the first sample is taken as is. */
export function createEma(halfLifeMs: number) {
  let value: number[] | undefined;
  let lastTs = 0;
  return {
    update(ts: number, sample: readonly number[]): number[] {
      if (value === undefined) value = [...sample];
      else {
        const a = emaAlpha(ts - lastTs, halfLifeMs);
        value = value.map((v, i) => v + a * ((sample[i] ?? 0) - v));
      }
      lastTs = ts;
      return value;
    },
    current: (): readonly number[] | undefined => value,
  };
}

/**
 * The level band of the smoothed score, kept until the score leaves the current band by `margin` (a fraction of
 * the 0..100 scale), so a face hovering at a band edge does not flicker.
 */
export function createLevelHysteresis(margin: number) {
  const points = margin * 100;
  let level: SatisfactionLevel | undefined;
  return {
    update(score: number): SatisfactionLevel {
      const banded = levelOfScore(score);
      if (level === undefined || banded === level) {
        level = banded;
        return level;
      }
      const floor = LEVEL_FLOORS[level];
      const above = LEVEL_ORDER[LEVEL_ORDER.indexOf(level) - 1];
      const ceiling = above === undefined ? Number.POSITIVE_INFINITY : LEVEL_FLOORS[above];
      if (score < floor - points || score >= ceiling + points) level = banded;
      return level;
    },
    current: () => level,
  };
}
