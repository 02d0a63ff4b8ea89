import type { SatisfactionLevel } from "@hailong/protocol";
import { LEVEL_ORDER, type LevelProbabilities } from "./satisfaction.js";

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
 * Keeps the displayed level until another level's probability beats it by `margin`,
 * so a face hovering between two levels does not flicker.
 */
export function createLevelHysteresis(margin: number) {
  let level: SatisfactionLevel | undefined;
  return {
    update(levels: LevelProbabilities): SatisfactionLevel {
      let best: SatisfactionLevel = LEVEL_ORDER[0] as SatisfactionLevel;
      for (const l of LEVEL_ORDER) if (levels[l] > levels[best]) best = l;
      if (level === undefined || (best !== level && levels[best] > levels[level] + margin)) level = best;
      return level;
    },
    current: () => level,
  };
}
