import { fileURLToPath } from "node:url";
import { createSilentLogger } from "@hailong/common";
import type { SatisfactionLevel } from "@hailong/protocol";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bucketStart, PERIODS, type Period } from "../src/aggregation/buckets.js";
import { type AggregateRow, aggregate, type Scope } from "../src/aggregation/query.js";
import { median } from "../src/aggregation/stats.js";
import { createIncidentStore } from "../src/db/incident-store.js";
import { databaseKinds, type TestDatabase } from "../src/db/testing.js";
import { createDirectoryService } from "../src/directory/directory-service.js";
import { createIngestPipeline } from "../src/ingest/pipeline.js";
import { DAY, generateTraffic as generate, prng, START } from "./support/generate-traffic.js";

const seedFile = fileURLToPath(new URL("../seed/demo-directory.yaml", import.meta.url));

describe.each(databaseKinds())("rollups on $name", ({ open }) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await open();
  });
  afterEach(async () => {
    await t?.dispose();
  });

  it("rollup figures equal a direct computation from the raw rows for every period and scope", async () => {
    const directory = createDirectoryService({ sql: t.db.sql });
    await directory.loadSeedFile(seedFile);
    await directory.saveCentre({ id: "c2", name: "Centre 2", openingHours: {} as never });
    await directory.saveDepartment({ id: "c2-hotich", centreId: "c2", field: "ho-tich", name: "Hộ tịch" });
    await directory.saveCounter({ id: "c2-a", centreId: "c2", field: "ho-tich", name: "A", active: true });
    await directory.saveCounter({ id: "c2-b", centreId: "c2", field: "ho-tich", name: "B", active: true });
    const counters = ["q7-hotich-1", "q7-dat-2", "q7-xaydung-3", "c2-a", "c2-b"];
    const { messages, acks } = generate(counters, 400, prng(42));
    const pipeline = createIngestPipeline({
      sql: t.db.sql,
      log: createSilentLogger(),
      baseTopic: "hailong",
      batchMaxMessages: 97,
      batchMaxDelayMs: 2,
      isDatabaseUp: () => t.db.ping(),
    });
    await Promise.all(messages.map((m) => pipeline.submit(m.topic, m.payload)));
    const store = createIncidentStore(t.db.sql);
    for (const ack of acks) await store.acknowledge({ ...ack, by: "p-leader-1", note: null });
    // A second acknowledgement changes nothing.
    if (acks[0]) expect((await store.acknowledge({ ...acks[0], by: "x", note: null }))?.changed).toBe(false);

    const snapshot = await directory.snapshot();
    const visits = await t.db.sql.query<{
      counter_id: string;
      started_at: number;
      /** counted level: a visit with an incident counts as dissatisfied */
      level: SatisfactionLevel;
      score: number;
    }>(
      `SELECT v.counter_id, v.started_at, v.score,
         CASE WHEN EXISTS (SELECT 1 FROM incidents i WHERE i.visit_id = v.visit_id AND i.test = 0)
           THEN 'dissatisfied' ELSE v.level END AS level
       FROM visits v WHERE v.status = 'ended'`,
    );
    expect(visits).toHaveLength(400);
    const incidents = await t.db.sql.query<{
      counter_id: string;
      onset: number;
      acknowledged_at: number | null;
    }>("SELECT counter_id, onset, acknowledged_at FROM incidents WHERE test = 0");
    for (const scope of ["counter", "department", "centre", "all"] as Scope[]) {
      const scopeOf = (counterId: string): string => {
        const c = snapshot.counters.find((x) => x.id === counterId);
        if (!c) throw new Error(counterId);
        if (scope === "counter") return c.id;
        if (scope === "centre") return c.centreId;
        if (scope === "all") return "all";
        return snapshot.departments.find((d) => d.centreId === c.centreId && d.field === c.field)?.id ?? "";
      };
      for (const period of PERIODS) {
        const expected = direct(visits, incidents, period, scopeOf);
        const actual = await aggregate(t.db.sql, { period, scope, from: START - 7 * DAY, to: START + 60 * DAY });
        expect(actual.map((r) => `${r.scopeId}@${r.bucketStart}`).sort(), `${scope}/${period}`).toEqual(
          [...expected.keys()].sort(),
        );
        for (const row of actual) {
          const e = expected.get(`${row.scopeId}@${row.bucketStart}`);
          expect(e).toBeDefined();
          if (!e) continue;
          expect({
            ...row,
            meanScore: round(row.meanScore),
            satisfactionIndex: round(row.satisfactionIndex),
          }).toMatchObject(e);
        }
      }
    }
  });
});

function round(x: number | null): number | null {
  return x === null ? null : Math.round(x * 1e6) / 1e6;
}

function direct(
  visits: Array<{ counter_id: string; started_at: number; level: SatisfactionLevel; score: number }>,
  incidents: Array<{ counter_id: string; onset: number; acknowledged_at: number | null }>,
  period: Period,
  scopeOf: (counterId: string) => string,
): Map<string, Partial<AggregateRow>> {
  const groups = new Map<string, { v: typeof visits; i: typeof incidents }>();
  const at = (key: string) => {
    let g = groups.get(key);
    if (!g) {
      g = { v: [], i: [] };
      groups.set(key, g);
    }
    return g;
  };
  for (const v of visits) at(`${scopeOf(v.counter_id)}@${bucketStart(period, v.started_at)}`).v.push(v);
  for (const i of incidents) at(`${scopeOf(i.counter_id)}@${bucketStart(period, i.onset)}`).i.push(i);
  const result = new Map<string, Partial<AggregateRow>>();
  for (const [key, g] of groups) {
    const count = (l: SatisfactionLevel) => g.v.filter((v) => v.level === l).length;
    const responses = g.i.flatMap((i) => (i.acknowledged_at === null ? [] : [i.acknowledged_at - i.onset]));
    result.set(key, {
      visits: g.v.length,
      levelCounts: {
        very_satisfied: count("very_satisfied"),
        satisfied: count("satisfied"),
        neutral: count("neutral"),
        dissatisfied: count("dissatisfied"),
      },
      satisfactionIndex:
        g.v.length === 0 ? null : round((100 * (count("very_satisfied") + count("satisfied"))) / g.v.length),
      meanScore: g.v.length === 0 ? null : round(g.v.reduce((s, v) => s + v.score, 0) / g.v.length),
      incidents: g.i.length,
      acknowledged: responses.length,
      meanResponseMs: responses.length === 0 ? null : responses.reduce((a, b) => a + b, 0) / responses.length,
      medianResponseMs: median(responses),
    });
  }
  return result;
}
