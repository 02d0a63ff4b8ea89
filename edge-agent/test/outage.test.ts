import { startMosquitto } from "@hailong/common";
import { mosquittoBinary, startAedesBroker } from "@hailong/common/testing";
import { afterEach, describe, expect, it } from "vitest";
import {
  agentConfig,
  createFixturePipeline,
  type FixtureKind,
  type FixturePipeline,
  type Received,
  type Recorder,
  recordBroker,
  startTestAgent,
  tempStateDir,
  uniqueCounterEvents,
  uniqueNames,
} from "./agent-test-support.js";
import { type Relay, startRelay } from "./outage-support.js";

const CYCLE: FixtureKind[] = [
  "visit-start",
  "visit-update",
  "score",
  "health",
  "incident",
  "visit-update",
  "visit-end",
];
const COUNTERS = ["q7-hotich-1", "q7-dat-2"];

interface OutageBroker {
  url: string;
  port: number;
  /** Stops the broker (every session and queued message is lost) and starts a fresh one on the same port. */
  restart(): Promise<void>;
  pause?(): void;
  resume?(): void;
  stop(): Promise<void>;
}

const mosquitto = mosquittoBinary();
const outageBrokers: Array<{ name: string; start: () => Promise<OutageBroker> }> = [
  {
    name: "aedes",
    start: async () => {
      const broker = await startAedesBroker();
      return { url: broker.url, port: Number(new URL(broker.url).port), restart: broker.restart, stop: broker.stop };
    },
  },
];
if (mosquitto !== undefined) {
  // In-memory only with unlimited queues: a restart loses every session and queued message.
  const lines = ["allow_anonymous true", "persistence false", "max_queued_messages 0"];
  outageBrokers.push({
    name: `mosquitto process (${mosquitto})`,
    start: () => startMosquitto({ binary: mosquitto, lines }),
  });
}

/** Emits `count` events round-robin over the pipelines, yielding to I/O between events. */
async function emitEvents(pipelines: FixturePipeline[], count: number, offset: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const pipeline = pipelines[i % pipelines.length] as FixturePipeline;
    pipeline.emit(CYCLE[Math.floor((offset + i) / pipelines.length) % CYCLE.length] as FixtureKind);
    if (i % 4 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

function expectExactlyOnceInOrder(received: Received[], pipelines: FixturePipeline[]) {
  const unique = uniqueCounterEvents(received);
  const emitted = pipelines.flatMap((p) => p.emitted);
  expect(new Set(unique.map((m) => m.message.id))).toEqual(new Set(emitted.map((e) => e.message.id)));
  expect(unique).toHaveLength(emitted.length);
  for (const pipeline of pipelines) {
    const order = unique.filter((m) => m.message.counterId === pipeline.counterId).map((m) => m.message.id);
    expect(order).toEqual(pipeline.emitted.map((e) => e.message.id));
  }
  const counterMessages = received.filter((m) => typeof m.message.id === "string").length;
  return { emitted: emitted.length, received: counterMessages, duplicates: counterMessages - unique.length };
}

describe.each(outageBrokers)("broker outage with $name", ({ start }) => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it("loses nothing when the broker is stopped mid-run and restarted: every event arrives once after dedupe, in order per counter", async () => {
    const broker = await start();
    cleanups.push(() => broker.stop());
    // The agent reaches the broker through a relay, so the test's subscriber is back before the agent is.
    const relay: Relay = await startRelay(broker.port);
    cleanups.push(() => relay.close());
    const state = tempStateDir();
    cleanups.push(state.cleanup);
    const { base, agentId } = uniqueNames("outage");
    const recorders: Recorder[] = [await recordBroker(broker.url, base, `${agentId}-rec1`)];
    cleanups.push(() => Promise.all(recorders.map((r) => r.close().catch(() => undefined))));
    const pipelines = COUNTERS.map((id) => createFixturePipeline(agentId, id));
    const agent = startTestAgent(
      agentConfig({ agentId, base, url: relay.url, stateDir: state.dir, counters: COUNTERS }),
      pipelines,
    );
    await agent.start();
    const all = () => recorders.flatMap((r) => r.received);

    await emitEvents(pipelines, 200, 0);
    // Outage while rows are in flight.
    relay.block();
    // A broker that dies loses what it acknowledged but had not yet written to subscribers; that is the
    // broker's loss, not the agent's. So the subscriber first catches up on every acknowledged message;
    // rows still in flight (their PUBACK cut off by the outage) stay the agent's job.
    const acknowledged = agent.status().forwarder.delivered;
    await recorders[0]?.waitFor(() => uniqueCounterEvents(all()).length >= acknowledged, 5000);
    const inFlightAtOutage = agent.status().forwarder.inFlight;
    await broker.restart();
    await emitEvents(pipelines, 400, 200);
    expect(agent.status().outbox.pending).toBeGreaterThan(0);
    const queuedDuringOutage = agent.status().outbox.pending;
    recorders.push(await recordBroker(broker.url, base, `${agentId}-rec2`));
    relay.unblock();
    await emitEvents(pipelines, 200, 600);
    await agent.stop();
    const expected = pipelines.reduce((n, p) => n + p.emitted.length, 0);
    await recorders[1]?.waitFor(() => uniqueCounterEvents(all()).length >= expected, 30_000);
    const figures = expectExactlyOnceInOrder(all(), pipelines);
    expect(agent.status().outbox.pending).toBe(0);
    expect(recorders.flatMap((r) => r.rejected)).toEqual([]);
    console.info("outage figures", { ...figures, inFlightAtOutage, queuedDuringOutage });
  });

  it.runIf(mosquitto !== undefined)(
    "loses nothing while the broker is frozen (SIGSTOP) and then resumed",
    async (context) => {
      const broker = await start();
      cleanups.push(() => broker.stop());
      if (broker.pause === undefined || broker.resume === undefined) {
        context.skip();
        return;
      }
      const state = tempStateDir();
      cleanups.push(state.cleanup);
      const { base, agentId } = uniqueNames("freeze");
      const recorder = await recordBroker(broker.url, base, `${agentId}-rec`);
      cleanups.push(() => recorder.close());
      const pipelines = COUNTERS.map((id) => createFixturePipeline(agentId, id));
      const agent = startTestAgent(
        agentConfig({ agentId, base, url: broker.url, stateDir: state.dir, counters: COUNTERS }),
        pipelines,
      );
      await agent.start();
      await emitEvents(pipelines, 100, 0);
      broker.pause();
      await emitEvents(pipelines, 300, 100);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const pendingWhileFrozen = agent.status().outbox.pending;
      expect(pendingWhileFrozen).toBeGreaterThan(0);
      broker.resume();
      await emitEvents(pipelines, 100, 400);
      await agent.stop();
      const expected = pipelines.reduce((n, p) => n + p.emitted.length, 0);
      await recorder.waitFor((r) => uniqueCounterEvents(r).length >= expected, 30_000);
      const figures = expectExactlyOnceInOrder(recorder.received, pipelines);
      expect(recorder.rejected).toEqual([]);
      console.info("freeze figures", { ...figures, pendingWhileFrozen });
    },
  );
});
