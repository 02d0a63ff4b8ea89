import type { HeatmapCell, LevelShares, Period, SatisfactionSummary, TrendPoint } from "@hailong/protocol";
import { bucketStart, bucketStarts, LOCAL_OFFSET_MS } from "../../aggregation/buckets.js";
import { emptySummary } from "../../http/summary.js";

/** Pure aggregation of ended visits and incidents into API summaries (no I/O). */
export interface VisitFact {
  counterId: string;
  startedAt: number;
  score: number;
  shares: LevelShares;
}

export interface IncidentFact {
  counterId: string;
  onset: number;
}

interface Acc {
  visits: number;
  scoreSum: number;
  shares: LevelShares;
  incidents: number;
}

const LEVELS = ["very_satisfied", "satisfied", "neutral", "dissatisfied"] as const;

function acc(): Acc {
  return {
    visits: 0,
    scoreSum: 0,
    shares: { very_satisfied: 0, satisfied: 0, neutral: 0, dissatisfied: 0 },
    incidents: 0,
  };
}

function add(a: Acc, v: VisitFact): void {
  a.visits += 1;
  a.scoreSum += v.score;
  for (const level of LEVELS) a.shares[level] += v.shares[level];
}

function finish(a: Acc): SatisfactionSummary {
  if (a.visits === 0) return { ...emptySummary(), incidents: a.incidents };
  const shares = { ...a.shares };
  for (const level of LEVELS) shares[level] = Math.round((shares[level] / a.visits) * 10_000) / 10_000;
  return { visits: a.visits, score: Math.round((a.scoreSum / a.visits) * 10) / 10, shares, incidents: a.incidents };
}

export function summarizeTrend(
  visits: VisitFact[],
  incidents: IncidentFact[],
  period: Period,
  from: number,
  to: number,
): TrendPoint[] {
  const buckets = new Map<number, Acc>(bucketStarts(period, from, to).map((start) => [start, acc()]));
  for (const v of visits) {
    const a = buckets.get(bucketStart(period, v.startedAt));
    if (a) add(a, v);
  }
  for (const i of incidents) {
    const a = buckets.get(bucketStart(period, i.onset));
    if (a) a.incidents += 1;
  }
  return [...buckets.entries()].map(([start, a]) => ({ bucketStart: start, ...finish(a) }));
}

export function summarizeHeatmap(visits: VisitFact[]): HeatmapCell[] {
  const cells = new Map<string, { weekday: number; hour: number; a: Acc }>();
  for (const v of visits) {
    const local = new Date(v.startedAt + LOCAL_OFFSET_MS);
    const weekday = (local.getUTCDay() + 6) % 7;
    const hour = local.getUTCHours();
    const key = `${weekday}:${hour}`;
    const cell = cells.get(key) ?? { weekday, hour, a: acc() };
    add(cell.a, v);
    cells.set(key, cell);
  }
  return [...cells.values()]
    .sort((x, y) => x.weekday - y.weekday || x.hour - y.hour)
    .map(({ weekday, hour, a }) => ({ weekday, hour, visits: a.visits, score: finish(a).score }));
}

export function summarizePerCounter(visits: VisitFact[], incidents: IncidentFact[]): Map<string, SatisfactionSummary> {
  const per = new Map<string, Acc>();
  const get = (id: string) => per.get(id) ?? (per.set(id, acc()).get(id) as Acc);
  for (const v of visits) add(get(v.counterId), v);
  for (const i of incidents) get(i.counterId).incidents += 1;
  return new Map([...per.entries()].map(([id, a]) => [id, finish(a)]));
}
