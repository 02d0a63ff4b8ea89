import { join } from "node:path";
import { startAedesBroker } from "@hailong/common/testing";
import { afterEach, describe, expect, it } from "vitest";
import { openOutbox } from "../src/outbox/sqlite-outbox.js";
import {
  agentConfig,
  createFixturePipeline,
  recordBroker,
  startTestAgent,
  tempStateDir,
  uniqueCounterEvents,
  uniqueNames,
} from "./agent-test-support.js";

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const payload = (size: number) => new Uint8Array(size).fill(65);

describe("SQLite outbox", () => {
  it("keeps rows across reopen and returns them in append order", () => {
    const state = tempStateDir();
    cleanups.push(state.cleanup);
    const file = join(state.dir, "outbox.sqlite");
    const first = openOutbox({ file, quotaBytes: 1_000_000 });
    for (let i = 0; i < 5; i++) first.append({ topic: `t/${i}`, payload: payload(10), kind: "visit" }, 0);
    expect(first.remove(2)).toBe(true);
    expect(first.remove(2)).toBe(false);
    first.close();
    const second = openOutbox({ file, quotaBytes: 1_000_000 });
    cleanups.push(() => second.close());
    expect(second.peekAfter(0, 10).map((r) => r.topic)).toEqual(["t/0", "t/2", "t/3", "t/4"]);
    expect(second.peekAfter(3, 10).map((r) => r.seq)).toEqual([4, 5]);
    expect(second.stats().pending).toBe(4);
  });

  it("over quota drops the oldest non-incident rows first, keeps every incident, never drops in-flight rows, and counts drops across restarts", () => {
    const state = tempStateDir();
    cleanups.push(state.cleanup);
    const file = join(state.dir, "outbox.sqlite");
    const outbox = openOutbox({ file, quotaBytes: 1_000_000 });
    // 1 KB rows: every 5th an incident. Rows 1..3 are "in flight" (protected).
    for (let i = 0; i < 1500; i++) {
      const kind = i % 5 === 0 ? "incident" : "visit";
      outbox.append({ topic: `t/${i}`, payload: payload(1000), kind }, 3);
    }
    const stats = outbox.stats();
    expect(stats.pendingBytes).toBeLessThanOrEqual(1_000_000);
    expect(stats.dropped).toBeGreaterThan(400);
    const rows = outbox.peekAfter(0, 5000);
    const topics = rows.map((r) => Number(r.topic.slice(2)));
    // Every incident survives.
    expect(rows.filter((r) => r.kind === "incident")).toHaveLength(300);
    // The in-flight rows survive; the dropped visits are exactly the oldest ones after them.
    expect(topics.slice(0, 3)).toEqual([0, 1, 2]);
    const keptVisits = topics.filter((t) => t % 5 !== 0 && t > 2);
    const firstKept = keptVisits[0] ?? 0;
    const expectedVisits = Array.from({ length: 1500 }, (_, t) => t).filter((t) => t % 5 !== 0 && t >= firstKept);
    expect(keptVisits).toEqual(expectedVisits);
    expect(stats.dropped).toBe(
      Array.from({ length: firstKept }, (_, t) => t).filter((t) => t % 5 !== 0 && t > 2).length,
    );
    outbox.close();
    const reopened = openOutbox({ file, quotaBytes: 1_000_000 });
    expect(reopened.stats()).toEqual(stats);
    reopened.close();
  });
});

describe("agent over its outbox quota", () => {
  it("reports dropped rows in health, and delivers every incident and the newest events once the broker is back", async () => {
    const state = tempStateDir();
    cleanups.push(state.cleanup);
    const { base, agentId } = uniqueNames("quota");
    const counter = "q7-hotich-1";
    const offline = agentConfig({
      agentId,
      base,
      url: "mqtt://127.0.0.1:9",
      stateDir: state.dir,
      counters: [counter],
      extra: { outbox: { quotaBytes: 1_000_000, flushOnStopMs: 0 } },
    });
    const pipeline = createFixturePipeline(agentId, counter);
    const agent = startTestAgent(offline, [pipeline]);
    await agent.start();
    const appendStart = performance.now();
    for (let i = 0; i < 3000; i++) pipeline.emit(i % 10 === 0 ? "incident" : "visit-update");
    pipeline.emit("health");
    await agent.stop();
    const appendMs = performance.now() - appendStart;
    const { dropped, pending } = agent.status().outbox;
    expect(dropped).toBeGreaterThan(0);

    const broker = await startAedesBroker();
    cleanups.push(() => broker.stop());
    const recorder = await recordBroker(broker.url, base, `${agentId}-rec`);
    cleanups.push(() => recorder.close());
    const online = createFixturePipeline(agentId, counter);
    const second = startTestAgent({ ...offline, mqtt: { ...offline.mqtt, url: broker.url } }, [online]);
    const deliverStart = performance.now();
    await second.start();
    await recorder.waitFor((r) => uniqueCounterEvents(r).length >= pending);
    const deliverMs = performance.now() - deliverStart;
    await second.stop();

    const delivered = uniqueCounterEvents(recorder.received);
    const deliveredIds = new Set(delivered.map((m) => m.message.id));
    const incidents = pipeline.emitted.filter((e) => e.kind === "incident");
    expect(incidents.every((e) => deliveredIds.has(e.message.id))).toBe(true);
    // What was lost is a prefix of the oldest visit updates; the newest survived.
    const visits = pipeline.emitted.filter((e) => e.kind === "visit");
    const lostVisits = visits.filter((e) => !deliveredIds.has(e.message.id)).length;
    expect(lostVisits).toBe(dropped);
    expect(visits.slice(lostVisits).every((e) => deliveredIds.has(e.message.id))).toBe(true);
    const health = delivered.find((m) => m.kind === "health");
    // Health carries the count as of its own append; its append and the final visit end may drop one more each.
    const reported = health?.message.outboxDropped as number;
    expect(reported).toBeGreaterThan(0);
    expect(dropped - reported).toBeLessThanOrEqual(2);
    console.info("quota figures", {
      emitted: pipeline.emitted.length,
      dropped,
      keptAfterQuota: pending,
      appendMs: Math.round(appendMs),
      deliverMs: Math.round(deliverMs),
    });
  });
});
