import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSilentLogger } from "@hailong/common";
import { until } from "@hailong/common/testing";
import { type AvailabilityMessage, createTopics, encode, newId, type VisitEvent } from "@hailong/protocol";
import { hash } from "@node-rs/argon2";
import { connect, type MqttClient } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHub, type Hub } from "../src/app/create-hub.js";
import { HubConfigSchema } from "../src/config/schema.js";
import { demoDirectorySeed } from "../src/directory/demo-directory.js";
import { incidentFrom } from "./support/security-fixtures.js";

const AGENT = "agent-bn-3";
const COUNTER = "bn-datdai-1";
const topics = createTopics("hailong");

describe("hub process: MQTT in, SMS and API out", () => {
  let dir: string;
  let hub: Hub;
  let agent: MqttClient;
  let sessionTs = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "hailong-e2e-hub-"));
    const config = HubConfigSchema.parse({
      db: { url: `sqlite:${join(dir, "hub.sqlite")}` },
      mqtt: { embedded: { port: 0, host: "127.0.0.1" }, clientId: "e2e-hub" },
      http: { port: 0, host: "127.0.0.1", publicBaseUrl: "http://hub.test" },
    });
    hub = createHub({ config, log: createSilentLogger(), env: {}, seed: demoDirectorySeed(await hash("pw-e2e")) });
    await hub.start();
    sessionTs = Date.now();
    const will: AvailabilityMessage = { v: 1, agentId: AGENT, state: "offline", ts: sessionTs };
    agent = connect(hub.mqttUrl, {
      clientId: AGENT,
      username: AGENT,
      password: (await hub.issueAgentCredential(AGENT)).password,
      protocolVersion: 4,
      reconnectPeriod: 0,
      will: {
        topic: topics.agentAvailability(AGENT),
        payload: Buffer.from(encode("availability", will)),
        qos: 1,
        retain: true,
      },
    });
    await new Promise<void>((resolve, reject) => {
      agent.once("connect", () => resolve());
      agent.once("error", reject);
    });
  });

  afterAll(async () => {
    await agent?.endAsync();
    await hub?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("stores a visit, texts the counter's recipients for an incident and shows both through the API", async () => {
    const now = Date.now();
    // As the real agent does: a session's "online" repeats its last will's stamp, so the will supersedes it.
    const online: AvailabilityMessage = { v: 1, agentId: AGENT, state: "online", ts: sessionTs };
    await agent.publishAsync(topics.agentAvailability(AGENT), Buffer.from(encode("availability", online)), {
      qos: 1,
      retain: true,
    });
    const visitId = newId(now);
    const visit: VisitEvent = {
      v: 1,
      id: newId(now),
      agentId: AGENT,
      counterId: COUNTER,
      ts: now,
      kind: "end",
      visitId,
      seq: 1,
      startedAt: now - 20_000,
      endedAt: now,
      durationMs: 20_000,
      frames: 100,
      shares: { very_satisfied: 0, satisfied: 0.2, neutral: 0.3, dissatisfied: 0.5 },
      score: 35,
      level: "dissatisfied",
    };
    await agent.publishAsync(topics.counter(COUNTER, "visit"), Buffer.from(encode("visit", visit)), { qos: 1 });
    const { payload: bytes, incident } = incidentFrom(AGENT, COUNTER, now, visitId);
    await agent.publishAsync(topics.counter(COUNTER, "incident"), bytes, { qos: 1 });
    // A redelivery must not text anyone twice.
    await agent.publishAsync(topics.counter(COUNTER, "incident"), bytes, { qos: 1 });

    const sql = hub.db.sql;
    const sms = await until("logged SMS", async () => {
      const rows = await sql.query<{ to_phone: string; status: string }>(
        "SELECT to_phone, status FROM sms_outbox ORDER BY to_phone",
      );
      return rows.length >= 2 && rows.every((r) => r.status === "logged") ? rows : undefined;
    });
    // Department head of land affairs and the centre leader, once each.
    expect(sms.map((r) => r.to_phone)).toEqual(["+84901234567", "+84903334444"]);

    const login = await fetch(`${hub.httpUrl}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "leader", password: "pw-e2e" }),
    });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] as string;
    const list = (await (await fetch(`${hub.httpUrl}/api/incidents`, { headers: { cookie } })).json()) as {
      items: Array<{ id: string; notifications: Array<{ status: string }> }>;
    };
    expect(list.items).toHaveLength(1);
    expect(list.items[0]?.id).toBe(incident.incidentId);
    expect(list.items[0]?.notifications.map((n) => n.status)).toEqual(["logged", "logged"]);
    const from = now - 3_600_000;
    const trend = (await (
      await fetch(`${hub.httpUrl}/api/trends?scope=counter&id=${COUNTER}&period=day&from=${from}&to=${now + 60_000}`, {
        headers: { cookie },
      })
    ).json()) as { total: { visits: number; score: number; incidents: number } };
    expect(trend.total).toMatchObject({ visits: 1, score: 35, incidents: 1 });
    const metrics = await (await fetch(`${hub.httpUrl}/metrics`)).text();
    expect(metrics).toMatch(/hailong_ingest_messages\{outcome="duplicate"\} 1/);
    expect(metrics).toMatch(/hailong_agents\{state="online"\} 1/);
  });

  // The will carries the session stamp its "online" repeated, and health messages in between do not move the
  // registry's state time, so the will marks the agent offline at once (not only after the staleness window).
  it("marks the agent offline when its connection drops (last will)", async () => {
    agent.stream.destroy();
    const sql = hub.db.sql;
    const state = await until(
      "offline agent",
      async () => {
        const [row] = await sql.query<{ state: string }>("SELECT state FROM agents WHERE agent_id = ?", [AGENT]);
        return row?.state === "offline" ? row.state : undefined;
      },
      3_000,
    );
    expect(state).toBe("offline");
  });
});
