import { createSilentLogger } from "@hailong/common";
import { newId } from "@hailong/protocol";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createOutboxStore, type NewOutboxMessage, type OutboxStore } from "../src/db/repos/sms-outbox-repo.js";
import { createLogSender } from "../src/sms/log-sender.js";
import { createOutboxWorker, type OutboxWorkerOptions } from "../src/sms/outbox-worker.js";
import type { SmsSender } from "../src/sms/sender.js";
import { handleTwilioStatusCallback } from "../src/sms/status-callback.js";
import { createTwilioSender } from "../src/sms/twilio-sender.js";
import { type FakeTwilio, startFakeTwilio } from "./support/fake-twilio.js";
import { databaseKinds, openTestDatabase, type TestDatabase } from "./support/fake-twilio-databases.js";

const log = createSilentLogger();
const FROM = "+15005550006";
const backoff = { baseMs: 1_000, factor: 2, maxMs: 8_000 };

describe.each(databaseKinds())("sms outbox on %s", (kind) => {
  let db: TestDatabase;
  let fake: FakeTwilio;
  let store: OutboxStore;
  let t: number;
  const now = () => t;

  beforeEach(async () => {
    t = Date.now();
    db = await openTestDatabase(kind);
    fake = await startFakeTwilio();
    store = createOutboxStore(db.sql);
  });
  afterEach(async () => {
    await fake?.close();
    await db?.close();
  });

  const twilioSender = (timeoutMs = 2_000) =>
    createTwilioSender({
      accountSid: fake.accountSid,
      authToken: fake.authToken,
      from: FROM,
      baseUrl: fake.baseUrl,
      timeoutMs,
      statusCallbackUrl: "http://hub.local/sms/status",
    });
  const worker = (sender: SmsSender, over: Partial<OutboxWorkerOptions> = {}) =>
    createOutboxWorker({ store, sender, log, now, backoff, leaseMs: 20_000, random: () => 0, ...over });
  const message = (over: Partial<NewOutboxMessage> = {}): NewOutboxMessage => {
    const id = newId(t);
    return {
      id,
      alertId: null,
      dedupeKey: `test:${id}`,
      toPhone: "+84900000001",
      body: `HAILONG: Cong dan khong hai long tai quay 2. Xac nhan: http://hub.local/a/${id}`,
      encoding: "GSM-7",
      segments: 1,
      createdAt: t,
      expiresAt: t + 10 * 60_000,
      ...over,
    };
  };

  it("an enqueued SMS is sent once through the real twilio client and recorded as sent", async () => {
    const m = message();
    expect(await store.enqueue(m)).toBe(true);
    expect(await store.enqueue({ ...m, id: newId(t) })).toBe(false);
    await worker(twilioSender()).runOnce();
    await worker(twilioSender()).runOnce();
    const [attempt, ...more] = fake.sendAttempts();
    expect(more).toHaveLength(0);
    expect(attempt?.authorized).toBe(true);
    expect(attempt?.form).toMatchObject({ To: m.toPhone, From: FROM, Body: m.body, ValidityPeriod: "600" });
    expect(attempt?.form.StatusCallback).toBe(`http://hub.local/sms/status?outbox=${m.id}`);
    const row = await store.get(m.id);
    expect(row).toMatchObject({ status: "sent", providerSid: fake.messages[0]?.sid, attempts: 1 });
  });

  it("429 then success sends exactly one SMS after a backoff", async () => {
    fake.failNext({ kind: "status", status: 429 });
    const m = message();
    await store.enqueue(m);
    const w = worker(twilioSender());
    await w.runOnce();
    expect(await store.get(m.id)).toMatchObject({ status: "pending", attempts: 1 });
    expect(await w.runOnce()).toBe(0); // not due yet
    t += 1_000;
    await w.runOnce();
    expect(fake.sendAttempts()).toHaveLength(2);
    expect(fake.messages).toHaveLength(1);
    expect(await store.get(m.id)).toMatchObject({ status: "sent", attempts: 2, providerSid: fake.messages[0]?.sid });
  });

  it("an invalid number is given up at once", async () => {
    await fake.close();
    fake = await startFakeTwilio({ invalidNumbers: ["+84000"] });
    const m = message({ toPhone: "+84000" });
    await store.enqueue(m);
    await worker(twilioSender()).runOnce();
    t += 60_000;
    await worker(twilioSender()).runOnce();
    expect(fake.sendAttempts()).toHaveLength(1);
    const row = await store.get(m.id);
    expect(row?.status).toBe("failed");
    expect(row?.lastError).toContain("400");
  });

  it("a 500 is retried after checking the provider does not already have it", async () => {
    fake.failNext({ kind: "status", status: 500 });
    const m = message();
    await store.enqueue(m);
    const w = worker(twilioSender());
    await w.runOnce();
    expect(await store.get(m.id)).toMatchObject({ status: "sending" });
    t += 1_000;
    await w.runOnce();
    expect(fake.requests.map((r) => r.method)).toEqual(["POST", "GET", "POST"]);
    expect(fake.messages).toHaveLength(1);
    expect(await store.get(m.id)).toMatchObject({ status: "sent" });
  });

  it("a timeout after the provider accepted is reconciled, not resent", async () => {
    fake.failNext({ kind: "accept-then-hang" });
    const m = message();
    await store.enqueue(m);
    const w = worker(twilioSender(300));
    await w.runOnce();
    expect(await store.get(m.id)).toMatchObject({ status: "sending" });
    t += 1_000;
    await w.runOnce();
    expect(fake.sendAttempts()).toHaveLength(1);
    expect(await store.get(m.id)).toMatchObject({ status: "sent", providerSid: fake.messages[0]?.sid });
  });

  it("a hub killed after the provider accepted but before `sent` was recorded sends no duplicate", async () => {
    const m = message();
    await store.enqueue(m);
    // The first hub's sender reaches Twilio, then the process "dies": nothing after the request runs.
    const real = twilioSender();
    const dying: SmsSender = {
      ...real,
      send: async (sms) => {
        await real.send(sms);
        return new Promise(() => undefined);
      },
    };
    void worker(dying).runOnce();
    await fake.waitForMessages(1);
    expect(await store.get(m.id)).toMatchObject({ status: "sending" });

    // A restarted hub on the same database, a new connection, after the lease lapsed.
    const restartedStore = createOutboxStore(await db.reopen());
    const restarted = createOutboxWorker({ store: restartedStore, sender: twilioSender(), log, now, backoff });
    expect(await restarted.runOnce()).toBe(0); // lease still held by the dead hub
    t += 20_001;
    await restarted.runOnce();
    expect(fake.sendAttempts()).toHaveLength(1);
    expect(fake.messages).toHaveLength(1);
    expect(await restartedStore.get(m.id)).toMatchObject({ status: "sent", providerSid: fake.messages[0]?.sid });
  });

  it("a hub killed after claiming but before the request loses no alert", async () => {
    const m = message();
    await store.enqueue(m);
    const neverSends: SmsSender = { ...twilioSender(), send: () => new Promise(() => undefined) };
    void worker(neverSends).runOnce();
    await expect.poll(async () => (await store.get(m.id))?.status).toBe("sending");
    const restartedStore = createOutboxStore(await db.reopen());
    t += 20_001;
    await createOutboxWorker({ store: restartedStore, sender: twilioSender(), log, now, backoff }).runOnce();
    expect(fake.sendAttempts()).toHaveLength(1);
    expect(await restartedStore.get(m.id)).toMatchObject({ status: "sent", providerSid: fake.messages[0]?.sid });
  });

  it("two workers racing for the same rows send each SMS once", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const m = message({ toPhone: `+8490000010${i}` });
      ids.push(m.id);
      await store.enqueue(m);
    }
    const other = createOutboxStore(await db.reopen());
    await Promise.all([
      worker(twilioSender()).runOnce(),
      createOutboxWorker({ store: other, sender: twilioSender(), log, now }).runOnce(),
    ]);
    expect(fake.sendAttempts()).toHaveLength(10);
    expect(new Set(fake.messages.map((x) => x.to)).size).toBe(10);
  });

  it("a hanging provider request does not hold back the next SMS", async () => {
    fake.failNext({ kind: "hang" });
    const w = worker(twilioSender(3_000));
    w.start();
    try {
      const slow = message({ toPhone: "+84900000011" });
      await store.enqueue(slow);
      w.kick();
      await expect.poll(() => fake.sendAttempts().length).toBe(1);
      const fast = message({ toPhone: "+84900000012" });
      await store.enqueue(fast);
      const queuedAt = performance.now();
      w.kick();
      await fake.waitForMessages(1, 2_000);
      expect(fake.messages[0]?.to).toBe(fast.toPhone);
      expect(performance.now() - queuedAt).toBeLessThan(1_000);
    } finally {
      await w.stop();
    }
  });

  it("an SMS not sent within its validity period expires instead of arriving late", async () => {
    fake.failNext({ kind: "status", status: 429 });
    const m = message({ expiresAt: t + 5_000 });
    await store.enqueue(m);
    const w = worker(twilioSender());
    await w.runOnce();
    t += 6_000;
    await w.runOnce();
    expect(fake.sendAttempts()).toHaveLength(1);
    expect(await store.get(m.id)).toMatchObject({ status: "expired" });
  });

  it("without credentials the SMS is recorded as logged", async () => {
    const m = message();
    await store.enqueue(m);
    await worker(createLogSender(log)).runOnce();
    expect(fake.requests).toHaveLength(0);
    expect(await store.get(m.id)).toMatchObject({ status: "logged" });
  });

  it("delivery callbacks are stored and settle a row whose send outcome was lost", async () => {
    const m = message();
    await store.enqueue(m);
    const sid = `SM${"a".repeat(32)}`;
    await store.claim((await store.get(m.id))!, t, 20_000);
    const bad = await handleTwilioStatusCallback(store, { form: { MessageSid: "x" }, now: t });
    expect(bad).toEqual({ ok: false, reason: "invalid-form" });
    const ok = await handleTwilioStatusCallback(store, {
      form: { MessageSid: sid, MessageStatus: "delivered", ErrorCode: "" },
      outboxId: m.id,
      now: t + 1,
    });
    expect(ok).toEqual({ ok: true });
    expect(await store.get(m.id)).toMatchObject({ status: "sent", providerSid: sid, deliveryStatus: "delivered" });
    await handleTwilioStatusCallback(store, {
      form: { MessageSid: sid, MessageStatus: "undelivered", ErrorCode: "30003" },
      now: t + 2,
    });
    expect(await store.get(m.id)).toMatchObject({ deliveryStatus: "undelivered" });
    const events = await db.sql.query<{ status: string; error_code: string | null }>(
      "SELECT status, error_code FROM sms_status_events WHERE provider_sid = ? ORDER BY received_at",
      [sid],
    );
    expect(events).toEqual([
      { status: "delivered", error_code: null },
      { status: "undelivered", error_code: "30003" },
    ]);
  });
});
