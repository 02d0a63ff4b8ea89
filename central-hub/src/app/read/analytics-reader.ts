import type { HeatmapCell, SatisfactionSummary, TrendPoint } from "@hailong/protocol";
import { bucketStart, bucketStarts, type Period } from "../../aggregation/buckets.js";
import { coverRange } from "../../aggregation/range-cover.js";
import {
  addFigures,
  addVisit,
  emptySummaryFigures,
  FiguresByKey,
  heatmapCellOf,
  type SummaryFigures,
  toSummary,
} from "../../aggregation/summary-figures.js";
import { listIncidents } from "../../db/repos/incidents-repo.js";
import { type RollupGrouping, sumRollups } from "../../db/repos/rollups-repo.js";
import { listVisits, type VisitRecord } from "../../db/repos/visits-repo.js";
import type { SqlClient } from "../../db/sql-client.js";
import type { AnalyticsReader } from "../../http/ports.js";

const PAGE = 5_000;
/** Raw rows are read only for the partial hours at a range's ends; an hour never holds this many incidents. */
const MAX_INCIDENTS = 100_000;

/** Ended visits of the counters started in [from, to), read page by page. */
export async function* endedVisits(
  sql: SqlClient,
  counterIds: string[],
  from: number,
  to: number,
): AsyncGenerator<VisitRecord> {
  let after: { startedAt: number; visitId: string } | undefined;
  for (;;) {
    const page = await listVisits(sql, { counterIds, from, to, limit: PAGE, ...(after ? { after } : {}) });
    for (const visit of page) if (visit.status === "ended") yield visit;
    const last = page.at(-1);
    if (!last || page.length < PAGE) return;
    after = { startedAt: last.startedAt, visitId: last.visitId };
  }
}

interface Collect<K> {
  /** The largest rollup the figures may come from (see coverRange). */
  coarsest: "hour" | "day" | "month";
  groupBy: RollupGrouping;
  /** Maps a row's group key (counter id, bucket start or heatmap cell) to the caller's key. */
  keyOf: (key: string | number) => K;
}

/**
 * Figures of the counters over [from, to): whole months, days and hours from the rollups, the partial hours at
 * either end from the raw visits and incidents, so any range gives exactly the visit-based figures.
 */
async function collectFigures<K>(
  sql: SqlClient,
  counterIds: string[],
  from: number,
  to: number,
  plan: Collect<K>,
): Promise<Map<K, SummaryFigures>> {
  const into = new FiguresByKey<K>();
  if (counterIds.length === 0) return into.map;
  const rawKey = (counterId: string, at: number): string | number =>
    plan.groupBy === "counter" ? counterId : plan.groupBy === "bucket" ? at : heatmapCellOf(at);
  for (const segment of coverRange(from, to, plan.coarsest)) {
    if (segment.grain === "raw") {
      for await (const v of endedVisits(sql, counterIds, segment.from, segment.to)) {
        addVisit(into.at(plan.keyOf(rawKey(v.counterId, v.startedAt))), v);
      }
      const incidents = await listIncidents(sql, {
        counterIds,
        from: segment.from,
        to: segment.to,
        includeTest: false,
        limit: MAX_INCIDENTS,
      });
      for (const i of incidents) into.at(plan.keyOf(rawKey(i.counterId, i.onset))).incidents += 1;
      continue;
    }
    const rows = await sumRollups(sql, { ...segment, grain: segment.grain, counterIds, groupBy: plan.groupBy });
    for (const row of rows) addFigures(into.at(plan.keyOf(row.key)), row.figures);
  }
  return into.map;
}

/** Per-counter summaries over [from, to); counters without visits or incidents are absent. */
export async function perCounterSummaries(
  sql: SqlClient,
  counterIds: string[],
  from: number,
  to: number,
): Promise<Map<string, SatisfactionSummary>> {
  const figures = await collectFigures(sql, counterIds, from, to, {
    coarsest: "month",
    groupBy: "counter",
    keyOf: String,
  });
  const result = new Map<string, SatisfactionSummary>();
  for (const [id, f] of figures) if (f.visits > 0 || f.incidents > 0) result.set(id, toSummary(f));
  return result;
}

/** Trends, heatmap and comparison from the hourly, daily and monthly rollups (Asia/Ho_Chi_Minh local time). */
export function createAnalyticsReader(sql: SqlClient): AnalyticsReader {
  return {
    async trend(counterIds, period: Period, from, to): Promise<TrendPoint[]> {
      const figures = await collectFigures(sql, counterIds, from, to, {
        coarsest: period === "hour" ? "hour" : period === "month" ? "month" : "day",
        groupBy: "bucket",
        keyOf: (at) => bucketStart(period, Number(at)),
      });
      return bucketStarts(period, from, to).map((start) => {
        return { bucketStart: start, ...toSummary(figures.get(start) ?? emptySummaryFigures()) };
      });
    },
    async heatmap(counterIds, from, to): Promise<HeatmapCell[]> {
      const figures = await collectFigures(sql, counterIds, from, to, {
        coarsest: "hour",
        groupBy: "cell",
        keyOf: Number,
      });
      return [...figures.entries()]
        .filter(([, f]) => f.visits > 0)
        .sort(([a], [b]) => a - b)
        .map(([cell, f]) => ({
          weekday: Math.floor(cell / 24),
          hour: cell % 24,
          visits: f.visits,
          score: toSummary(f).score,
        }));
    },
    perCounter: (counterIds, from, to) => perCounterSummaries(sql, counterIds, from, to),
  };
}
