import { join } from "node:path";
import { type Logger, type MqttLink, mqttLink } from "@hailong/common";
import {
  type AgentInfoMessage,
  createTopics,
  encode,
  type RequestAction,
  type ResponseMessage,
} from "@hailong/protocol";
import type { AgentConfig } from "../config/schema.js";
import { type Outbox, type OutboxStats, openOutbox } from "../outbox/sqlite-outbox.js";
import type { CounterPipeline } from "../pipeline/types.js";
import { createRequestHandler, type RequestHandler, type RequestStats } from "../requests/handler.js";
import { type ConfigState, createConfigState } from "../state/config-state.js";
import { type AgentSession, openAgentSession } from "./agent-session.js";
import { pumpEvents } from "./event-pump.js";
import { createForwarder, type Forwarder, type ForwarderStats } from "./forwarder.js";
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
  /** Broker and credentials (agentMqttLink); defaults to the config's URL with no password. */
  link?: MqttLink;
  now?: () => number;
}

/**
 * The agent's broker link: password from HAILONG_MQTT_PASSWORD, username `mqtt.username` or else the agent id
 * (the hub issues credentials per agent id); without a password the agent connects anonymously.
 */
export function agentMqttLink(config: AgentConfig, env: NodeJS.ProcessEnv): MqttLink {
  const { url, username, tls } = config.mqtt;
  const link = mqttLink({ url, username, ...(tls ? { tls } : {}) }, env);
  return link.password === undefined || link.username !== undefined ? link : { ...link, username: config.agentId };
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
  session: AgentSession;
  outbox: Outbox;
  forwarder: Forwarder;
  requests: RequestHandler;
  pumps: Promise<void>[];
}

export function createAgent(deps: AgentDeps): Agent {
  const { config } = deps;
  const log = deps.logger.child({ module: "agent" });
  const now = deps.now ?? Date.now;
  const topics = createTopics(config.mqtt.baseTopic);
  const link = deps.link ?? agentMqttLink(config, {});
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

  const publishInfo = async (): Promise<void> => running?.session.publishInfo();

  const respond = async (action: RequestAction, response: ResponseMessage): Promise<void> => {
    let payload: Uint8Array;
    try {
      payload = encode("response", response);
    } catch (error) {
      log.error({ action, txId: response.txId, err: error }, "response violates the schema");
      payload = encode("response", errorResponse(response, "HAILONG_ERR_INTERNAL", String(error)));
    }
    await running?.session.publishDirect(topics.response(config.agentId, action), payload, false);
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
      const session = openAgentSession({
        link,
        agentId: config.agentId,
        topics,
        keepaliveS: config.mqtt.keepaliveS,
        reconnectMs: config.mqtt.reconnectMs,
        info: infoMessage,
        onConnect: () => running?.forwarder.kick(),
        onRequest: (topic, payload) => void running?.requests.handle(topic, payload),
        log,
        now,
      });
      const forwarder = createForwarder({
        outbox,
        window: config.outbox.inflightWindow,
        logger: log,
        link: {
          isConnected: () => session.connected,
          publish: async (topic, payload) => {
            await session.client.publishAsync(topic, payload, { qos: 1 });
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
      running = { session, outbox, forwarder, requests, pumps: [] };
      session.client.on("offline", () => log.warn({ ...outbox.stats() }, "broker unreachable; queueing in the outbox"));
      // events() is taken before start() so not even the first event can be missed.
      running.pumps = deps.pipelines.map((pipeline) =>
        pumpEvents({ pipeline, outbox, forwarder, topics, log, now, onInvalid: () => invalidOutbound++ }).catch(
          (error: unknown) => log.error({ counterId: pipeline.counterId, err: error }, "event pump failed"),
        ),
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
      await current.session.close(!drained);
      current.forwarder.detach();
      lastRun = snapshotOf(current);
      current.outbox.close();
      running = undefined;
      log.info({ drained, ...lastRun.outbox }, "agent stopped");
    },

    status() {
      const current = configState.current();
      return {
        connected: running?.session.connected ?? false,
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
