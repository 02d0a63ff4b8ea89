import { monthStart, weekStart } from "../../aggregation/buckets.js";
import type { SqlClient } from "../sql-client.js";
import { ROLLUP_FIGURE_COLUMNS } from "./rollups-repo.js";

/*
 * Bulk loading of synthetic rollup rows for the analytics bench: plain inserts into empty tables, figures in
 * ROLLUP_FIGURE_COLUMNS order. The product maintains the rollups through applyRollupDeltas only.
 */

const columns = ["counter_id", "bucket_start", ...ROLLUP_FIGURE_COLUMNS];
const tuple = `(${columns.map(() => "?").join(", ")})`;
/** Several hourly rows in one statement (statement overhead dominates single-row inserts). */
const insertHourly = (rows: number) =>
  `INSERT INTO rollup_hourly (${columns.join(", ")}) VALUES ${Array.from({ length: rows }, () => tuple).join(", ")}`;
const INSERT_DAILY = `INSERT INTO rollup_daily (${columns.join(", ")}, week_start, month_start)
  VALUES (${columns.map(() => "?").join(", ")}, ?, ?)`;

export interface SeedRollupRow {
  counterId: string;
  bucketStart: number;
  figures: readonly number[];
}

export async function insertHourlyRollups(sql: SqlClient, rows: readonly SeedRollupRow[]): Promise<void> {
  if (rows.length === 0) return;
  await sql.execute(
    insertHourly(rows.length),
    rows.flatMap((r) => [r.counterId, r.bucketStart, ...r.figures]),
  );
}

/** `bucketStart` is the local day's start; its week and month are derived. */
export async function insertDailyRollup(sql: SqlClient, row: SeedRollupRow): Promise<void> {
  await sql.execute(INSERT_DAILY, [
    row.counterId,
    row.bucketStart,
    ...row.figures,
    weekStart(row.bucketStart),
    monthStart(row.bucketStart),
  ]);
}

/** Fills the (empty) monthly rollups by summing the daily rows; returns the rows written. */
export async function fillMonthlyRollupsFromDaily(sql: SqlClient): Promise<number> {
  const sums = ROLLUP_FIGURE_COLUMNS.map((c) => `SUM(${c})`).join(", ");
  return sql.execute(
    `INSERT INTO rollup_monthly (counter_id, bucket_start, ${ROLLUP_FIGURE_COLUMNS.join(", ")})
     SELECT counter_id, month_start, ${sums} FROM rollup_daily GROUP BY counter_id, month_start`,
  );
}
