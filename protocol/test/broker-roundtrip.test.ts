import { brokerKinds, type TestBroker } from "@hailong/common/testing";
import { connectAsync, type MqttClient } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invalidFixtures, validFixtures } from "../fixtures/index.js";
import { decode, MESSAGE_SCHEMAS } from "../src/codec.js";

describe.each(brokerKinds())("publish/subscribe round trip through $name", ({ start }) => {
  let broker: TestBroker;
  let publisher: MqttClient;
  let subscriber: MqttClient;
  // A run-unique base topic keeps parallel runs on a shared broker (CI's Mosquitto) apart.
  const base = `hailong-test-${process.pid}-${Date.now()}`;

  beforeAll(async () => {
    broker = await start();
    const options = { reconnectPeriod: 0, connectTimeout: 5000 };
    publisher = await connectAsync(broker.url, { ...options, clientId: `${base}-pub` });
    subscriber = await connectAsync(broker.url, { ...options, clientId: `${base}-sub` });
  });

  afterAll(async () => {
    await publisher?.endAsync();
    await subscriber?.endAsync();
    await broker?.stop();
  });

  it("delivers every valid message kind intact at QoS 1 and they decode on arrival", async () => {
    const fixtures = validFixtures();
    const received = new Map<string, ReturnType<typeof decode>>();
    const done = new Promise<void>((resolve) => {
      subscriber.on("message", (topic, payload) => {
        received.set(topic + payload.length, decode(topic, payload, { base }));
        if (received.size === fixtures.length) resolve();
      });
    });
    await subscriber.subscribeAsync(`${base}/#`, { qos: 1 });
    for (const fixture of fixtures) {
      const topic = fixture.topic.replace(/^hailong\//, `${base}/`);
      await publisher.publishAsync(topic, Buffer.from(fixture.payload), { qos: 1 });
    }
    await done;
    const kinds = new Set<string>();
    for (const result of received.values()) {
      if (!result.ok) throw new Error(result.error.message);
      kinds.add(result.kind);
    }
    expect([...kinds].sort()).toEqual(Object.keys(MESSAGE_SCHEMAS).sort());
  });

  it("invalid payloads arrive as typed decode errors, not exceptions", async () => {
    const fixtures = invalidFixtures().filter((f) => f.expect.code !== "unknown_topic");
    const errors: string[] = [];
    const done = new Promise<void>((resolve) => {
      subscriber.on("message", (topic, payload) => {
        if (!topic.startsWith(`${base}/bad/`)) return;
        const result = decode(topic.replace(`${base}/bad/`, "hailong/"), payload);
        errors.push(result.ok ? "accepted" : result.error.code);
        if (errors.length === fixtures.length) resolve();
      });
    });
    await subscriber.subscribeAsync(`${base}/bad/#`, { qos: 1 });
    for (const fixture of fixtures) {
      await publisher.publishAsync(fixture.topic.replace(/^hailong\//, `${base}/bad/`), Buffer.from(fixture.payload), {
        qos: 1,
      });
    }
    await done;
    expect(errors.sort()).toEqual(fixtures.map((f) => f.expect.code).sort());
  });
});
