import { join } from "node:path";
import { createSilentLogger } from "@hailong/common";
import { until } from "@hailong/common/testing";
import { API_ROUTES, decode, encode, type RequestMessage } from "@hailong/protocol";
import mqtt, { type MqttClient } from "mqtt";
import { afterEach, describe, expect, it } from "vitest";
import { createHub, type Hub } from "../src/app/create-hub.js";
import { mosquittoAcl } from "../src/broker/mosquitto-acl.js";
import { HubConfigSchema } from "../src/config/schema.js";
import { mosquittoTools, startTestMosquitto, writePasswordFile } from "./support/mosquitto.js";
import {
  ADMIN,
  AGENT_A,
  AGENT_B,
  COUNTER_A,
  COUNTER_B,
  COUNTER_FREE,
  incidentFrom,
  outcomes,
  securitySeed,
  tempDir,
  topics,
  visitFrom,
} from "./support/security-fixtures.js";

const tools = mosquittoTools();
if ("missing" in tools) console.warn(`SKIP Mosquitto broker-auth tests: ${tools.missing} not found`);
const HUB_PASSWORD = "hub-secret-for-tests";

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function startHub(dir: string, mqttConfig: object, env: NodeJS.ProcessEnv = {}): Promise<Hub> {
  const config = HubConfigSchema.parse({
    db: { url: `sqlite:${join(dir, "hub.sqlite")}` },
    mqtt: { clientId: "sec-hub", journalDir: join(dir, "journal"), ...mqttConfig },
    http: { port: 0, host: "127.0.0.1", publicBaseUrl: "http://hub.test" },
  });
  const hub = createHub({ config, log: createSilentLogger(), env, seed: await securitySeed() });
  await hub.start();
  cleanups.push(() => hub.stop());
  return hub;
}

async function connectAgent(url: string, username?: string, password?: string): Promise<MqttClient> {
  const client = await mqtt.connectAsync(url, {
    clientId: `${username ?? "anon"}-${Math.random().toString(36).slice(2, 8)}`,
    reconnectPeriod: 0,
    // argon2 verification on a loaded 2-core machine can take seconds.
    connectTimeout: 30_000,
    ...(username ? { username } : {}),
    ...(password ? { password } : {}),
  });
  cleanups.push(() => client.endAsync(true));
  return client;
}

/** Publishes and then gives the broker a moment: an ACL refusal is a dropped message (Mosquitto) or a
 * dropped connection (aedes), never an error to wait for. */
async function tryPublish(client: MqttClient, message: { topic: string; payload: Buffer }): Promise<void> {
  client.publish(message.topic, message.payload, { qos: 1 });
  await new Promise((resolve) => setTimeout(resolve, 300));
}

async function ready(hub: Hub): Promise<boolean> {
  return (await fetch(`${hub.httpUrl}/readyz`)).ok;
}

/** The broker refuses clients without the right login, and an agent beyond its own topics. */
async function expectDoorsShut(hub: Hub, url: string, secrets: Record<string, string>): Promise<void> {
  await expect(connectAgent(url)).rejects.toThrow();
  await expect(connectAgent(url, AGENT_A, "wrong")).rejects.toThrow();
  await until("hub ready", async () => ((await ready(hub)) ? true : undefined), 30_000);

  // Control: agent A on its own counter is stored and alerted.
  const good = await connectAgent(url, AGENT_A, secrets[AGENT_A]);
  await good.publishAsync(incidentFrom(AGENT_A, COUNTER_A).topic, incidentFrom(AGENT_A, COUNTER_A).payload, { qos: 1 });
  const before = await until("the control incident's SMS", async () => {
    const o = await outcomes(hub.db.sql);
    return o.incidents === 1 && o.sms > 0 ? o : undefined;
  });

  const rogue = await connectAgent(url, AGENT_A, secrets[AGENT_A]);
  await expectNoEavesdropping(hub, rogue);
  await tryPublish(rogue, incidentFrom(AGENT_A, COUNTER_B));
  await tryPublish(rogue, incidentFrom(AGENT_B, COUNTER_B));
  await tryPublish(rogue, incidentFrom(AGENT_A, COUNTER_FREE));
  await tryPublish(rogue, { topic: topics.agentInfo(AGENT_B), payload: Buffer.from("{}") });

  // A later good message is stored, so the refused ones had their chance to arrive.
  await good.publishAsync(visitFrom(AGENT_A, COUNTER_A).topic, visitFrom(AGENT_A, COUNTER_A).payload, { qos: 1 });
  await until("the control visit", async () => ((await outcomes(hub.db.sql)).visits === 1 ? true : undefined));
  const after = await outcomes(hub.db.sql);
  expect(after).toEqual({ ...before, visits: 1 });
  expect(after.deadLetters).toEqual([]);
}

/** Agent A subscribing to B's requests is refused at SUBACK (aedes) or never sees one (Mosquitto 2.0 grants the
 * subscription and then withholds the messages). */
async function expectNoEavesdropping(hub: Hub, rogue: MqttClient): Promise<void> {
  const overheard: string[] = [];
  rogue.on("message", (topic) => overheard.push(topic));
  // A refused SUBACK (0x80) either resolves with qos 128 or rejects with mqtt.js's "Subscribe error": both refuse.
  const granted = await rogue
    .subscribeAsync(topics.filters.agentRequests(AGENT_B), { qos: 1 })
    .catch((error: Error) => {
      if (/Subscribe error/.test(error.message)) return [{ qos: 128 }];
      throw error;
    });
  if (granted.every((g) => g.qos === 128)) return;
  const cookie = await adminCookie(hub);
  // The hub sends B a request; B never answers, so the call is abandoned once the request had time to travel.
  const abandon = new AbortController();
  void fetch(`${hub.httpUrl}${API_ROUTES.agentStats(AGENT_B)}`, { headers: { cookie }, signal: abandon.signal }).catch(
    () => undefined,
  );
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  abandon.abort();
  expect(overheard).toEqual([]);
}

async function adminCookie(hub: Hub): Promise<string> {
  const login = await fetch(`${hub.httpUrl}${API_ROUTES.login}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(ADMIN),
  });
  return (login.headers.get("set-cookie") ?? "").split(";")[0] as string;
}

/** With the broker's ACL off, the hub's own check dead-letters a counter that is not the agent's. */
async function expectHubRefuses(hub: Hub, url: string, password: string | undefined): Promise<void> {
  await until("hub ready", async () => ((await ready(hub)) ? true : undefined), 30_000);
  const rogue = await connectAgent(url, AGENT_A, password);
  for (const m of [
    incidentFrom(AGENT_A, COUNTER_B),
    incidentFrom(AGENT_A, COUNTER_FREE),
    incidentFrom(AGENT_A, "ctr-unknown"),
  ]) {
    await rogue.publishAsync(m.topic, m.payload, { qos: 1 });
  }
  const o = await until("three dead letters", async () => {
    const current = await outcomes(hub.db.sql);
    return current.deadLetters.length === 3 ? current : undefined;
  });
  expect(o.deadLetters.map((d) => d.reason)).toEqual(["not-your-counter", "not-your-counter", "not-your-counter"]);
  expect(o).toMatchObject({ incidents: 0, alerts: 0, sms: 0 });
  const metrics = await (await fetch(`${hub.httpUrl}/metrics`)).text();
  expect(metrics).toMatch(/hailong_ingest_dead_letters\{reason="not-your-counter"\} 3/);
}

describe("embedded broker (aedes): logins and ACL by default", () => {
  it("refuses clients without the agent's issued secret and agents outside their own topics; stores the rest", async () => {
    const { dir, remove } = tempDir("hailong-sec-aedes-");
    cleanups.push(remove);
    const hub = await startHub(dir, { embedded: { port: 0 } });
    const secrets = { [AGENT_A]: (await hub.issueAgentCredential(AGENT_A)).password };
    await expectDoorsShut(hub, hub.mqttUrl, secrets);
  });

  it("with the ACL off, the hub dead-letters not-your-counter: nothing stored, no alert, no SMS", async () => {
    const { dir, remove } = tempDir("hailong-sec-aedes-noacl-");
    cleanups.push(remove);
    const hub = await startHub(dir, { embedded: { port: 0, acl: false } });
    await expectHubRefuses(hub, hub.mqttUrl, (await hub.issueAgentCredential(AGENT_A)).password);
  });

  it("listens on loopback unless configured otherwise", () => {
    expect(HubConfigSchema.parse({}).mqtt.embedded.host).toBe("127.0.0.1");
  });
});

describe.skipIf("missing" in tools)("Mosquitto with a password file and the ACL from `hailong broker acl`", () => {
  const { mosquitto, passwd } = tools as { mosquitto: string; passwd: string };
  const secrets = { hub: HUB_PASSWORD, [AGENT_A]: "a-secret", [AGENT_B]: "b-secret" };

  async function startBroker(dir: string, withAcl: boolean) {
    writePasswordFile(passwd, join(dir, "passwd"), secrets);
    const acl = mosquittoAcl({
      baseTopic: "hailong",
      hubUsername: "hub",
      assignments: new Map([
        [COUNTER_A, AGENT_A],
        [COUNTER_B, AGENT_B],
      ]),
      agents: [AGENT_A, AGENT_B],
    });
    const { writeFileSync } = await import("node:fs");
    writeFileSync(join(dir, "acl"), acl);
    const broker = await startTestMosquitto({
      binary: mosquitto,
      dir,
      extra: [
        "allow_anonymous false",
        `password_file ${join(dir, "passwd")}`,
        ...(withAcl ? [`acl_file ${join(dir, "acl")}`] : []),
      ],
    });
    cleanups.push(() => broker.stop());
    return broker;
  }

  it("hub ingest and requests work with credentials from the environment", async () => {
    const { dir, remove } = tempDir("hailong-sec-mosq-");
    cleanups.push(remove);
    const broker = await startBroker(dir, true);
    const hub = await startHub(dir, { url: broker.url }, { HAILONG_MQTT_PASSWORD: HUB_PASSWORD });
    await expectDoorsShut(hub, broker.url, secrets);

    // Requests: the hub asks agent A over MQTT, A answers, the API returns it.
    const agent = await connectAgent(broker.url, AGENT_A, secrets[AGENT_A]);
    await agent.subscribeAsync(topics.filters.agentRequests(AGENT_A), { qos: 1 });
    agent.on("message", (topic, payload) => {
      const request = decode(topic, payload, { base: "hailong" });
      if (!request.ok || request.kind !== "request") return;
      const { txId } = request.message as RequestMessage;
      const response = {
        v: 1 as const,
        txId,
        ts: Date.now(),
        action: "stats" as const,
        ok: true as const,
        result: { counters: [] },
      };
      void agent.publish(topics.response(AGENT_A, "stats"), Buffer.from(encode("response", response)), { qos: 1 });
    });
    const cookie = await adminCookie(hub);
    const stats = await fetch(`${hub.httpUrl}${API_ROUTES.agentStats(AGENT_A)}`, { headers: { cookie } });
    expect(stats.status).toBe(200);
    expect(await stats.json()).toMatchObject({ counters: [] });
  });

  it("a hub without the right password is refused and says not-ready", async () => {
    const { dir, remove } = tempDir("hailong-sec-mosq-nohub-");
    cleanups.push(remove);
    const broker = await startBroker(dir, true);
    const hub = await startHub(dir, { url: broker.url }, { HAILONG_MQTT_PASSWORD: "not-the-hub-password" });
    const agent = await connectAgent(broker.url, AGENT_A, secrets[AGENT_A]);
    await agent.publishAsync(visitFrom(AGENT_A, COUNTER_A).topic, visitFrom(AGENT_A, COUNTER_A).payload, { qos: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await ready(hub)).toBe(false);
    expect((await outcomes(hub.db.sql)).visits).toBe(0);
  });

  it("with the ACL off, the hub dead-letters not-your-counter: nothing stored, no alert, no SMS", async () => {
    const { dir, remove } = tempDir("hailong-sec-mosq-noacl-");
    cleanups.push(remove);
    const broker = await startBroker(dir, false);
    const hub = await startHub(dir, { url: broker.url }, { HAILONG_MQTT_PASSWORD: HUB_PASSWORD });
    await expectHubRefuses(hub, broker.url, secrets[AGENT_A]);
  });
});
