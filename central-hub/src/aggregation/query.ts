import type { SatisfactionLevel } from "@hailong/protocol";
import { responseTimes } from "../db/repos/incidents-repo.js";
import { ROLLUP_FIGURE_COLUMNS, type RollupFigureColumn } from "../db/repos/rollups-repo.js";
import type { SqlClient } from "../db/sql-client.js";
import { bucketStart, type Period } from "./buckets.js";
import { median } from "./stats.js";

export type Scope = "counter" | "department" | "centre" | "all";

export interface AggregateQuery {
  period: Period;
  scope: Scope;
  /** Epoch ms; aligned down to the start of its period bucket. */
  from: number;
  to: number;
  /** Restrict to these counters (the caller's access scope); all counters when omitted. */
  counterIds?: readonly string[];
}

export interface AggregateRow {
  /** Counter, department or centre id ("all" for scope all). */
  scopeId: string;
  bucketStart: number;
  visits: number;
  /** Visits by their end level. */
  levelCounts: Record<SatisfactionLevel, number>;
  /** Share of visits at each end level (0..1). */
  levelShares: Record<SatisfactionLevel, number>;
  /** Mean over visits of the time share at each level (0..1). */
  meanTimeShares: Record<SatisfactionLevel, number>;
  /** % of visits ending satisfied or very satisfied; null without visits. */
  satisfactionIndex: number | null;
  meanScore: number | null;
  meanDurationMs: number | null;
  incidents: number;
  acknowledged: number;
  meanResponseMs: number | null;
  medianResponseMs: number | null;
}

/** One summed rollup row: every figure column, per scope and bucket. */
type SumRow = { scope_id: string; bucket: number } & Record<RollupFigureColumn, number>;

const SCOPE_KEY: Record<Scope, string> = {
  counter: "r.counter_id",
  department: "d.id",
  centre: "c.centre_id",
  all: "'all'",
};
const BUCKET_COLUMN: Record<Period, string> = {
  hour: "r.bucket_start",
  day: "r.bucket_start",
  week: "r.week_start",
  month: "r.month_start",
};

/**
 * Satisfaction and incident figures per scope and period bucket (Asia/Ho_Chi_Minh local time), read from
 * the rollups: hourly rows for `hour`, local-day rows (which carry their week and month) otherwise.
 * Department and centre scopes use the counters' current directory placement. Buckets without data are
 * omitted.
 */
export async function aggregate(sql: SqlClient, q: AggregateQuery): Promise<AggregateRow[]> {
  if (q.counterIds !== undefined && q.counterIds.length === 0) return [];
  const from = bucketStart(q.period, q.from);
  const table = q.period === "hour" ? "rollup_hourly" : "rollup_daily";
  const join =
    q.scope === "counter" || q.scope === "all"
      ? ""
      : `JOIN counters c ON c.id = r.counter_id
         ${q.scope === "department" ? "JOIN departments d ON d.centre_id = c.centre_id AND d.field = c.field" : ""}`;
  const where = ["r.bucket_start >= ?", "r.bucket_start < ?"];
  const params: unknown[] = [from, q.to];
  if (q.counterIds !== undefined) {
    where.push(`r.counter_id IN (${q.counterIds.map(() => "?").join(", ")})`);
    params.push(...q.counterIds);
  }
  const rows = await sql.query<SumRow>(
    `SELECT ${SCOPE_KEY[q.scope]} AS scope_id, ${BUCKET_COLUMN[q.period]} AS bucket,
       ${ROLLUP_FIGURE_COLUMNS.map((c) => `SUM(r.${c}) AS ${c}`).join(", ")}
     FROM ${table} r ${join} WHERE ${where.join(" AND ")}
     GROUP BY 1, 2 ORDER BY 1, 2`,
    params,
  );
  const medians = await medianResponses(sql, q, from, rows);
  return rows.map((r) => toAggregateRow(r, medians.get(`${r.scope_id}\u0000${Number(r.bucket)}`) ?? null));
}

async function medianResponses(
  sql: SqlClient,
  q: AggregateQuery,
  from: number,
  rows: SumRow[],
): Promise<Map<string, number | null>> {
  if (!rows.some((r) => Number(r.acknowledged) > 0)) return new Map();
  let scopeOf: (counterId: string) => string | undefined = (counterId) => (q.scope === "all" ? "all" : counterId);
  if (q.scope === "centre" || q.scope === "department") {
    const placement = await sql.query<{ id: string; centre_id: string; department_id: string | null }>(
      `SELECT c.id, c.centre_id, d.id AS department_id FROM counters c
       LEFT JOIN departments d ON d.centre_id = c.centre_id AND d.field = c.field`,
    );
    const map = new Map(
      placement.map((p) => [p.id, q.scope === "centre" ? p.centre_id : (p.department_id ?? undefined)]),
    );
    scopeOf = (counterId) => map.get(counterId);
  }
  const grouped = new Map<string, number[]>();
  for (const t of await responseTimes(sql, q.counterIds, from, q.to)) {
    const scopeId = scopeOf(t.counterId);
    if (scopeId === undefined) continue;
    const key = `${scopeId}\u0000${bucketStart(q.period, t.onset)}`;
    const list = grouped.get(key) ?? [];
    list.push(t.responseMs);
    grouped.set(key, list);
  }
  return new Map([...grouped].map(([key, list]) => [key, median(list)]));
}

function toAggregateRow(r: SumRow, medianResponseMs: number | null): AggregateRow {
  const visits = Number(r.visits);
  const per = (n: number) => (visits === 0 ? 0 : Number(n) / visits);
  const acknowledged = Number(r.acknowledged);
  return {
    scopeId: String(r.scope_id),
    bucketStart: Number(r.bucket),
    visits,
    levelCounts: {
      very_satisfied: Number(r.n_very_satisfied),
      satisfied: Number(r.n_satisfied),
      neutral: Number(r.n_neutral),
      dissatisfied: Number(r.n_dissatisfied),
    },
    levelShares: {
      very_satisfied: per(r.n_very_satisfied),
      satisfied: per(r.n_satisfied),
      neutral: per(r.n_neutral),
      dissatisfied: per(r.n_dissatisfied),
    },
    meanTimeShares: {
      very_satisfied: per(r.share_very_satisfied),
      satisfied: per(r.share_satisfied),
      neutral: per(r.share_neutral),
      dissatisfied: per(r.share_dissatisfied),
    },
    satisfactionIndex: visits === 0 ? null : (100 * (Number(r.n_very_satisfied) + Number(r.n_satisfied))) / visits,
    meanScore: visits === 0 ? null : Number(r.score_sum) / visits,
    meanDurationMs: visits === 0 ? null : Number(r.duration_ms_sum) / visits,
    incidents: Number(r.incidents),
    acknowledged,
    meanResponseMs: acknowledged === 0 ? null : Number(r.response_ms_sum) / acknowledged,
    medianResponseMs,
  };
}
