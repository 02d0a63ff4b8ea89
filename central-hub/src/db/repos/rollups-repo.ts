import { dailyKeys, type RollupDelta } from "../../aggregation/rollup-delta.js";
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

/**
 * Adds batch deltas to the hourly and the local-day rollups (inside the caller's transaction). Rows are
 * written in key order so concurrent hubs on PostgreSQL lock them in the same order (no deadlocks).
 */
export async function applyRollupDeltas(sql: SqlClient, deltas: readonly RollupDelta[]): Promise<void> {
  const byKey = (a: RollupDelta, b: RollupDelta) =>
    a.counterId < b.counterId ? -1 : a.counterId > b.counterId ? 1 : a.hourStart - b.hourStart;
  const daily = new Map<string, RollupDelta>();
  for (const d of [...deltas].sort(byKey)) {
    await sql.execute(UPSERT_HOURLY, [d.counterId, d.hourStart, ...figures(d)]);
    const day = dailyKeys(d.hourStart).dayStart;
    const key = `${d.counterId}\u0000${day}`;
    const existing = daily.get(key);
    if (existing === undefined) daily.set(key, structuredClone({ ...d, hourStart: day }));
    else mergeInto(existing, d);
  }
  for (const d of [...daily.values()].sort(byKey)) {
    const keys = dailyKeys(d.hourStart);
    await sql.execute(UPSERT_DAILY, [d.counterId, keys.dayStart, keys.weekStart, keys.monthStart, ...figures(d)]);
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
