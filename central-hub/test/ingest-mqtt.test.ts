import { fork } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createSilentLogger, mqttLink } from "@hailong/common";
import { brokerKinds, type TestBroker } from "@hailong/common/testing";
import { invalidFixtures, validFixtures } from "@hailong/protocol/fixtures";
import mqtt from "mqtt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listDeadLetters } from "../src/db/repos/dead-letters-repo.js";
import { openTestSqlite, type TestDatabase } from "../src/db/testing.js";
import { createIngestJournal } from "../src/ingest/journal.js";
import { createMqttIngest, type MqttIngest } from "../src/ingest/mqtt-ingest.js";
import { createIngestPipeline, type IngestPipeline } from "../src/ingest/pipeline.js";
import type { CrashingIngestRequest } from "./support/crashing-ingest-child.js";

const log = createSilentLogger();

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each(brokerKinds())("MQTT ingest via $name", ({ name, start }) => {
  let broker: TestBroker;
  let t: TestDatabase;
  const base = `hltest${Math.random().toString(36).slice(2, 8)}`;
  const clientId = `hub-test-${Math.random().toString(36).slice(2, 8)}`;
  const running: Array<{ ingest: MqttIngest; clientId: string }> = [];

  const startIngest = async (
    extra: {
      clientId?: string;
      sharedGroup?: string;
      maxPending?: number;
      db?: TestDatabase["db"];
      journalDir?: string;
    } = {},
  ): Promise<{ ingest: MqttIngest; pipeline: IngestPipeline }> => {
    const { db = t.db, journalDir, ...mqttOptions } = extra;
    const pipeline = createIngestPipeline({
      sql: db.sql,
      log,
      baseTopic: base,
      batchMaxMessages: 500,
      batchMaxDelayMs: 10,
      isDatabaseUp: () => db.ping(),
      retryDelayMs: 50,
    });
    const ingest = createMqttIngest({
      pipeline,
      log,
      ...(journalDir ? { journal: createIngestJournal({ dir: journalDir, log }) } : {}),
      options: {
        link: mqttLink({ url: broker.url }, {}),
        clientId,
        baseTopic: base,
        reconnectPeriodMs: 0,
        ...mqttOptions,
      },
    });
    await ingest.start();
    running.push({ ingest, clientId: extra.clientId ?? clientId });
    return { ingest, pipeline };
  };

  /** A hub whose database is closed: every batch fails and is retried, nothing commits. */
  const startIngestWithDatabaseDown = async (
    extra: { maxPending?: number } = {},
  ): Promise<{ ingest: MqttIngest; pipeline: IngestPipeline }> => {
    const down = await openTestSqlite();
    await down.dispose();
    const started = await startIngest({ ...extra, db: down.db });
    await new Promise((resolve) => setTimeout(resolve, 200)); // subscriptions granted
    return started;
  };

  /** Waits until a hub whose database is down has received `received` messages and failed to store them for a
   * while, stops it (as a crash would leave the broker session) and checks that it stored nothing. */
  const stopAfterFailedStorage = async (
    started: { ingest: MqttIngest; pipeline: IngestPipeline },
    received: number,
  ): Promise<void> => {
    await waitFor(async () => started.pipeline.metrics.received === received);
    await new Promise((resolve) => setTimeout(resolve, 200)); // several failed storage attempts
    await started.ingest.stop();
    running.length = 0;
    expect(started.pipeline.metrics.stored).toBe(0);
  };

  const publishAll = async (messages: Array<{ topic: string; payload: Uint8Array }>): Promise<void> => {
    const agent = await mqtt.connectAsync(broker.url, { reconnectPeriod: 0 });
    for (const m of messages) await agent.publishAsync(m.topic, Buffer.from(m.payload), { qos: 1 });
    await agent.endAsync();
  };

  const rebase = (topic: string) => topic.replace(/^hailong\//, `${base}/`);
  const count = async (table: string) =>
    (await t.db.sql.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))[0]?.n ?? 0;

  beforeEach(async () => {
    broker = await start();
    t = await openTestSqlite();
  });
  afterEach(async () => {
    const ids = new Set([clientId, ...running.map((r) => r.clientId)]);
    for (const r of running.splice(0)) await r.ingest.stop();
    // Drop the persistent sessions so a shared broker does not keep queueing for these test clients.
    for (const id of ids) {
      const cleaner = await mqtt.connectAsync(broker.url, { clientId: id, clean: true, reconnectPeriod: 0 });
      await cleaner.endAsync();
    }
    await t?.dispose();
    await broker?.stop();
  });

  it("stores valid messages and quarantines invalid ones without stopping", async () => {
    const { pipeline } = await startIngest();
    await new Promise((resolve) => setTimeout(resolve, 200)); // subscriptions granted
    const invalid = invalidFixtures().filter((f) => f.topic.startsWith("hailong/"));
    const valid = validFixtures().filter((f) => /\/(visit|incident|score|health)$/.test(f.topic));
    await publishAll([
      ...invalid.map((f) => ({ topic: rebase(f.topic), payload: f.payload })),
      ...valid.map((f) => ({ topic: rebase(f.topic), payload: f.payload })),
    ]);
    // Only topics matching the hub's subscriptions reach it (an unknown topic elsewhere is never delivered).
    const subscribed = (topic: string) => /^[^/]+\/(agent|counter)\/[^/]+\/[^/]+$/.test(topic);
    const deliverable = [...invalid, ...valid].filter((f) => subscribed(rebase(f.topic))).length;
    await waitFor(async () => pipeline.metrics.received >= deliverable && pipeline.metrics.pending === 0);
    const reasons = (await listDeadLetters(t.db.sql)).map((l) => l.reason);
    const expectedReasons = invalid.map((f) => f.expect.code);
    // The broker, not the hub, may refuse some payloads (e.g. oversize); those never reach the ingest.
    expect(reasons.length).toBeGreaterThan(0);
    for (const r of reasons) expect(expectedReasons).toContain(r);
    expect(await count("visits")).toBe(1);
    expect(await count("incidents")).toBe(2);
    expect(await count("score_windows")).toBe(2);
  });

  it("messages published while the hub was down are delivered when it comes back (persistent session)", async () => {
    const first = await startIngest();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await first.ingest.stop();
    running.length = 0;
    const visitStart = validFixtures().find((f) => f.name === "visit-start");
    if (!visitStart) throw new Error("fixture missing");
    const whileDown = Array.from({ length: 50 }, (_, i) => ({
      topic: rebase(visitStart.topic),
      payload: new TextEncoder().encode(
        JSON.stringify({
          ...visitStart.message,
          id: `down${i.toString().padStart(8, "0")}`,
          visitId: `visitdown${i}xx`,
        }),
      ),
    }));
    await publishAll(whileDown);
    const second = await startIngest();
    await waitFor(async () => (await count("visits")) === 50);
    expect(second.pipeline.metrics.stored).toBe(50);
  });

  it("an incident is acknowledged to the broker only once stored: a hub stopped with its database down gets it again", async () => {
    // First hub: its database is closed (down), so the incident stays uncommitted and, with the fix, unacked.
    const first = await startIngestWithDatabaseDown();
    const incident = validFixtures().find((f) => /\/incident$/.test(f.topic));
    if (!incident) throw new Error("fixture missing");
    await publishAll([{ topic: rebase(incident.topic), payload: incident.payload }]);
    await stopAfterFailedStorage(first, 1);

    // Second hub, same session, database up: the broker redelivers the unacknowledged incident.
    await startIngest();
    await waitFor(async () => (await count("incidents")) === 1);
  });

  it("while the database is down, messages stay unacknowledged at the broker: a hub stopped then loses none of them", async () => {
    const { ingest: first, pipeline } = await startIngestWithDatabaseDown();
    const visitStart = validFixtures().find((f) => f.name === "visit-start");
    if (!visitStart) throw new Error("fixture missing");
    const visit = (i: number) => ({
      topic: rebase(visitStart.topic),
      payload: new TextEncoder().encode(
        JSON.stringify({
          ...visitStart.message,
          id: `outage${i.toString().padStart(6, "0")}`,
          visitId: `visitout${i}xx`,
        }),
      ),
    });
    // The first message is acked on receipt (nothing is known to be wrong yet); its failed batch reveals the outage.
    await publishAll([visit(0)]);
    await waitFor(async () => pipeline.metrics.storageDown);
    await publishAll(Array.from({ length: 20 }, (_, i) => visit(i + 1)));
    // No wait on `received` here: with acks held, the hub reads one message at a time while its database is down.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await first.stop();
    running.length = 0;
    expect(pipeline.metrics.stored).toBe(0);

    await startIngest();
    const ids = Array.from({ length: 20 }, (_, i) => `visitout${i + 1}xx`);
    const stored = async () =>
      (await t.db.sql.query<{ visit_id: string }>("SELECT visit_id FROM visits")).map((r) => r.visit_id);
    await waitFor(async () => {
      const now = await stored();
      return ids.every((id) => now.includes(id));
    });
    expect((await stored()).filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
  });

  it("above maxPending uncommitted messages the ack waits for the commit: with maxPending 0 even the message that reveals an outage survives a stop", async () => {
    // With the default maxPending the first message of an outage is acked on receipt and lost with the hub (see
    // above); with maxPending 0 every ack waits for its commit, so the broker redelivers it to the next hub.
    const first = await startIngestWithDatabaseDown({ maxPending: 0 });
    const score = validFixtures().find((f) => f.name === "score");
    if (!score) throw new Error("fixture missing");
    const payload = new TextEncoder().encode(JSON.stringify({ ...score.message, id: "backpressure000001" }));
    await publishAll([{ topic: rebase(score.topic), payload }]);
    await stopAfterFailedStorage(first, 1);

    await startIngest();
    await waitFor(async () => (await count("score_windows")) === 1);
  });

  it("a hub killed after acking messages on receipt but before committing them: the next start stores them from its journal", async () => {
    const work = mkdtempSync(path.join(tmpdir(), "hailong-crash-"));
    const journalDir = path.join(work, "journal");
    const child = fork(fileURLToPath(new URL("./support/crashing-ingest-child.ts", import.meta.url)), [], {
      execArgv: ["--import", import.meta.resolve("tsx")],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    try {
      let received = -1;
      let started = false;
      child.on("message", (m: { started?: boolean; received?: number }) => {
        started ||= m.started === true;
        if (m.received !== undefined) received = m.received;
      });
      const request: CrashingIngestRequest = {
        brokerUrl: broker.url,
        clientId,
        baseTopic: base,
        sqlitePath: path.join(work, "crashed.sqlite"),
        journalDir,
      };
      child.send(request);
      await waitFor(async () => started, 30_000);
      await new Promise((resolve) => setTimeout(resolve, 200)); // subscriptions granted
      const visitStart = validFixtures().find((f) => f.name === "visit-start");
      if (!visitStart) throw new Error("fixture missing");
      const ids = Array.from({ length: 30 }, (_, i) => `visitcrash${i}x`);
      // publishAll resolves once the broker has acked the agent; the hub acks the broker on receipt.
      await publishAll(
        ids.map((visitId, i) => ({
          topic: rebase(visitStart.topic),
          payload: new TextEncoder().encode(
            JSON.stringify({ ...visitStart.message, id: `crash${i.toString().padStart(8, "0")}`, visitId }),
          ),
        })),
      );
      await waitFor(async () => received === ids.length);
      await new Promise((resolve) => setTimeout(resolve, 100)); // the burst's acks (and journal write) are out
      child.kill("SIGKILL");
      await new Promise((resolve) => child.once("exit", resolve));
      expect(readdirSync(journalDir).length).toBeGreaterThan(0);

      // Same session, same journal: the broker has nothing left for us (every message was acked), the journal has.
      const { pipeline } = await startIngest({ journalDir });
      const stored = async () =>
        (await t.db.sql.query<{ visit_id: string }>("SELECT visit_id FROM visits")).map((r) => r.visit_id).sort();
      await waitFor(async () => (await stored()).length === ids.length);
      expect(await stored()).toEqual([...ids].sort());
      expect(pipeline.metrics.received).toBe(ids.length);
      expect(readdirSync(journalDir)).toEqual([]);
    } finally {
      child.kill("SIGKILL");
      rmSync(work, { recursive: true, force: true });
    }
  });

  // aedes 1.2 has no shared subscriptions; Mosquitto (CI) does.
  it.skipIf(name === "aedes")(
    "hubs in one shared-subscription group split the messages and store each once",
    async () => {
      const a = await startIngest({ clientId: `${clientId}-a`, sharedGroup: `g${base}` });
      const b = await startIngest({ clientId: `${clientId}-b`, sharedGroup: `g${base}` });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const score = validFixtures().find((f) => f.name === "score");
      if (!score) throw new Error("fixture missing");
      await publishAll(
        Array.from({ length: 100 }, (_, i) => ({
          topic: rebase(score.topic),
          payload: new TextEncoder().encode(
            JSON.stringify({ ...score.message, id: `shared${i.toString().padStart(6, "0")}` }),
          ),
        })),
      );
      await waitFor(async () => (await count("score_windows")) === 100);
      expect(a.pipeline.metrics.received + b.pipeline.metrics.received).toBe(100);
      expect(a.pipeline.metrics.received).toBeGreaterThan(0);
      expect(b.pipeline.metrics.received).toBeGreaterThan(0);
    },
  );
});
