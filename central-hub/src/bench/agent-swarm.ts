import { createTopics, newId } from "@hailong/protocol";
import mqtt, { type MqttClient } from "mqtt";

/**
 * Child process of `hailong bench hub --counters N`: many idle agents, each one MQTT connection that
 * announces itself (retained availability and info, last will offline), then sends a health message per
 * counter every `healthS` seconds and a short visit now and then. Prints "ready" once all are announced.
 * Argument: JSON { brokerUrl, agents: [{ agentId, counters }], healthS }.
 */
const input = JSON.parse(process.argv[2] ?? "{}") as {
  brokerUrl: string;
  /** `password`: the agent's MQTT secret (username: its agent id); none for a broker without logins. */
  agents: Array<{ agentId: string; counters: string[]; password?: string }>;
  healthS: number;
};
const topics = createTopics("hailong");

function health(agentId: string, counterId: string, now: number) {
  return {
    v: 1,
    id: newId(now),
    agentId,
    counterId,
    ts: now,
    cameraState: "ok",
    fps: 10,
    capturedFrames: 600,
    droppedFrames: 0,
    inferenceMs: 12,
    degraded: false,
    outboxPending: 0,
    outboxDropped: 0,
    modelIds: ["bench"],
  };
}

function visit(agentId: string, counterId: string, now: number, kind: "start" | "end", visitId: string) {
  return {
    v: 1,
    id: newId(now),
    agentId,
    counterId,
    ts: now,
    kind,
    visitId,
    seq: kind === "start" ? 0 : 1,
    startedAt: kind === "start" ? now : now - 60_000,
    ...(kind === "end" ? { endedAt: now } : {}),
    durationMs: kind === "start" ? 0 : 60_000,
    frames: 10,
    shares: { very_satisfied: 0.2, satisfied: 0.5, neutral: 0.2, dissatisfied: 0.1 },
    score: 66,
    level: "satisfied",
  };
}

const publish = (client: MqttClient, topic: string, message: object, retain = false) =>
  client.publishAsync(topic, JSON.stringify(message), { qos: 1, retain });

async function announce(agentId: string, counters: string[], password?: string): Promise<MqttClient> {
  const now = Date.now();
  const client = await mqtt.connectAsync(input.brokerUrl, {
    clientId: `bench-${agentId}`,
    ...(password ? { username: agentId, password } : {}),
    reconnectPeriod: 0,
    will: {
      topic: topics.agentAvailability(agentId),
      payload: Buffer.from(JSON.stringify({ v: 1, agentId, state: "offline", ts: now })),
      qos: 1,
      retain: true,
    },
  });
  await publish(client, topics.agentAvailability(agentId), { v: 1, agentId, state: "online", ts: now }, true);
  const info = {
    v: 1,
    agentId,
    agentVersion: "0.1.0",
    models: [{ id: "bench", kind: "expression", sha256: "a".repeat(64) }],
    counters,
    configHash: "b".repeat(64),
    configVersion: 1,
    startedAt: now,
    ts: now,
  };
  await publish(client, topics.agentInfo(agentId), info, true);
  for (const counterId of counters)
    await publish(client, topics.counter(counterId, "health"), health(agentId, counterId, now));
  return client;
}

const clients: Array<{ client: MqttClient; agentId: string; counters: string[] }> = [];
// A few connections at a time: thousands of simultaneous CONNECTs would measure the broker's accept queue.
for (let i = 0; i < input.agents.length; i += 50) {
  const group = input.agents.slice(i, i + 50);
  const connected = await Promise.all(
    group.map(async (a) => ({ client: await announce(a.agentId, a.counters, a.password), ...a })),
  );
  clients.push(...connected);
}
process.stdout.write("ready\n");

// Health per counter every healthS, spread over the interval; a one-minute visit on one counter in ten.
let turn = 0;
let stopping = false;
const tickMs = (input.healthS * 1000) / Math.max(1, clients.length);
const send = (client: MqttClient, topic: string, message: object) => {
  // Publishes racing the shutdown fail with "client disconnecting"; nothing to do about those.
  if (!stopping) publish(client, topic, message).catch(() => undefined);
};
function tick(): void {
  const agent = clients[turn % clients.length];
  turn++;
  if (agent === undefined) return;
  const now = Date.now();
  for (const counterId of agent.counters) {
    send(agent.client, topics.counter(counterId, "health"), health(agent.agentId, counterId, now));
    if (Math.random() < 0.1) {
      const visitId = newId(now);
      send(
        agent.client,
        topics.counter(counterId, "visit"),
        visit(agent.agentId, counterId, now - 60_000, "start", visitId),
      );
      send(agent.client, topics.counter(counterId, "visit"), visit(agent.agentId, counterId, now, "end", visitId));
    }
  }
}
const ticker = setInterval(tick, Math.max(1, tickMs));
process.on("SIGTERM", () => {
  stopping = true;
  clearInterval(ticker);
  void Promise.all(clients.map((c) => c.client.endAsync())).finally(() => process.exit(0));
});
