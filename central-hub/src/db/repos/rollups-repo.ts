import type { SatisfactionLevel } from "@hailong/protocol";
import { LOCAL_OFFSET_MS, monthStart } from "../../aggregation/buckets.js";
import { dailyKeys, type RollupDelta } from "../../aggregation/rollup-delta.js";
import type { SummaryFigures } from "../../aggregation/summary-figures.js";
import type { SqlClient } from "../sql-client.js";

const FIGURES = [
  "visits",
  "n_very_satisfied",
  "n_satisfied",
  "n_neutral",
  "n_dissatisfied",
  "share_very_satisfied",
  "share_satisfied",
  "share_neutral",
  "share_dissatisfied",
  "score_sum",
  "duration_ms_sum",
  "incidents",
  "acknowledged",
  "response_ms_sum",
] as const;

export type RollupFigureColumn = (typeof FIGURES)[number];
export const ROLLUP_FIGURE_COLUMNS: readonly RollupFigureColumn[] = FIGURES;

function figures(d: RollupDelta): number[] {
  return [
    d.visits,
    d.levelCounts.very_satisfied,
    d.levelCounts.satisfied,
    d.levelCounts.neutral,
    d.levelCounts.dissatisfied,
    d.shareSums.very_satisfied,
    d.shareSums.satisfied,
    d.shareSums.neutral,
    d.shareSums.dissatisfied,
    d.scoreSum,
    d.durationMsSum,
    d.incidents,
    d.acknowledged,
    d.responseMsSum,
  ];
}

const addAll = (table: string) => FIGURES.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(", ");

const UPSERT_HOURLY = `INSERT INTO rollup_hourly (counter_id, bucket_start, ${FIGURES.join(", ")})
  VALUES (?, ?, ${FIGURES.map(() => "?").join(", ")})
  ON CONFLICT (counter_id, bucket_start) DO UPDATE SET ${addAll("rollup_hourly")}`;

const UPSERT_DAILY = `INSERT INTO rollup_daily (counter_id, bucket_start, week_start, month_start, ${FIGURES.join(", ")})
  VALUES (?, ?, ?, ?, ${FIGURES.map(() => "?").join(", ")})
  ON CONFLICT (counter_id, bucket_start) DO UPDATE SET ${addAll("rollup_daily")}`;

const UPSERT_MONTHLY = `INSERT INTO rollup_monthly (counter_id, bucket_start, ${FIGURES.join(", ")})
  VALUES (?, ?, ${FIGURES.map(() => "?").join(", ")})
  ON CONFLICT (counter_id, bucket_start) DO UPDATE SET ${addAll("rollup_monthly")}`;

const byKey = (a: RollupDelta, b: RollupDelta) =>
  a.counterId < b.counterId ? -1 : a.counterId > b.counterId ? 1 : a.hourStart - b.hourStart;

/** Sums deltas per counter and coarser bucket (`hourStart` then holds the bucket start), in key order. */
function mergeByBucket(deltas: readonly RollupDelta[], bucketOf: (hour: number) => number): RollupDelta[] {
  const merged = new Map<string, RollupDelta>();
  for (const d of deltas) {
    const bucket = bucketOf(d.hourStart);
    const key = `${d.counterId}\u0000${bucket}`;
    const existing = merged.get(key);
    if (existing === undefined) merged.set(key, structuredClone({ ...d, hourStart: bucket }));
    else mergeInto(existing, d);
  }
  return [...merged.values()].sort(byKey);
}

/**
 * Adds batch deltas to the hourly, local-day and local-month rollups (inside the caller's transaction).
 * Rows are written in key order so concurrent hubs on PostgreSQL lock them in the same order (no deadlocks).
 */
export async function applyRollupDeltas(sql: SqlClient, deltas: readonly RollupDelta[]): Promise<void> {
  const hourly = [...deltas].sort(byKey);
  for (const d of hourly) await sql.execute(UPSERT_HOURLY, [d.counterId, d.hourStart, ...figures(d)]);
  for (const d of mergeByBucket(hourly, (hour) => dailyKeys(hour).dayStart)) {
    const keys = dailyKeys(d.hourStart);
    await sql.execute(UPSERT_DAILY, [d.counterId, keys.dayStart, keys.weekStart, keys.monthStart, ...figures(d)]);
  }
  for (const d of mergeByBucket(hourly, monthStart)) {
    await sql.execute(UPSERT_MONTHLY, [d.counterId, d.hourStart, ...figures(d)]);
  }
}

function mergeInto(target: RollupDelta, d: RollupDelta): void {
  target.visits += d.visits;
  for (const level of Object.keys(target.levelCounts) as Array<keyof RollupDelta["levelCounts"]>) {
    target.levelCounts[level] += d.levelCounts[level];
    target.shareSums[level] += d.shareSums[level];
  }
  target.scoreSum += d.scoreSum;
  target.durationMsSum += d.durationMsSum;
  target.incidents += d.incidents;
  target.acknowledged += d.acknowledged;
  target.responseMsSum += d.responseMsSum;
}

/** How summed rollup rows are keyed: by counter, by row bucket start, or by local weekday × hour cell. */
export type RollupGrouping = "counter" | "bucket" | "cell";

export interface RollupSumQuery {
  grain: "hour" | "day" | "month";
  counterIds: readonly string[];
  /** Bucket starts in [from, to). */
  from: number;
  to: number;
  groupBy: RollupGrouping;
}

export interface RollupSum {
  key: string | number;
  figures: SummaryFigures;
}

// Local time is UTC+7 all year; 1970-01-01 (day 0) was a Thursday, Monday-based weekday 3.
const LOCAL = `(r.bucket_start + ${LOCAL_OFFSET_MS})`;
const GROUP_KEY: Record<RollupGrouping, string> = {
  counter: "r.counter_id",
  bucket: "r.bucket_start",
  cell: `((${LOCAL} / 86400000 + 3) % 7) * 24 + (${LOCAL} / 3600000) % 24`,
};

const ROLLUP_TABLE = { hour: "rollup_hourly", day: "rollup_daily", month: "rollup_monthly" } as const;

type SumRow = {
  k: string | number;
  visits: number;
  score_sum: number;
  incidents: number;
} & Record<`n_${SatisfactionLevel}`, number>;

/** Summary figures of the counters' hourly, daily or monthly rollup rows, summed per group key. */
export async function sumRollups(sql: SqlClient, q: RollupSumQuery): Promise<RollupSum[]> {
  if (q.counterIds.length === 0 || q.to <= q.from) return [];
  const rows = await sql.query<SumRow>(
    `SELECT ${GROUP_KEY[q.groupBy]} AS k, SUM(r.visits) AS visits, SUM(r.score_sum) AS score_sum,
       SUM(r.n_very_satisfied) AS n_very_satisfied, SUM(r.n_satisfied) AS n_satisfied,
       SUM(r.n_neutral) AS n_neutral, SUM(r.n_dissatisfied) AS n_dissatisfied,
       SUM(r.incidents) AS incidents
     FROM ${ROLLUP_TABLE[q.grain]} r
     WHERE r.counter_id IN (${q.counterIds.map(() => "?").join(", ")}) AND r.bucket_start >= ? AND r.bucket_start < ?
     GROUP BY 1`,
    [...q.counterIds, q.from, q.to],
  );
  return rows.map((r) => ({
    key: q.groupBy === "counter" ? String(r.k) : Number(r.k),
    figures: {
      visits: Number(r.visits),
      scoreSum: Number(r.score_sum),
      levelCounts: {
        very_satisfied: Number(r.n_very_satisfied),
        satisfied: Number(r.n_satisfied),
        neutral: Number(r.n_neutral),
        dissatisfied: Number(r.n_dissatisfied),
      },
      incidents: Number(r.incidents),
    },
  }));
}
