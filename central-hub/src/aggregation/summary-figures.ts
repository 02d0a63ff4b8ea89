import type { LevelShares, SatisfactionSummary } from "@hailong/protocol";
import { LOCAL_OFFSET_MS } from "./buckets.js";

/**
 * The additive figures behind a dashboard summary. A rollup row, a sum of rollup rows and a set of raw
 * visits all reduce to these, so summaries from either source are computed the same way (no I/O).
 */
export interface SummaryFigures {
  visits: number;
  scoreSum: number;
  shareSums: LevelShares;
  incidents: number;
}

const LEVELS = ["very_satisfied", "satisfied", "neutral", "dissatisfied"] as const;

export function emptySummaryFigures(): SummaryFigures {
  return {
    visits: 0,
    scoreSum: 0,
    shareSums: { very_satisfied: 0, satisfied: 0, neutral: 0, dissatisfied: 0 },
    incidents: 0,
  };
}

export function addFigures(target: SummaryFigures, f: SummaryFigures): void {
  target.visits += f.visits;
  target.scoreSum += f.scoreSum;
  for (const level of LEVELS) target.shareSums[level] += f.shareSums[level];
  target.incidents += f.incidents;
}

/** An ended visit counts once, with its final score and time shares. */
export function addVisit(target: SummaryFigures, visit: { score: number; shares: LevelShares }): void {
  target.visits += 1;
  target.scoreSum += visit.score;
  for (const level of LEVELS) target.shareSums[level] += visit.shares[level];
}

/**
 * Rounds half up with a nudge far above floating-point noise: a mean that is exactly x.x5 must round the
 * same whether its sum came from rollup rows or from visits added in another order.
 */
export function roundHalfUp(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale + 1e-6) / scale;
}

/** Mean score to 0.1 and mean shares to 10⁻⁴, over visits; incidents as counted. */
export function toSummary(f: SummaryFigures): SatisfactionSummary {
  if (f.visits === 0) {
    return {
      visits: 0,
      score: null,
      shares: { very_satisfied: 0, satisfied: 0, neutral: 0, dissatisfied: 0 },
      incidents: f.incidents,
    };
  }
  const shares = { ...f.shareSums };
  for (const level of LEVELS) shares[level] = roundHalfUp(shares[level] / f.visits, 4);
  return { visits: f.visits, score: roundHalfUp(f.scoreSum / f.visits, 1), shares, incidents: f.incidents };
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
