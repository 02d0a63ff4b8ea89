import { describe, expect, it } from "vitest";
import { databaseKinds } from "./support/fake-twilio-databases.js";
import { route, startHarness } from "./support/fake-twilio-harness.js";

/**
 * incident -> SMS request latency against the local fake Twilio: from handing the incident to the alert
 * service until the fake server has received the request for the second recipient (the slower one).
 * Real database (SQLite file; PostgreSQL when HAILONG_TEST_PG_URL is set), real outbox worker (kicked on enqueue), real twilio client over HTTP.
 * The latency is printed for docs/performance.md, not asserted: speed targets live in benchmarks.
 */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

describe.each(databaseKinds())("incident to SMS request latency on %s", (kind) => {
  it("200 incidents in a row each reach both recipients (latency printed, never asserted)", async () => {
    const perCounter = (counterId: string) => {
      const r = route(counterId);
      const people = r.primary.map((p) => ({ ...p, personId: `${p.personId}-${counterId}` }));
      return { ...r, primary: people };
    };
    const h = await startHarness(kind, {}, true, perCounter);
    try {
      h.worker.start();
      const latencies: number[] = [];
      for (let i = 0; i < 200; i++) {
        const started = performance.now();
        const before = h.fake.sendAttempts().length;
        await h.service.handleIncident(h.incident(`c${i}`, { ts: Date.now(), onset: Date.now() - 12_000 }));
        await h.fake.waitForMessages(2 * (i + 1));
        const arrived = h.fake.sendAttempts().slice(before);
        latencies.push(Math.max(...arrived.map((r) => r.receivedAt)) - started);
      }
      latencies.sort((a, b) => a - b);
      const p50 = percentile(latencies, 50);
      const p99 = percentile(latencies, 99);
      console.log(
        `[${kind}] incident->SMS request latency over ${latencies.length} incidents (2 recipients each): ` +
          `p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${latencies.at(-1)?.toFixed(1)} ms`,
      );
      expect(h.fake.sendAttempts()).toHaveLength(400);
    } finally {
      await h.close();
    }
  });
});
