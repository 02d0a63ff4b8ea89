import { createSilentLogger } from "@hailong/common";
import type { HeatmapCell, SatisfactionLevel, SatisfactionSummary, TrendPoint } from "@hailong/protocol";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bucketStart, bucketStarts, LOCAL_OFFSET_MS, PERIODS, type Period } from "../src/aggregation/buckets.js";
import { roundHalfUp } from "../src/aggregation/summary-figures.js";
import { sharesOfVisits } from "../src/aggregation/visit-levels.js";
import { createAnalyticsReader } from "../src/app/read/analytics-reader.js";
import { databaseKinds, type TestDatabase } from "../src/db/testing.js";
import { createIngestPipeline } from "../src/ingest/pipeline.js";
import { DAY, generateTraffic, prng, START } from "./support/generate-traffic.js";

const HOUR = 3_600_000;
const COUNTERS = ["k1", "k2", "k3", "k4"];

interface VisitRow {
  counter_id: string;
  started_at: number;
  score: number;
  level: SatisfactionLevel;
  had_incident: boolean;
}

/** The figures straight from the raw rows, computed independently of the reader. */
function summarize(visits: VisitRow[], incidents: number): SatisfactionSummary {
  const levelCounts = { very_satisfied: 0, satisfied: 0, neutral: 0, dissatisfied: 0 };
  for (const v of visits) levelCounts[v.had_incident ? "dissatisfied" : v.level] += 1;
  const n = visits.length;
  return {
    visits: n,
    levelCounts,
    // rounding to 10⁻⁴ summing to 1 is visit-levels.test.ts's concern; the counts here are independent
    shares: sharesOfVisits(levelCounts),
    satisfactionRate:
      n === 0 ? null : Math.round((1000 * (levelCounts.very_satisfied + levelCounts.satisfied)) / n) / 10,
    score: n === 0 ? null : roundHalfUp(visits.reduce((sum, v) => sum + v.score, 0) / n, 1),
    incidents,
  };
}

describe.each(databaseKinds())("dashboard analytics from rollups on $name", ({ open }) => {
  let t: TestDatabase;
  let visits: VisitRow[];
  let incidents: Array<{ counter_id: string; onset: number }>;
  beforeEach(async () => {
    t = await open();
    const { messages } = generateTraffic(COUNTERS, 300, prng(7));
    const pipeline = createIngestPipeline({
      sql: t.db.sql,
      log: createSilentLogger(),
      baseTopic: "hailong",
      batchMaxMessages: 61,
      batchMaxDelayMs: 2,
      isDatabaseUp: () => t.db.ping(),
    });
    await Promise.all(messages.map((m) => pipeline.submit(m.topic, m.payload)));
    const rows = await t.db.sql.query<Record<string, number | string>>(
      `SELECT v.counter_id, v.started_at, v.score, v.level,
         (SELECT COUNT(*) FROM incidents i WHERE i.visit_id = v.visit_id AND i.test = 0) AS incidents
       FROM visits v WHERE v.status = 'ended'`,
    );
    visits = rows.map((r) => ({
      counter_id: String(r.counter_id),
      started_at: Number(r.started_at),
      score: Number(r.score),
      level: r.level as SatisfactionLevel,
      had_incident: Number(r.incidents) > 0,
    }));
    incidents = await t.db.sql.query("SELECT counter_id, onset FROM incidents WHERE test = 0");
    expect(visits).toHaveLength(300);
  });
  afterEach(async () => {
    await t?.dispose();
  });

  // Aligned local days, a range starting and ending mid-hour, one inside a single hour, one inside a day.
  const ranges: Array<[string, number, number]> = [
    ["whole days", START - 7 * HOUR, START - 7 * HOUR + 45 * DAY],
    ["mid-hour ends", START + 3 * DAY + 17 * 60_000 + 5, START + 33 * DAY + 5 * HOUR + 41 * 60_000],
    ["within an hour", START + 10 * DAY + 2 * HOUR + 60_000, START + 10 * DAY + 2 * HOUR + 50 * 60_000],
    ["within a day", START + 12 * DAY + 30 * 60_000, START + 12 * DAY + 9 * HOUR],
  ];
  const inRange = (at: number, from: number, to: number) => at >= from && at < to;

  it.each(ranges)("trends for every period equal the visit-based figures (%s)", async (_name, from, to) => {
    const reader = createAnalyticsReader(t.db.sql);
    for (const period of PERIODS as readonly Period[]) {
      if (period === "hour" && to - from > 40 * DAY) continue;
      const expected: TrendPoint[] = bucketStarts(period, from, to).map((start) => {
        const inBucket = (at: number) => inRange(at, from, to) && bucketStart(period, at) === start;
        return {
          bucketStart: start,
          ...summarize(
            visits.filter((v) => inBucket(v.started_at)),
            incidents.filter((i) => inBucket(i.onset)).length,
          ),
        };
      });
      expect(await reader.trend(COUNTERS, period, from, to), period).toEqual(expected);
    }
  });

  it.each(ranges)("the heatmap equals the visit-based figures (%s)", async (_name, from, to) => {
    const cells = new Map<number, VisitRow[]>();
    for (const v of visits.filter((x) => inRange(x.started_at, from, to))) {
      const local = new Date(v.started_at + LOCAL_OFFSET_MS);
      const cell = ((local.getUTCDay() + 6) % 7) * 24 + local.getUTCHours();
      cells.set(cell, [...(cells.get(cell) ?? []), v]);
    }
    const expected: HeatmapCell[] = [...cells.entries()]
      .sort(([a], [b]) => a - b)
      .map(([cell, list]) => ({
        weekday: Math.floor(cell / 24),
        hour: cell % 24,
        visits: list.length,
        score: summarize(list, 0).score,
      }));
    expect(await createAnalyticsReader(t.db.sql).heatmap(COUNTERS, from, to)).toEqual(expected);
  });

  it.each(ranges)("the per-counter comparison equals the visit-based figures (%s)", async (_name, from, to) => {
    const some = COUNTERS.slice(0, 3);
    const expected = new Map<string, SatisfactionSummary>();
    for (const id of some) {
      const v = visits.filter((x) => x.counter_id === id && inRange(x.started_at, from, to));
      const i = incidents.filter((x) => x.counter_id === id && inRange(x.onset, from, to)).length;
      if (v.length > 0 || i > 0) expected.set(id, summarize(v, i));
    }
    expect(await createAnalyticsReader(t.db.sql).perCounter(some, from, to)).toEqual(expected);
  });
});
