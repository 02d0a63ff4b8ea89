import { join } from "node:path";
import type { Logger } from "@hailong/common";
import {
  type AgentInfoMessage,
  createTopics,
  encode,
  type RequestAction,
  type ResponseMessage,
} from "@hailong/protocol";
import { connect, type MqttClient } from "mqtt";
import type { AgentConfig } from "../config/schema.js";
import { type Outbox, type OutboxStats, openOutbox } from "../outbox/sqlite-outbox.js";
import type { CounterPipeline } from "../pipeline/types.js";
import { createRequestHandler, type RequestHandler, type RequestStats } from "../requests/handler.js";
import { type ConfigState, createConfigState } from "../state/config-state.js";
import { createForwarder, type Forwarder, type ForwarderStats } from "./forwarder.js";
import { toOutboxEntry } from "./outbound.js";
import { errorResponse } from "./responses.js";

export type ModelRef = AgentInfoMessage["models"][number];

export interface AgentDeps {
  /** The validated file config; pushed tuning from `stateDir/remote-config.json` is laid over it on start. */
  config: AgentConfig;
  pipelines: readonly CounterPipeline[];
  /** Models the pipelines run, for the retained `info` message. */
  models: readonly ModelRef[];
  agentVersion: string;
  logger: Logger;
  /** From HAILONG_MQTT_PASSWORD; never from the file. */
  mqttPassword?: string;
  now?: () => number;
}

export interface AgentStatus {
  connected: boolean;
  outbox: OutboxStats;
  forwarder: ForwarderStats;
  requests: RequestStats;
  /** Pipeline events that violated the wire schema and were not queued. */
  invalidOutbound: number;
  configVersion: number;
  configHash: string;
}

export interface Agent {
  start(): Promise<void>;
  /** Stops the pipelines (ending visits), delivers what the broker accepts in time, publishes offline, closes. */
  stop(): Promise<void>;
  status(): AgentStatus;
}

interface Running {
  client: MqttClient;
  outbox: Outbox;
  forwarder: Forwarder;
  requests: RequestHandler;
  pumps: Promise<void>[];
}

/** The edge agent's MQTT side: pipelines' events through the outbox to the broker, hub requests back. */
export function createAgent(deps: AgentDeps): Agent {
  const { config } = deps;
  const log = deps.logger.child({ module: "agent" });
  const now = deps.now ?? Date.now;
  const topics = createTopics(config.mqtt.baseTopic);
  const pipelines = new Map(deps.pipelines.map((p) => [p.counterId, p]));
  const configState: ConfigState = createConfigState(config);
  let running: Running | undefined;
  /** Figures of the last run, so status() still answers after stop(). */
  let lastRun: Pick<AgentStatus, "outbox" | "forwarder" | "requests"> = {
    outbox: { pending: 0, pendingBytes: 0, dropped: 0 },
    forwarder: { delivered: 0, inFlight: 0, failures: 0 },
    requests: { handled: 0, quarantined: 0, duplicates: 0 },
  };
  let startedAt = 0;
  let invalidOutbound = 0;

  const publishDirect = async (topic: string, payload: Uint8Array, retain: boolean): Promise<void> => {
    const client = running?.client;
    if (client === undefined || !client.connected) return;
    try {
      await client.publishAsync(topic, Buffer.from(payload), { qos: 1, retain });
    } catch (error) {
      log.warn({ topic, err: error }, "direct publish failed");
    }
  };

  const infoMessage = (): AgentInfoMessage => {
    const current = configState.current();
    return {
      v: 1,
      agentId: config.agentId,
      agentVersion: deps.agentVersion,
      models: [...deps.models],
      counters: [...pipelines.keys()],
      configHash: current.configHash,
      configVersion: current.configVersion,
      startedAt,
      ts: now(),
    };
  };

  const publishInfo = () => publishDirect(topics.agentInfo(config.agentId), encode("info", infoMessage()), true);

  const respond = async (action: RequestAction, response: ResponseMessage): Promise<void> => {
    let payload: Uint8Array;
    try {
      payload = encode("response", response);
    } catch (error) {
      log.error({ action, txId: response.txId, err: error }, "response violates the schema");
      payload = encode("response", errorResponse(response, "HAILONG_ERR_INTERNAL", String(error)));
    }
    await publishDirect(topics.response(config.agentId, action), payload, false);
  };

  const pumpEvents = async (pipeline: CounterPipeline, outbox: Outbox, forwarder: Forwarder): Promise<void> => {
    for await (const event of pipeline.events()) {
      let entry: ReturnType<typeof toOutboxEntry>;
      try {
        entry = toOutboxEntry(event, topics, outbox.stats());
      } catch (error) {
        invalidOutbound += 1;
        log.error(
          { counterId: pipeline.counterId, kind: event.kind, err: error },
          "pipeline event violates the schema",
        );
        continue;
      }
      const { evicted } = outbox.append(entry, forwarder.protectedUpTo(), now());
      if (Object.keys(evicted).length > 0) log.warn({ evicted, ...outbox.stats() }, "outbox quota reached; dropped");
      forwarder.kick();
    }
  };

  /**
   * Each MQTT session's "online" and its last will carry the same timestamp: the hub orders availability by
   * payload time, so the will of a session supersedes that session's "online" (and nothing older). mqtt.js
   * builds every CONNECT from `options.will`, so the will is re-stamped before each reconnect.
   */
  let sessionTs = 0;
  const stampSession = (): Buffer => {
    sessionTs = now();
    return Buffer.from(encode("availability", { v: 1, agentId: config.agentId, state: "offline", ts: sessionTs }));
  };

  const connectClient = (): MqttClient => {
    const client = connect(config.mqtt.url, {
      // MQTT 3.1.1: the hub's embedded aedes broker does not speak MQTT 5; nothing here needs v5 features.
      protocolVersion: 4,
      clientId: `hailong-agent-${config.agentId}`,
      clean: true,
      keepalive: config.mqtt.keepaliveS,
      reconnectPeriod: config.mqtt.reconnectMs,
      connectTimeout: 10_000,
      // Subscriptions are renewed in the connect handler; mqtt.js resubscribing too would double them.
      resubscribe: false,
      username: config.mqtt.username,
      password: deps.mqttPassword,
      will: { topic: topics.agentAvailability(config.agentId), payload: stampSession(), qos: 1, retain: true },
    });
    client.on("reconnect", () => {
      if (client.options.will) client.options.will.payload = stampSession();
    });
    return client;
  };

  const onConnect = async (): Promise<void> => {
    if (running === undefined) return;
    const { client, forwarder } = running;
    log.info({ url: config.mqtt.url }, "broker connected");
    forwarder.kick();
    const online = encode("availability", { v: 1, agentId: config.agentId, state: "online", ts: sessionTs });
    await publishDirect(topics.agentAvailability(config.agentId), online, true);
    await publishInfo();
    try {
      await client.subscribeAsync(topics.filters.agentRequests(config.agentId), { qos: 1 });
    } catch (error) {
      log.warn({ err: error }, "request subscription failed");
    }
  };

  return {
    async start() {
      if (running !== undefined) throw new Error("agent already started");
      startedAt = now();
      const current = configState.load();
      for (const counter of current.config.counters) pipelines.get(counter.id)?.applyTuning(counter.tuning);
      const outbox = openOutbox({ file: join(config.stateDir, "outbox.sqlite"), quotaBytes: config.outbox.quotaBytes });
      const pending = outbox.stats();
      if (pending.pending > 0) log.info(pending, "resending outbox rows from the previous run");
      const client = connectClient();
      const forwarder = createForwarder({
        outbox,
        window: config.outbox.inflightWindow,
        logger: log,
        link: {
          isConnected: () => client.connected,
          publish: async (topic, payload) => {
            await client.publishAsync(topic, payload, { qos: 1 });
          },
        },
      });
      const requests = createRequestHandler({
        base: topics.base,
        pipelines,
        configState,
        respond,
        onConfigChanged: publishInfo,
        logger: log,
        now,
      });
      running = { client, outbox, forwarder, requests, pumps: [] };
      client.on("connect", () => void onConnect());
      client.on("offline", () => log.warn({ ...outbox.stats() }, "broker unreachable; queueing in the outbox"));
      client.on("error", (error) => log.warn({ err: error }, "mqtt error"));
      client.on("message", (topic, payload) => void requests.handle(topic, payload));
      // events() is taken before start() so not even the first event can be missed.
      running.pumps = deps.pipelines.map((p) =>
        pumpEvents(p, outbox, forwarder).catch((error: unknown) => {
          log.error({ counterId: p.counterId, err: error }, "event pump failed");
        }),
      );
      for (const pipeline of deps.pipelines) await pipeline.start();
      log.info(
        {
          agentId: config.agentId,
          counters: [...pipelines.keys()],
          configVersion: current.configVersion,
          configHash: current.configHash,
        },
        "agent started",
      );
    },

    async stop() {
      const current = running;
      if (current === undefined) return;
      for (const pipeline of deps.pipelines) {
        try {
          await pipeline.stop();
        } catch (error) {
          log.error({ counterId: pipeline.counterId, err: error }, "pipeline stop failed");
        }
      }
      await Promise.all(current.pumps);
      // Keep delivering (and let a reconnect happen) for up to flushOnStopMs; what is left is resent next start.
      const drained = await current.forwarder.drain(config.outbox.flushOnStopMs);
      current.forwarder.stop();
      if (current.client.connected) {
        const offline = encode("availability", { v: 1, agentId: config.agentId, state: "offline", ts: now() });
        await withTimeout(publishDirect(topics.agentAvailability(config.agentId), offline, true), 2000);
      }
      await withTimeout(current.client.endAsync(!drained), 3000);
      current.forwarder.detach();
      lastRun = snapshotOf(current);
      current.outbox.close();
      running = undefined;
      log.info({ drained, ...lastRun.outbox }, "agent stopped");
    },

    status() {
      const current = configState.current();
      return {
        connected: running?.client.connected ?? false,
        ...(running === undefined ? lastRun : snapshotOf(running)),
        invalidOutbound,
        configVersion: current.configVersion,
        configHash: current.configHash,
      };
    },
  };
}

function snapshotOf(run: Running): Pick<AgentStatus, "outbox" | "forwarder" | "requests"> {
  return { outbox: run.outbox.stats(), forwarder: run.forwarder.stats(), requests: run.requests.stats() };
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
