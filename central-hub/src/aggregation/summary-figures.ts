import type { SatisfactionLevel, SatisfactionSummary } from "@hailong/protocol";
import { LOCAL_OFFSET_MS } from "./buckets.js";
import {
  countedLevel,
  emptyLevelCounts,
  LEVELS,
  type LevelCounts,
  satisfactionRate,
  sharesOfVisits,
} from "./visit-levels.js";

/**
 * The additive figures behind a dashboard summary. A rollup row, a sum of rollup rows and a set of raw
 * visits all reduce to these, so summaries from either source are computed the same way (no I/O).
 */
export interface SummaryFigures {
  visits: number;
  scoreSum: number;
  /** Visits at their counted level (visit-levels.ts). */
  levelCounts: LevelCounts;
  incidents: number;
}

export function emptySummaryFigures(): SummaryFigures {
  return {
    visits: 0,
    scoreSum: 0,
    levelCounts: emptyLevelCounts(),
    incidents: 0,
  };
}

export function addFigures(target: SummaryFigures, f: SummaryFigures): void {
  target.visits += f.visits;
  target.scoreSum += f.scoreSum;
  for (const level of LEVELS) target.levelCounts[level] += f.levelCounts[level];
  target.incidents += f.incidents;
}

/** An ended visit counts once, with its final score, at its counted level. */
export function addVisit(
  target: SummaryFigures,
  visit: { score: number; level: SatisfactionLevel; hadIncident: boolean },
): void {
  target.visits += 1;
  target.scoreSum += visit.score;
  target.levelCounts[countedLevel(visit)] += 1;
}

/**
 * Rounds half up with a nudge far above floating-point noise: a mean that is exactly x.x5 must round the
 * same whether its sum came from rollup rows or from visits added in another order.
 */
export function roundHalfUp(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale + 1e-6) / scale;
}

/** Level counts, shares of visits, tỷ lệ hài lòng and the mean score to 0.1; incidents as counted. */
export function toSummary(f: SummaryFigures): SatisfactionSummary {
  const levelCounts = { ...f.levelCounts };
  return {
    visits: f.visits,
    levelCounts,
    shares: sharesOfVisits(levelCounts),
    satisfactionRate: satisfactionRate(levelCounts),
    score: f.visits === 0 ? null : roundHalfUp(f.scoreSum / f.visits, 1),
    incidents: f.incidents,
  };
}

/** Heatmap cell of a time: Monday-based weekday × hour, local time, as `weekday * 24 + hour`. */
export function heatmapCellOf(ts: number): number {
  const local = new Date(ts + LOCAL_OFFSET_MS);
  return ((local.getUTCDay() + 6) % 7) * 24 + local.getUTCHours();
}

/** Accumulates figures per key (counter id, bucket start or heatmap cell). */
export class FiguresByKey<K> {
  readonly map = new Map<K, SummaryFigures>();

  at(key: K): SummaryFigures {
    let f = this.map.get(key);
    if (f === undefined) {
      f = emptySummaryFigures();
      this.map.set(key, f);
    }
    return f;
  }
}
