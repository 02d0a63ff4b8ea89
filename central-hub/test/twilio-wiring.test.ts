import { createSilentLogger } from "@hailong/common";
import { newId } from "@hailong/protocol";
import twilio from "twilio";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AlertsConfigSchema } from "../src/alerts/config.js";
import { type Alerting, createAlerting } from "../src/alerts/create-alerting.js";
import { SmsConfigSchema, twilioCredentialsFromEnv } from "../src/sms/config.js";
import { createTwilioSender } from "../src/sms/twilio-sender.js";
import { type FakeTwilio, startFakeTwilio } from "./support/fake-twilio.js";
import { openTestDatabase, type TestDatabase } from "./support/fake-twilio-databases.js";
import { route } from "./support/fake-twilio-harness.js";

const log = createSilentLogger();

describe("alerting wired from config and environment", () => {
  let db: TestDatabase;
  let fake: FakeTwilio;
  let alerting: Alerting | undefined;
  beforeEach(async () => {
    db = await openTestDatabase("sqlite");
    fake = await startFakeTwilio();
  });
  afterEach(async () => {
    await alerting?.stop();
    alerting = undefined;
    await fake.close();
    await db.close();
  });

  const build = (env: NodeJS.ProcessEnv, sms: Record<string, unknown> = {}) =>
    createAlerting({
      sql: db.sql,
      directory: { route: async (id) => route(id), isOpen: async () => true },
      alerts: AlertsConfigSchema.parse({}),
      sms: SmsConfigSchema.parse({ from: "+15005550006", twilio: { baseUrl: fake.baseUrl }, ...sms }),
      publicBaseUrl: "http://hub.local/",
      timeZone: "Asia/Ho_Chi_Minh",
      twilio: twilioCredentialsFromEnv(env),
      log,
    });
  const incident = () => {
    const t = Date.now();
    return {
      incidentId: newId(t),
      visitId: newId(t),
      counterId: "c2",
      agentId: "agent-1",
      onset: t - 12_000,
      peak: 0.9,
      peakAt: t,
      durationMs: 12_000,
      threshold: 0.6,
      test: false,
      ts: t,
    };
  };

  it("with HAILONG_TWILIO_* set, the real twilio client sends to sms.twilio.baseUrl with a status callback", async () => {
    alerting = build({ HAILONG_TWILIO_ACCOUNT_SID: fake.accountSid, HAILONG_TWILIO_AUTH_TOKEN: fake.authToken });
    alerting.start();
    await alerting.service.handleIncident(incident());
    await fake.waitForMessages(2);
    const [first] = fake.sendAttempts();
    expect(first?.authorized).toBe(true);
    expect(first?.form.StatusCallback).toMatch(/^http:\/\/hub\.local\/sms\/status\?outbox=[0-9a-z]+$/);
    await expect.poll(async () => (await alerting!.outbox.counts()).sent).toBe(2);

    const url = first!.form.StatusCallback!;
    const form = { MessageSid: fake.messages[0]!.sid, MessageStatus: "delivered" };
    const signature = twilio.getExpectedTwilioSignature(fake.authToken, url, form);
    const outboxId = new URL(url).searchParams.get("outbox") ?? undefined;
    expect(await alerting.handleStatusCallback({ form, outboxId, url, signature: "forged" })).toEqual({
      ok: false,
      reason: "bad-signature",
    });
    expect(await alerting.handleStatusCallback({ form, outboxId, url, signature })).toEqual({ ok: true });
    expect((await alerting.outbox.get(outboxId!))?.deliveryStatus).toBe("delivered");
  });

  it("without credentials SMS are recorded as logged and nothing is sent", async () => {
    alerting = build({});
    await alerting.service.handleIncident(incident());
    await alerting.worker.runOnce();
    expect(await alerting.outbox.counts()).toMatchObject({ logged: 2, sent: 0 });
    expect(fake.requests).toHaveLength(0);
  });

  it("a messaging service is used instead of a sender number when configured", async () => {
    const sid = `MG${"0".repeat(32)}`;
    alerting = build(
      { HAILONG_TWILIO_ACCOUNT_SID: fake.accountSid, HAILONG_TWILIO_AUTH_TOKEN: fake.authToken },
      { from: undefined, messagingServiceSid: sid, statusCallback: false },
    );
    await alerting.service.handleIncident(incident());
    await alerting.worker.runOnce();
    expect(fake.sendAttempts()[0]?.form).toMatchObject({ MessagingServiceSid: sid });
    expect(fake.sendAttempts()[0]?.form.From).toBeUndefined();
    expect(fake.sendAttempts()[0]?.form.StatusCallback).toBeUndefined();
  });
});

describe("twilio sender outcomes", () => {
  it("wrong credentials are a permanent rejection; an unreachable endpoint is a certain retry", async () => {
    const fake = await startFakeTwilio();
    try {
      const wrong = createTwilioSender({
        accountSid: fake.accountSid,
        authToken: "wrong",
        from: "+15005550006",
        baseUrl: fake.baseUrl,
        timeoutMs: 1_000,
      });
      const sms = { outboxId: "o1", to: "+84900000001", body: "x", validitySeconds: 600 };
      expect(await wrong.send(sms)).toMatchObject({ kind: "rejected", error: expect.stringContaining("401") });
      // A port nobody listens on any more (a fresh one: pooled keep-alive sockets would give a reset instead).
      const gone = await startFakeTwilio();
      const baseUrl = gone.baseUrl;
      await gone.close();
      const unreachable = createTwilioSender({
        accountSid: fake.accountSid,
        authToken: fake.authToken,
        from: "+15005550006",
        baseUrl,
        timeoutMs: 1_000,
      });
      expect(await unreachable.send(sms)).toMatchObject({ kind: "retry", uncertain: false });
    } finally {
      await fake.close();
    }
  });
});
