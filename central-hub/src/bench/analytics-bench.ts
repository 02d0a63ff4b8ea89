import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { dayStart, LOCAL_OFFSET_MS, monthStart } from "../aggregation/buckets.js";
import { createAnalyticsReader } from "../app/read/analytics-reader.js";
import { openDatabase } from "../db/open-database.js";
import {
  fillMonthlyRollupsFromDaily,
  insertDailyRollup,
  insertHourlyRollups,
  type SeedRollupRow,
} from "../db/repos/rollup-seed-repo.js";
import { ROLLUP_FIGURE_COLUMNS } from "../db/repos/rollups-repo.js";
import type { SqlClient } from "../db/sql-client.js";

export interface AnalyticsBenchOptions {
  counters: number;
  countersPerCentre: number;
  fields: number;
  days: number;
  /** Open hours a day with visits (from 07:00 local), Monday to Saturday. */
  openHours: number;
  /** Timed runs per query after one cold run. */
  runs: number;
  /** Defaults to a fresh SQLite file in a temp dir. */
  dbUrl?: string;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;

interface Placement {
  id: string;
  centre: number;
  field: number;
}

/**
 * `hailong bench analytics`: seeds a year of hourly and daily rollups for many counters into a fresh
 * database and times the dashboard queries through the same reader the HTTP API uses.
 */
export async function runAnalyticsBench(o: AnalyticsBenchOptions, print: (line: string) => void = console.log) {
  const workDir = mkdtempSync(join(tmpdir(), "hailong-bench-analytics-"));
  const dbUrl = o.dbUrl ?? `sqlite:${join(workDir, "hub.sqlite")}`;
  const db = await openDatabase(dbUrl);
  try {
    const counters: Placement[] = Array.from({ length: o.counters }, (_, i) => ({
      id: `ctr-${String(i).padStart(5, "0")}`,
      centre: Math.floor(i / o.countersPerCentre),
      field: i % o.fields,
    }));
    // A local year from 1 January.
    const from = Date.UTC(2026, 0, 1) - LOCAL_OFFSET_MS;
    const to = from + o.days * DAY;
    const seedStarted = performance.now();
    const rows = await seedRollups(db.sql, counters, from, o);
    const seedS = (performance.now() - seedStarted) / 1000;
    const size = dbUrl.startsWith("sqlite:") ? ` (${(statSync(dbUrl.slice(7)).size / 1e9).toFixed(2)} GB file)` : "";
    print(
      `seeded ${rows.hourly.toLocaleString("en")} hourly, ${rows.daily.toLocaleString("en")} daily and ` +
        `${rows.monthly.toLocaleString("en")} monthly rollup rows ` +
        `for ${o.counters} counters over ${o.days} days in ${seedS.toFixed(0)} s into ${dbUrl}${size}`,
    );
    const reader = createAnalyticsReader(db.sql);
    const all = counters.map((c) => c.id);
    const centre = counters.filter((c) => c.centre === 0).map((c) => c.id);
    const field = counters.filter((c) => c.field === 0).map((c) => c.id);
    const lastMonth = monthStart(to - DAY);
    // "Now" in the middle of an hour: the partial hour is read from raw visits.
    const now = to - DAY + 10 * HOUR + 17 * 60_000;
    const queries: Array<[string, () => Promise<unknown>]> = [
      [`city trend by month, year, ${all.length} counters`, () => reader.trend(all, "month", from, to)],
      [`city trend by week, year`, () => reader.trend(all, "week", from, to)],
      [`centre heatmap, year, ${centre.length} counters`, () => reader.heatmap(centre, from, to)],
      [`centre trend by day, last month`, () => reader.trend(centre, "day", lastMonth, to)],
      [`field comparison, year, ${field.length} counters`, () => reader.perCounter(field, from, to)],
      [`field comparison, year to now`, () => reader.perCounter(field, from, now)],
      [`city trend by month, year to now`, () => reader.trend(all, "month", from, now)],
      [`city tiles today (per counter, to now)`, () => reader.perCounter(all, dayStart(now), now)],
      [`city trend by hour, today`, () => reader.trend(all, "hour", dayStart(now), now)],
    ];
    for (const [name, run] of queries) {
      const cold = await time(run);
      const warm: number[] = [];
      for (let i = 0; i < o.runs; i++) warm.push(await time(run));
      warm.sort((a, b) => a - b);
      print(
        `${name.padEnd(52)} cold ${cold.toFixed(0).padStart(5)} ms | median ${(warm[Math.floor(warm.length / 2)] ?? 0).toFixed(0).padStart(5)} ms | max ${(warm.at(-1) ?? 0).toFixed(0).padStart(5)} ms`,
      );
    }
    print(`rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
  } finally {
    await db.close();
    rmSync(workDir, { recursive: true, force: true });
  }
}

async function time(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/** Plausible figures: 0–8 visits an hour, a few incidents, some acknowledged. Deterministic. */
async function seedRollups(sql: SqlClient, counters: Placement[], from: number, o: AnalyticsBenchOptions) {
  let seed = 1;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  let hourly = 0;
  let daily = 0;
  for (let day = 0; day < o.days; day++) {
    const start = from + day * DAY;
    // 1 January 2026 was a Thursday; Sundays are closed.
    if ((day + 3) % 7 === 6) continue;
    await sql.transaction(async (tx) => {
      for (const c of counters) {
        const sum = new Array<number>(ROLLUP_FIGURE_COLUMNS.length).fill(0);
        const hours: SeedRollupRow[] = [];
        for (let h = 0; h < o.openHours; h++) {
          const figures = hourFigures(random);
          for (let i = 0; i < figures.length; i++) sum[i] = (sum[i] as number) + (figures[i] as number);
          hours.push({ counterId: c.id, bucketStart: start + (7 + h) * HOUR, figures });
        }
        await insertHourlyRollups(tx, hours);
        hourly += o.openHours;
        await insertDailyRollup(tx, { counterId: c.id, bucketStart: start, figures: sum });
        daily++;
      }
    });
  }
  const monthly = await fillMonthlyRollupsFromDaily(sql);
  return { hourly, daily, monthly };
}

/** One hour's figures in ROLLUP_FIGURE_COLUMNS order. */
function hourFigures(random: () => number): number[] {
  const visits = Math.floor(random() * 9);
  const very = Math.floor(random() * (visits + 1));
  const satisfied = Math.floor(random() * (visits - very + 1));
  const dissatisfied = Math.floor(random() * Math.min(2, visits - very - satisfied + 1));
  const neutral = visits - very - satisfied - dissatisfied;
  const incidents = random() < 0.05 ? 1 : 0;
  const acknowledged = incidents > 0 && random() < 0.7 ? 1 : 0;
  return [
    visits,
    very,
    satisfied,
    neutral,
    dissatisfied,
    very * 0.8,
    satisfied * 0.7,
    neutral * 0.8 + visits * 0.1,
    dissatisfied * 0.6,
    very * 92 + satisfied * 74 + neutral * 50 + dissatisfied * 15,
    visits * 240_000,
    incidents,
    acknowledged,
    acknowledged * 300_000,
  ];
}
