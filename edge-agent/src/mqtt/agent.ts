import { join } from "node:path";
import { type Logger, type MqttLink, mqttLink } from "@hailong/common";
import {
  type AgentInfoMessage,
  createTopics,
  encode,
  type RequestAction,
  type ResponseMessage,
  type Topics,
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

/** What the agent's start, stop and status share across runs. */
interface AgentCore {
  deps: AgentDeps;
  config: AgentConfig;
  log: Logger;
  now: () => number;
  topics: Topics;
  link: MqttLink;
  pipelines: Map<string, CounterPipeline>;
  configState: ConfigState;
  running: Running | undefined;
  /** Figures of the last run, so status() still answers after stop(). */
  lastRun: Pick<AgentStatus, "outbox" | "forwarder" | "requests">;
  startedAt: number;
  invalidOutbound: number;
}

function infoMessage(a: AgentCore): AgentInfoMessage {
  const current = a.configState.current();
  return {
    v: 1,
    agentId: a.config.agentId,
    agentVersion: a.deps.agentVersion,
    models: [...a.deps.models],
    counters: [...a.pipelines.keys()],
    configHash: current.configHash,
    configVersion: current.configVersion,
    startedAt: a.startedAt,
    ts: a.now(),
  };
}

async function respond(a: AgentCore, action: RequestAction, response: ResponseMessage): Promise<void> {
  let payload: Uint8Array;
  try {
    payload = encode("response", response);
  } catch (error) {
    a.log.error({ action, txId: response.txId, err: error }, "response violates the schema");
    payload = encode("response", errorResponse(response, "HAILONG_ERR_INTERNAL", String(error)));
  }
  await a.running?.session.publishDirect(a.topics.response(a.config.agentId, action), payload, false);
}

/** Opens the outbox and the broker session and wires the forwarder and request handler to them. */
function openRun(a: AgentCore): Running {
  const { config, log, now, topics } = a;
  const outbox = openOutbox({ file: join(config.stateDir, "outbox.sqlite"), quotaBytes: config.outbox.quotaBytes });
  const pending = outbox.stats();
  if (pending.pending > 0) log.info(pending, "resending outbox rows from the previous run");
  const session = openAgentSession({
    link: a.link,
    agentId: config.agentId,
    topics,
    keepaliveS: config.mqtt.keepaliveS,
    reconnectMs: config.mqtt.reconnectMs,
    info: () => infoMessage(a),
    onConnect: () => a.running?.forwarder.kick(),
    onRequest: (topic, payload) => void a.running?.requests.handle(topic, payload),
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
    pipelines: a.pipelines,
    configState: a.configState,
    respond: (action, response) => respond(a, action, response),
    onConfigChanged: async () => a.running?.session.publishInfo(),
    logger: log,
    now,
  });
  session.client.on("offline", () => log.warn({ ...outbox.stats() }, "broker unreachable; queueing in the outbox"));
  return { session, outbox, forwarder, requests, pumps: [] };
}

async function startAgent(a: AgentCore): Promise<void> {
  if (a.running !== undefined) throw new Error("agent already started");
  a.startedAt = a.now();
  const current = a.configState.load();
  for (const counter of current.config.counters) a.pipelines.get(counter.id)?.applyTuning(counter.tuning);
  const run = openRun(a);
  a.running = run;
  const { log, now, topics } = a;
  // events() is taken before start() so not even the first event can be missed.
  run.pumps = a.deps.pipelines.map((pipeline) =>
    pumpEvents({
      pipeline,
      outbox: run.outbox,
      forwarder: run.forwarder,
      topics,
      log,
      now,
      onInvalid: () => a.invalidOutbound++,
    }).catch((error: unknown) => log.error({ counterId: pipeline.counterId, err: error }, "event pump failed")),
  );
  for (const pipeline of a.deps.pipelines) await pipeline.start();
  log.info(
    {
      agentId: a.config.agentId,
      counters: [...a.pipelines.keys()],
      configVersion: current.configVersion,
      configHash: current.configHash,
    },
    "agent started",
  );
}

async function stopAgent(a: AgentCore): Promise<void> {
  const current = a.running;
  if (current === undefined) return;
  for (const pipeline of a.deps.pipelines) {
    try {
      await pipeline.stop();
    } catch (error) {
      a.log.error({ counterId: pipeline.counterId, err: error }, "pipeline stop failed");
    }
  }
  await Promise.all(current.pumps);
  // Keep delivering (and let a reconnect happen) for up to flushOnStopMs; what is left is resent next start.
  const drained = await current.forwarder.drain(a.config.outbox.flushOnStopMs);
  current.forwarder.stop();
  await current.session.close(!drained);
  current.forwarder.detach();
  a.lastRun = snapshotOf(current);
  current.outbox.close();
  a.running = undefined;
  a.log.info({ drained, ...a.lastRun.outbox }, "agent stopped");
}

function agentStatus(a: AgentCore): AgentStatus {
  const current = a.configState.current();
  return {
    connected: a.running?.session.connected ?? false,
    ...(a.running === undefined ? a.lastRun : snapshotOf(a.running)),
    invalidOutbound: a.invalidOutbound,
    configVersion: current.configVersion,
    configHash: current.configHash,
  };
}

export function createAgent(deps: AgentDeps): Agent {
  const { config } = deps;
  const a: AgentCore = {
    deps,
    config,
    log: deps.logger.child({ module: "agent" }),
    now: deps.now ?? Date.now,
    topics: createTopics(config.mqtt.baseTopic),
    link: deps.link ?? agentMqttLink(config, {}),
    pipelines: new Map(deps.pipelines.map((p) => [p.counterId, p])),
    configState: createConfigState(config),
    running: undefined,
    lastRun: {
      outbox: { pending: 0, pendingBytes: 0, dropped: 0 },
      forwarder: { delivered: 0, inFlight: 0, failures: 0 },
      requests: { handled: 0, quarantined: 0, duplicates: 0 },
    },
    startedAt: 0,
    invalidOutbound: 0,
  };
  return { start: () => startAgent(a), stop: () => stopAgent(a), status: () => agentStatus(a) };
}

function snapshotOf(run: Running): Pick<AgentStatus, "outbox" | "forwarder" | "requests"> {
  return { outbox: run.outbox.stats(), forwarder: run.forwarder.stats(), requests: run.requests.stats() };
}
