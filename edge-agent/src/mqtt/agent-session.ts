import { connectMqtt, type Logger, type MqttLink } from "@hailong/common";
import { type AgentInfoMessage, encode, type Topics } from "@hailong/protocol";
import type { MqttClient } from "mqtt";

export interface AgentSessionDeps {
  link: MqttLink;
  agentId: string;
  topics: Topics;
  keepaliveS: number;
  reconnectMs: number;
  /** The retained `info` message as of now. */
  info: () => AgentInfoMessage;
  /** Called after each (re)connect, once online and info are out (the forwarder resumes here). */
  onConnect: () => void;
  onRequest: (topic: string, payload: Buffer) => void;
  log: Logger;
  now: () => number;
}

/** One MQTT session of the agent: its will, availability, retained info and request subscription. */
export interface AgentSession {
  readonly client: MqttClient;
  readonly connected: boolean;
  /** QoS 1 publish outside the outbox (availability, info, responses); dropped while disconnected. */
  publishDirect(topic: string, payload: Uint8Array, retain: boolean): Promise<void>;
  publishInfo(): Promise<void>;
  /** Publishes "offline" if still connected, then closes (`force`: without waiting for in-flight packets). */
  close(force: boolean): Promise<void>;
}

/**
 * Opens the agent's session. Each session's "online" and its last will carry the same timestamp: the hub orders
 * availability by payload time, so the will of a session supersedes that session's "online" (and nothing
 * older). mqtt.js builds every CONNECT from `options.will`, so the will is re-stamped before each reconnect.
 */
export function openAgentSession(deps: AgentSessionDeps): AgentSession {
  const { topics, agentId, log } = deps;
  const availabilityTopic = topics.agentAvailability(agentId);
  let sessionTs = 0;
  const availability = (state: "online" | "offline", ts: number): Buffer =>
    Buffer.from(encode("availability", { v: 1, agentId, state, ts }));
  const stampSession = (): Buffer => {
    sessionTs = deps.now();
    return availability("offline", sessionTs);
  };

  const client = connectMqtt(deps.link, {
    // MQTT 3.1.1: the hub's embedded aedes broker does not speak MQTT 5; nothing here needs v5 features.
    protocolVersion: 4,
    clientId: `hailong-agent-${agentId}`,
    clean: true,
    keepaliveS: deps.keepaliveS,
    reconnectMs: deps.reconnectMs,
    // Subscriptions are renewed in the connect handler; mqtt.js resubscribing too would double them.
    resubscribe: false,
    will: { topic: availabilityTopic, payload: stampSession(), qos: 1, retain: true },
  });
  client.on("reconnect", () => {
    if (client.options.will) client.options.will.payload = stampSession();
  });

  const publishDirect = async (topic: string, payload: Uint8Array, retain: boolean): Promise<void> => {
    if (!client.connected) return;
    try {
      await client.publishAsync(topic, Buffer.from(payload), { qos: 1, retain });
    } catch (error) {
      log.warn({ topic, err: error }, "direct publish failed");
    }
  };
  const publishInfo = () => publishDirect(topics.agentInfo(agentId), encode("info", deps.info()), true);

  client.on("connect", () => {
    log.info({ url: deps.link.displayUrl }, "broker connected");
    deps.onConnect();
    void (async () => {
      await publishDirect(availabilityTopic, availability("online", sessionTs), true);
      await publishInfo();
      await client.subscribeAsync(topics.filters.agentRequests(agentId), { qos: 1 });
    })().catch((error: unknown) => log.warn({ err: error }, "request subscription failed"));
  });
  client.on("error", (error) => log.warn({ err: error, url: deps.link.displayUrl }, "mqtt error"));
  client.on("message", (topic, payload) => deps.onRequest(topic, payload));

  return {
    client,
    get connected() {
      return client.connected;
    },
    publishDirect,
    publishInfo,
    async close(force) {
      if (client.connected) {
        await withTimeout(publishDirect(availabilityTopic, availability("offline", deps.now()), true), 2000);
      }
      await withTimeout(client.endAsync(force), 3000);
    },
  };
}

async function withTimeout(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
