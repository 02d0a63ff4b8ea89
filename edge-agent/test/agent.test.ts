import { brokerKinds, type TestBroker } from "@hailong/common/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  agentConfig,
  createFixturePipeline,
  type FixtureKind,
  recordBroker,
  startTestAgent,
  tempStateDir,
  uniqueCounterEvents,
  uniqueNames,
} from "./agent-test-support.js";

const CYCLE: FixtureKind[] = ["visit-start", "visit-update", "score", "incident", "health", "visit-end"];

describe.each(brokerKinds())("agent lifecycle through $name", ({ start }) => {
  let broker: TestBroker;
  const cleanups: Array<() => unknown> = [];

  beforeAll(async () => {
    broker = await start();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  afterAll(async () => {
    await broker?.stop();
  });

  it("announces itself online with retained info, delivers every event once in order, and says offline on stop", async () => {
    const { base, agentId } = uniqueNames("life");
    const state = tempStateDir();
    cleanups.push(state.cleanup);
    const recorder = await recordBroker(broker.url, base, `${agentId}-rec`);
    cleanups.push(() => recorder.close());
    const pipeline = createFixturePipeline(agentId, "q7-hotich-1");
    const config = agentConfig({ agentId, base, url: broker.url, stateDir: state.dir, counters: ["q7-hotich-1"] });
    const agent = startTestAgent(config, [pipeline]);
    await agent.start();
    expect(pipeline.started).toBe(true);

    await recorder.waitFor((r) => r.some((m) => m.kind === "info"));
    const online = recorder.received.find((m) => m.kind === "availability");
    expect(online?.message).toMatchObject({ agentId, state: "online" });
    const info = recorder.received.find((m) => m.kind === "info");
    expect(info?.message).toMatchObject({
      agentId,
      agentVersion: "0.1.0-test",
      counters: ["q7-hotich-1"],
      configVersion: 0,
      models: [{ id: "yunet-2023mar" }, { id: "fer-mobilefacenet-int8" }],
    });
    expect(info?.message.configHash).toMatch(/^[0-9a-f]{64}$/);

    for (let i = 0; i < 60; i++) pipeline.emit(CYCLE[i % CYCLE.length] as FixtureKind);
    await agent.stop();
    // stop() ends the open visit: 61 events.
    expect(pipeline.emitted).toHaveLength(61);
    await recorder.waitFor((r) => uniqueCounterEvents(r).length === 61);
    await recorder.waitFor((r) => r.at(-1)?.kind === "availability");
    const ids = uniqueCounterEvents(recorder.received).map((m) => m.message.id);
    expect(ids).toEqual(pipeline.emitted.map((e) => e.message.id));
    expect(recorder.received.at(-1)?.message).toMatchObject({ state: "offline" });
    expect(agent.status().outbox.pending).toBe(0);

    // Retained state: a late subscriber learns the agent is offline and sees its last info.
    const late = await recordBroker(broker.url, base, `${agentId}-late`);
    cleanups.push(() => late.close());
    await late.waitFor((r) => r.some((m) => m.kind === "availability") && r.some((m) => m.kind === "info"));
    expect(late.received.find((m) => m.kind === "availability")).toMatchObject({
      retain: true,
      message: { state: "offline" },
    });
    expect(late.received.filter((m) => m.kind === "visit")).toHaveLength(0);
  });

  it("delivers rows left in the outbox by a run that never reached the broker after a restart", async () => {
    const { base, agentId } = uniqueNames("restart");
    const state = tempStateDir();
    cleanups.push(state.cleanup);
    const counters = ["q7-hotich-1", "q7-dat-2"];

    // First run: the broker address is dead, everything stays in the outbox.
    const first = counters.map((id) => createFixturePipeline(agentId, id));
    const deadConfig = agentConfig({
      agentId,
      base,
      url: "mqtt://127.0.0.1:9",
      stateDir: state.dir,
      counters,
      extra: { outbox: { flushOnStopMs: 0 } },
    });
    const offlineAgent = startTestAgent(deadConfig, first);
    await offlineAgent.start();
    for (let i = 0; i < 40; i++) for (const p of first) p.emit(CYCLE[i % CYCLE.length] as FixtureKind);
    await offlineAgent.stop();
    const queued = first.flatMap((p) => p.emitted);
    expect(queued).toHaveLength(82);

    // Second run with the real broker and the same state dir.
    const recorder = await recordBroker(broker.url, base, `${agentId}-rec`);
    cleanups.push(() => recorder.close());
    const second = counters.map((id) => createFixturePipeline(agentId, id));
    const agent = startTestAgent({ ...deadConfig, mqtt: { ...deadConfig.mqtt, url: broker.url } }, second);
    await agent.start();
    await recorder.waitFor((r) => uniqueCounterEvents(r).length >= 82);
    await agent.stop();
    await recorder.waitFor((r) => uniqueCounterEvents(r).length === 84);
    const delivered = uniqueCounterEvents(recorder.received);
    const previousRun = new Set(queued.map((e) => e.message.id));
    // The previous run's rows come first, then this run's two visit ends.
    expect(new Set(delivered.slice(0, 82).map((m) => m.message.id))).toEqual(previousRun);
    for (const pipeline of first) {
      const perCounter = delivered.filter((m) => m.message.counterId === pipeline.counterId).slice(0, 41);
      expect(perCounter.map((m) => m.message.id)).toEqual(pipeline.emitted.map((e) => e.message.id));
    }
    expect(agent.status().outbox.pending).toBe(0);
  });
});
