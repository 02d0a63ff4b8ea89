import type { Logger } from "@hailong/common";
import { connectMqtt, firstConnect, HailongError, type MqttLink } from "@hailong/common";
import { createTopics, parseTopic } from "@hailong/protocol";
import type { IPublishPacket, MqttClient, Packet } from "mqtt";
import type { IngestJournal } from "./journal.js";
import type { IngestPipeline } from "./pipeline.js";

export interface MqttIngestOptions {
  /** Broker, credentials and TLS of the hub process (mqttLink). */
  link: MqttLink;
  clientId: string;
  baseTopic: string;
  /** MQTT v5 shared subscription group: hubs in one group split the counter messages. */
  sharedGroup?: string;
  /**
   * 4 (MQTT 3.1.1, default: the embedded aedes speaks only 3.1.1; Mosquitto and EMQX accept `$share/` from
   * 3.1.1 clients too) or 5.
   */
  protocolVersion?: 4 | 5;
  /** MQTT 5 only: how long the broker keeps our session while the hub is down (3.1.1 sessions do not expire). */
  sessionExpirySeconds?: number;
  /** Received-but-uncommitted messages above which acks wait for the commit (backpressure). */
  maxPending?: number;
  reconnectPeriodMs?: number;
  /** Reconnect delays double from reconnectPeriodMs up to this (default: no backoff). */
  maxReconnectPeriodMs?: number;
  /** true (default): start() resolves once connected and rejects if the broker refuses us; false: start() returns
   * at once and the client keeps trying with backoff (the hub reports not-ready meanwhile). */
  waitForBroker?: boolean;
}

export interface MqttIngest {
  start(): Promise<void>;
  /** Disconnects, then commits what was received. */
  stop(): Promise<void>;
  readonly connected: boolean;
}

/**
 * The MQTT side of the ingest: a persistent session (clean: false, fixed client id) with
 * QoS 1 subscriptions, so messages published while the hub is down are delivered when it returns.
 *
 * Ack timing: mqtt.js handles incoming packets strictly one after another and sends the PUBACK before it
 * reads the next packet, so holding every ack until its batch commits would store one message per batch.
 * Messages are therefore acked on receipt and committed within `batchMaxDelayMs` (20 ms by default). With a
 * `journal`, each such message is written to it before its PUBACK leaves (one write per burst, while the acks
 * are corked) and stored again at the next start if the hub died before the commit; without one, a hub crash
 * inside that window loses those messages (a graceful stop commits them). The ack waits for the commit
 * instead — which also stops reading from the broker, whose persistent session then queues for us — when
 * losing the message would matter or when we are falling behind: for an incident (each one is an SMS to a
 * leader; they are rare, and flush their batch at once), while the database is unavailable (an outage then
 * holds messages at the broker and in the agents' outboxes rather than in our memory), and above `maxPending`
 * uncommitted messages (backpressure). Hooks: handleMessage for 3.1.1, customHandleAcks for MQTT 5.
 */
export function createMqttIngest(deps: {
  pipeline: IngestPipeline;
  log: Logger;
  options: MqttIngestOptions;
  journal?: IngestJournal;
}): MqttIngest {
  const log = deps.log.child({ module: "mqtt-ingest" });
  const { options, pipeline, journal } = deps;
  let client: MqttClient | undefined;
  const acks = createAckControl({ pipeline, journal, options, log, stream: () => client?.stream });

  return {
    get connected() {
      return client?.connected ?? false;
    },
    start: async () => {
      await replayJournal(pipeline, journal, log);
      const c = connectMqtt(options.link, connectOptions(options, acks.customHandleAcks));
      client = c;
      listen(c, acks, options, log);
      if (options.waitForBroker === false) return;
      await firstConnect(c).catch(async (error: unknown) => {
        await c.endAsync(true);
        const url = options.link.displayUrl;
        throw new HailongError("HAILONG_ERR_INTERNAL", `cannot connect to MQTT broker ${url}`, { cause: error });
      });
    },
    stop: async () => {
      const c = client;
      client = undefined;
      if (c) await c.endAsync();
      journal?.seal();
      const failuresBefore = pipeline.metrics.batchFailures;
      await pipeline.drain();
      // A batch that failed while draining was given up (dead-lettered at best): keep the journal for next time.
      journal?.close({ keep: pipeline.metrics.batchFailures > failuresBefore || pipeline.metrics.storageDown });
    },
  };
}

type CustomHandleAcks = NonNullable<Parameters<typeof connectMqtt>[1]["customHandleAcks"]>;

/** The persistent session: fixed client id, clean: false, MQTT 5 session expiry when speaking 5. */
function connectOptions(options: MqttIngestOptions, customHandleAcks: CustomHandleAcks) {
  return {
    clientId: options.clientId,
    clean: false,
    ...(options.protocolVersion === 5
      ? {
          protocolVersion: 5 as const,
          properties: { sessionExpiryInterval: options.sessionExpirySeconds ?? 7 * 24 * 3600 },
        }
      : { protocolVersion: 4 as const }),
    reconnectMs: options.reconnectPeriodMs ?? 2_000,
    maxReconnectMs: options.maxReconnectPeriodMs ?? options.reconnectPeriodMs ?? 2_000,
    // MQTT 5 only: called for QoS 1/2 publishes before the PUBACK; QoS 0 arrive through "message" (listen).
    customHandleAcks,
  };
}

interface AckControl {
  /** A message from the "message" event (every one with 3.1.1; QoS 0 only with MQTT 5). */
  receive(topic: string, payload: Buffer, packet: IPublishPacket): void;
  /** mqtt.js's hook just before it sends a PUBACK: waits for the commit when the ack must. */
  handleMessage(packet: Packet, callback: () => void): void;
  customHandleAcks: CustomHandleAcks;
}

/** When each PUBACK leaves: on receipt (journalled until committed) or after the commit (see createMqttIngest). */
function createAckControl(deps: {
  pipeline: IngestPipeline;
  journal: IngestJournal | undefined;
  options: MqttIngestOptions;
  log: Logger;
  stream: () => MqttClient["stream"] | undefined;
}): AckControl {
  const { pipeline, journal, options, log } = deps;
  const maxPending = options.maxPending ?? 5_000;

  const handle = (topic: string, payload: Buffer): Promise<void> => {
    corkAcks();
    return pipeline.submit(topic, payload).catch((error: unknown) => log.error({ err: error }, "message not stored"));
  };

  /** Commits whose PUBACK waits for them (mqtt.js hands the same packet object to the "message" event and
   * then to handleMessage, right before it sends the PUBACK). */
  const heldAcks = new WeakMap<Packet, Promise<void>>();
  const ackAfterCommit = (topic: string): boolean =>
    pipeline.metrics.storageDown ||
    pipeline.metrics.pending > maxPending ||
    journal?.writable === false ||
    parseTopic(topic, options.baseTopic)?.kind === "incident";
  /** Journals a message about to be acked before its commit; the write happens before the ack leaves. */
  const journalUntilCommitted = (topic: string, payload: Buffer, committed: Promise<void>): void => {
    if (journal === undefined) return;
    const ticket = journal.append({ topic, payload });
    if (!corked) journal.flush();
    void committed.then(() => journal.settle(ticket));
  };

  // mqtt.js writes each PUBACK to the socket on its own: one syscall per message. Corking the socket while
  // a burst of publishes is handled sends that burst's acks in one write, after the current I/O phase.
  let corked = false;
  const corkAcks = (): void => {
    const stream = deps.stream();
    if (corked || stream === undefined || typeof stream.cork !== "function") return;
    corked = true;
    stream.cork();
    setImmediate(() => {
      journal?.flush();
      corked = false;
      stream.uncork();
    });
  };

  return {
    receive(topic, payload, packet) {
      const committed = handle(topic, payload);
      if (packet.qos === 0) return;
      if (ackAfterCommit(topic)) heldAcks.set(packet, committed);
      else journalUntilCommitted(topic, payload, committed);
    },
    handleMessage(packet, callback) {
      const committed = heldAcks.get(packet);
      if (committed === undefined) return callback();
      heldAcks.delete(packet);
      void committed.then(() => callback());
    },
    customHandleAcks: (topic, payload, _packet, ack) => {
      const committed = handle(topic, payload);
      if (ackAfterCommit(topic)) void committed.then(() => ack(0));
      else {
        journalUntilCommitted(topic, payload, committed);
        ack(0);
      }
    },
  };
}

/** Routes the client's messages through the ack control and subscribes on every (re)connect. */
function listen(c: MqttClient, acks: AckControl, options: MqttIngestOptions, log: Logger): void {
  c.handleMessage = (packet, callback) => acks.handleMessage(packet, callback);
  // mqtt.js only calls customHandleAcks for MQTT 5; with 3.1.1 every message arrives here, acked on receipt.
  const customAcks = options.protocolVersion === 5;
  c.on("message", (topic, payload, packet) => {
    if (!customAcks || packet.qos === 0) acks.receive(topic, payload, packet);
  });
  const url = options.link.displayUrl;
  c.on("error", (error) => log.error({ err: error, url }, "mqtt error"));
  c.on("reconnect", () => log.info({ url }, "mqtt reconnecting"));
  c.on("connect", (connack) => {
    log.info({ url, sessionPresent: connack.sessionPresent }, "mqtt connected");
    void subscribe(c, options, log).catch((error: unknown) => log.error({ err: error }, "mqtt subscribe failed"));
  });
}

/** Stores what an earlier run acked but had not committed when it stopped (duplicates are skipped). */
async function replayJournal(pipeline: IngestPipeline, journal: IngestJournal | undefined, log: Logger): Promise<void> {
  if (journal === undefined) return;
  const left = journal.recover();
  if (left.messages.length > 0) {
    log.warn({ count: left.messages.length }, "storing messages acked but not committed before the last stop");
    await Promise.all(left.messages.map((m) => pipeline.submit(m.topic, m.payload)));
  }
  left.discard();
}

async function subscribe(c: MqttClient, options: MqttIngestOptions, log: Logger): Promise<void> {
  const topics = createTopics(options.baseTopic);
  const counterFilter =
    options.sharedGroup === undefined
      ? topics.filters.allCounters
      : `$share/${options.sharedGroup}/${topics.filters.allCounters}`;
  // Availability and info are retained; shared subscriptions do not receive retained messages, so every
  // hub subscribes to agent topics directly (storing them is idempotent).
  const granted = await c.subscribeAsync({ [topics.filters.allAgents]: { qos: 1 }, [counterFilter]: { qos: 1 } });
  const refused = granted.filter((g) => g.qos > 2);
  if (refused.length > 0) {
    log.error({ refused: refused.map((g) => g.topic) }, "mqtt subscription refused");
    return;
  }
  log.info({ filters: granted.map((g) => g.topic) }, "mqtt subscribed");
}
