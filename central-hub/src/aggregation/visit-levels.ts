import { type LevelShares, SATISFACTION_LEVELS, type SatisfactionLevel } from "@hailong/protocol";

/**
 * How visits become the level shares and "tỷ lệ hài lòng" a supervisor reads (docs/scoring.md): each ended
 * visit counts once, at its overall level, except that a visit with an incident counts as dissatisfied. Pure.
 */
export const LEVELS: readonly SatisfactionLevel[] = SATISFACTION_LEVELS;

export type LevelCounts = Record<SatisfactionLevel, number>;

export function emptyLevelCounts(): LevelCounts {
  return { very_satisfied: 0, satisfied: 0, neutral: 0, dissatisfied: 0 };
}

/** The level a visit is counted at: dissatisfied when it had an incident, its own overall level otherwise. */
export function countedLevel(visit: { level: SatisfactionLevel; hadIncident: boolean }): SatisfactionLevel {
  return visit.hadIncident ? "dissatisfied" : visit.level;
}

const SHARE_UNITS = 10_000;

/**
 * Shares of visits per level to 10⁻⁴ that sum to exactly 1 (largest remainder), or all 0 without visits, so
 * a table never shows 99.99 % or 100.01 %.
 */
export function sharesOfVisits(counts: LevelCounts): LevelShares {
  const total = LEVELS.reduce((sum, level) => sum + counts[level], 0);
  const shares: LevelShares = { very_satisfied: 0, satisfied: 0, neutral: 0, dissatisfied: 0 };
  if (total <= 0) return shares;
  const exact = LEVELS.map((level) => ({ level, units: (counts[level] * SHARE_UNITS) / total }));
  let left = SHARE_UNITS;
  for (const e of exact) {
    shares[e.level] = Math.floor(e.units);
    left -= shares[e.level];
  }
  const byRemainder = [...exact].sort((a, b) => b.units - Math.floor(b.units) - (a.units - Math.floor(a.units)));
  for (const e of byRemainder.slice(0, left)) shares[e.level] += 1;
  for (const level of LEVELS) shares[level] /= SHARE_UNITS;
  return shares;
}

/** Tỷ lệ hài lòng: % of visits counted very satisfied or satisfied, to 0.1; null without visits. */
export function satisfactionRate(counts: LevelCounts): number | null {
  const total = LEVELS.reduce((sum, level) => sum + counts[level], 0);
  if (total <= 0) return null;
  return Math.round((1000 * (counts.very_satisfied + counts.satisfied)) / total) / 10;
}
