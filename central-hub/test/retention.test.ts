import { createSilentLogger } from "@hailong/common";
import type { HealthMessage, ScoreWindowMessage } from "@hailong/protocol";
import { validFixtures } from "@hailong/protocol/fixtures";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { insertDeadLetters } from "../src/db/repos/dead-letters-repo.js";
import { storeHealth } from "../src/db/repos/health-repo.js";
import { insertScoreWindow } from "../src/db/repos/score-windows-repo.js";
import { databaseKinds, type TestDatabase } from "../src/db/testing.js";
import { createIngestPipeline } from "../src/ingest/pipeline.js";
import {
  createRetentionScheduler,
  FIRST_PRUNE_AFTER_MS,
  PRUNE_EVERY_MS,
  type RetentionClock,
} from "../src/retention/retention-scheduler.js";
import { DAY, generateTraffic, prng, START } from "./support/generate-traffic.js";

/** A clock a test moves by hand: timers fire only inside advance(), in due order. */
function manualClock(start: number) {
  let now = start;
  const timers: Array<{ at: number; run: () => void; cancelled: boolean }> = [];
  const clock: RetentionClock & { advance(ms: number): void; pending(): number[]; set(ms: number): void } = {
    now: () => now,
    after(ms, run) {
      const timer = { at: now + ms, run, cancelled: false };
      timers.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
    advance(ms) {
      now += ms;
      for (const t of timers.filter((t) => !t.cancelled && t.at <= now).sort((a, b) => a.at - b.at)) {
        t.cancelled = true;
        t.run();
      }
    },
    pending: () => timers.filter((t) => !t.cancelled).map((t) => t.at),
    set(ms) {
      now = ms;
    },
  };
  return clock;
}

const fixture = <T>(name: string) => validFixtures().find((f) => f.name === name)?.message as T;
const RETENTION_DAYS = 30;
/** Traffic spans START..START+40 days; with this "now" the 30-day window starts at START+20 days. */
const NOW = START + 20 * DAY + RETENTION_DAYS * DAY;
const CUTOFF = NOW - RETENTION_DAYS * DAY;

const ROLLUPS = ["rollup_hourly", "rollup_daily", "rollup_monthly"] as const;

describe.each(databaseKinds())("retention on $name", ({ open }) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await open();
  });
  afterEach(async () => {
    await t?.dispose();
  });

  const count = async (table: string, where = "1 = 1", params: unknown[] = []) =>
    Number((await t.db.sql.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`, params))[0]?.n);
  const rollups = async () => {
    const out: Record<string, unknown[]> = {};
    for (const table of ROLLUPS)
      out[table] = await t.db.sql.query(`SELECT * FROM ${table} ORDER BY counter_id, bucket_start`);
    return out;
  };

  it("the scheduled pass deletes raw rows older than db.retentionDays and leaves rollups and incidents whole", async () => {
    const clock = manualClock(START);
    const sql = t.db.sql;
    const pipeline = createIngestPipeline({
      sql,
      log: createSilentLogger(),
      baseTopic: "hailong",
      batchMaxMessages: 200,
      batchMaxDelayMs: 2,
      isDatabaseUp: () => t.db.ping(),
      now: clock.now,
    });
    const { messages } = generateTraffic(["q7-hotich-1", "q7-dat-2"], 120, prng(7));
    await Promise.all(messages.map((m) => pipeline.submit(m.topic, m.payload)));
    await pipeline.drain();
    const health = fixture<HealthMessage>("health");
    const score = fixture<ScoreWindowMessage>("score");
    for (const [i, at] of [START + 5 * DAY, START + 30 * DAY].entries()) {
      await storeHealth(sql, { ...health, id: `health-${i}-000000`, ts: at });
      await insertScoreWindow(sql, { ...score, id: `score-${i}-0000000`, windowStart: at, windowEnd: at + 10_000 });
      await insertDeadLetters(sql, [
        {
          id: `dead-${i}`,
          topic: "t",
          reason: "bad_json",
          message: "m",
          payload: "x",
          payloadBytes: 1,
          receivedAt: at,
        },
      ]);
    }
    const before = await rollups();
    const incidents = await count("incidents");
    const visitsKept = await count("visits", "ended_at >= ?", [CUTOFF]);
    expect(await count("visits", "ended_at < ?", [CUTOFF])).toBeGreaterThan(0);
    expect(visitsKept).toBeGreaterThan(0);
    expect(await count("message_ids")).toBeGreaterThan(0);

    clock.set(NOW);
    const scheduler = createRetentionScheduler({
      sql,
      retentionDays: RETENTION_DAYS,
      log: createSilentLogger(),
      clock,
    });
    scheduler.start();
    clock.advance(FIRST_PRUNE_AFTER_MS - 1);
    expect(await count("visits", "ended_at < ?", [CUTOFF])).toBeGreaterThan(0);
    clock.advance(1);
    await expect.poll(() => count("score_windows"), { timeout: 10_000 }).toBe(1);
    await expect
      .poll(() => clock.pending(), { timeout: 10_000 })
      .toEqual([NOW + FIRST_PRUNE_AFTER_MS + PRUNE_EVERY_MS]);

    expect(await count("visits", "ended_at < ?", [CUTOFF])).toBe(0);
    expect(await count("visits")).toBe(visitsKept);
    expect(await count("health_samples")).toBe(1);
    expect(await count("health_samples", "ts >= ?", [CUTOFF])).toBe(1);
    expect(await count("score_windows", "window_start >= ?", [CUTOFF])).toBe(1);
    expect(await count("dead_letters")).toBe(1);
    expect(await count("dead_letters", "received_at >= ?", [CUTOFF])).toBe(1);
    // Ids were received at START, far more than the week dedupe needs.
    expect(await count("message_ids")).toBe(0);
    expect(await count("incidents")).toBe(incidents);
    expect(await rollups()).toEqual(before);
    await scheduler.stop();
    expect(clock.pending()).toEqual([]);
  });
});
