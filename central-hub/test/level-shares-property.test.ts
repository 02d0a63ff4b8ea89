import { createSilentLogger } from "@hailong/common";
import { SATISFACTION_LEVELS } from "@hailong/protocol";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnalyticsReader } from "../src/app/read/analytics-reader.js";
import { databaseKinds, type TestDatabase } from "../src/db/testing.js";
import { createIngestPipeline } from "../src/ingest/pipeline.js";

const encoder = new TextEncoder();
const HOUR = 3_600_000;
// A local (UTC+7) month, 2026-11, and visits inside it.
const FROM = Date.UTC(2026, 9, 31, 17);
const TO = Date.UTC(2026, 10, 30, 17);
const SHARES = { very_satisfied: 0.25, satisfied: 0.25, neutral: 0.25, dissatisfied: 0.25 };

const VisitArb = fc.record({
  counter: fc.integer({ min: 0, max: 2 }),
  startOffset: fc.integer({ min: 0, max: TO - FROM - 2 * HOUR }),
  durationMs: fc.integer({ min: 1_000, max: HOUR }),
  level: fc.constantFrom(...SATISFACTION_LEVELS),
  score: fc.integer({ min: 0, max: 1000 }).map((x) => x / 10),
  /** none, a real incident, or an installer's test incident */
  incident: fc.constantFrom("none", "none", "real", "test" as const),
  /** the incident's later update (same incident id, new message id) and redeliveries */
  incidentUpdate: fc.boolean(),
  redeliverEnd: fc.boolean(),
});

type VisitCase = typeof VisitArb extends fc.Arbitrary<infer T> ? T : never;

/** The agent's messages for a stream of visits, as MQTT would deliver them: any order, some twice. */
function messagesOf(run: number, visits: VisitCase[], order: number[]): Array<{ topic: string; payload: Uint8Array }> {
  const out: Array<{ topic: string; payload: Uint8Array }> = [];
  let n = 0;
  const id = () => `r${run}m${(n++).toString().padStart(8, "0")}`;
  visits.forEach((v, i) => {
    const counterId = `r${run}-k${v.counter}`;
    const visitId = `r${run}v${i.toString().padStart(6, "0")}`;
    const startedAt = FROM + v.startOffset;
    const base = { v: 1, agentId: "agent-prop", counterId, visitId, startedAt, frames: 10, shares: SHARES };
    const topic = `hailong/counter/${counterId}/visit`;
    const start = {
      ...base,
      id: id(),
      ts: startedAt,
      kind: "start",
      seq: 0,
      durationMs: 0,
      score: 50,
      level: "neutral",
    };
    const endedAt = startedAt + v.durationMs;
    const end = {
      ...base,
      id: id(),
      ts: endedAt,
      kind: "end",
      seq: 1,
      endedAt,
      durationMs: v.durationMs,
      score: v.score,
      level: v.level,
    };
    out.push({ topic, payload: encoder.encode(JSON.stringify(start)) });
    out.push({ topic, payload: encoder.encode(JSON.stringify(end)) });
    if (v.redeliverEnd) out.push({ topic, payload: encoder.encode(JSON.stringify(end)) });
    if (v.incident === "none") return;
    const onset = startedAt + Math.floor(v.durationMs / 2);
    const incident = {
      v: 1,
      id: id(),
      agentId: "agent-prop",
      counterId,
      ts: onset + 500,
      incidentId: `${visitId}-inc`,
      visitId,
      onset,
      peak: 0.8,
      peakAt: onset,
      durationMs: 500,
      threshold: 0.4,
      test: v.incident === "test",
    };
    const incidentTopic = `hailong/counter/${counterId}/incident`;
    out.push({ topic: incidentTopic, payload: encoder.encode(JSON.stringify(incident)) });
    if (v.incidentUpdate) {
      const update = { ...incident, id: id(), ts: onset + 900, peak: 0.9, durationMs: 900 };
      out.push({ topic: incidentTopic, payload: encoder.encode(JSON.stringify(update)) });
    }
  });
  return order.map((k) => out[k % out.length] as { topic: string; payload: Uint8Array }).concat(out);
}

describe.each(databaseKinds())("level shares through the real ingest on $name", ({ open }) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await open();
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("a counter with n incidents in a period reports at least n/visits dissatisfied; shares sum to 100 %", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(VisitArb, { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 60 }),
        fc.integer({ min: 1, max: 25 }),
        async (visits, order, batchMaxMessages) => {
          run += 1;
          const pipeline = createIngestPipeline({
            sql: t.db.sql,
            log: createSilentLogger(),
            baseTopic: "hailong",
            batchMaxMessages,
            batchMaxDelayMs: 1,
            isDatabaseUp: () => t.db.ping(),
          });
          const messages = messagesOf(run, visits, order);
          await Promise.all(messages.map((m) => pipeline.submit(m.topic, m.payload)));
          await pipeline.drain();
          const ids = [0, 1, 2].map((k) => `r${run}-k${k}`);
          const summaries = await createAnalyticsReader(t.db.sql).perCounter(ids, FROM, TO);
          for (const [counterId, s] of summaries) {
            const mine = visits.filter((v) => `r${run}-k${v.counter}` === counterId);
            expect(s.visits).toBe(mine.length);
            expect(s.incidents).toBe(mine.filter((v) => v.incident === "real").length);
            const sum = SATISFACTION_LEVELS.reduce((acc, level) => acc + Math.round(s.shares[level] * 10_000), 0);
            expect(sum).toBe(10_000);
            expect(s.levelCounts.dissatisfied).toBeGreaterThanOrEqual(s.incidents);
            expect(s.shares.dissatisfied + 1e-4).toBeGreaterThanOrEqual(s.incidents / s.visits);
            const rate = s.satisfactionRate ?? 0;
            expect(rate).toBeCloseTo((100 * (s.levelCounts.very_satisfied + s.levelCounts.satisfied)) / s.visits, 1);
          }
        },
      ),
      { numRuns: 30 },
    );
  }, 120_000);
});
