import { createSilentLogger } from "@hailong/common";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bucketStart } from "../src/aggregation/buckets.js";
import { createIncidentService } from "../src/app/read/incident-service.js";
import { databaseKinds, type TestDatabase } from "../src/db/testing.js";
import { createIngestPipeline } from "../src/ingest/pipeline.js";
import { generateTraffic, prng } from "./support/generate-traffic.js";

const COUNTERS = ["k1", "k2", "k3", "k4", "k5"];
const GRAINS = [
  { table: "rollup_hourly", period: "hour" },
  { table: "rollup_daily", period: "day" },
  { table: "rollup_monthly", period: "month" },
] as const;

describe.each(databaseKinds())("rollups on $name", ({ open }) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await open();
  });
  afterEach(async () => {
    await t?.dispose();
  });

  it("acknowledgements through the incident service equal a direct computation from the incidents, per grain", async () => {
    const { messages, acks } = generateTraffic(COUNTERS, 400, prng(42));
    const pipeline = createIngestPipeline({
      sql: t.db.sql,
      log: createSilentLogger(),
      baseTopic: "hailong",
      batchMaxMessages: 97,
      batchMaxDelayMs: 2,
      isDatabaseUp: () => t.db.ping(),
    });
    await Promise.all(messages.map((m) => pipeline.submit(m.topic, m.payload)));
    const incidents = createIncidentService(t.db.sql);
    const ack = (incidentId: string, at: number, actor: string) =>
      incidents.acknowledge({ incidentId, at, actor, actorName: actor, note: null, via: "dashboard" });
    for (const a of acks) await ack(a.incidentId, a.at, "leader");
    // A second acknowledgement keeps the first and counts nothing more.
    if (acks[0]) await ack(acks[0].incidentId, acks[0].at + 60_000, "other");

    const rows = await t.db.sql.query<{ counter_id: string; onset: number; acknowledged_at: number | null }>(
      "SELECT counter_id, onset, acknowledged_at FROM incidents WHERE test = 0",
    );
    expect(rows.filter((r) => r.acknowledged_at !== null).length).toBeGreaterThan(10);
    for (const { table, period } of GRAINS) {
      const expected = new Map<string, [number, number]>();
      for (const r of rows) {
        if (r.acknowledged_at === null) continue;
        const key = `${r.counter_id}@${bucketStart(period, Number(r.onset))}`;
        const [n, sum] = expected.get(key) ?? [0, 0];
        expected.set(key, [n + 1, sum + Number(r.acknowledged_at) - Number(r.onset)]);
      }
      const stored = await t.db.sql.query<{ counter_id: string; bucket_start: number; a: number; s: number }>(
        `SELECT counter_id, bucket_start, acknowledged AS a, response_ms_sum AS s FROM ${table} WHERE acknowledged > 0`,
      );
      const actual = new Map(
        stored.map((r) => [`${r.counter_id}@${Number(r.bucket_start)}`, [Number(r.a), Number(r.s)]]),
      );
      expect(actual, table).toEqual(expected);
    }
  });
});
