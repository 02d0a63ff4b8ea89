import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger, createSilentLogger } from "@hailong/common";
import {
  type CounterTuning,
  decode,
  type HealthMessage,
  type IncidentMessage,
  newId,
  type ScoreWindowMessage,
  type SnapshotResult,
  type VisitEvent,
} from "@hailong/protocol";
import { validFixtures } from "@hailong/protocol/fixtures";
import { connectAsync, type MqttClient } from "mqtt";
import sharp from "sharp";
import { type AgentConfig, AgentConfigSchema } from "../src/config/schema.js";
import { type Agent, createAgent } from "../src/mqtt/agent.js";
import type { CounterPipeline, CounterStats, OutboundEvent } from "../src/pipeline/types.js";

/**
 * A CounterPipeline test double (not a mock of MQTT or SQLite): it emits real protocol messages built
 * from the golden fixtures, each with a fresh id and a strictly increasing ts per counter, so tests can
 * check delivery, order and dedupe without a camera or models.
 */
export interface FixturePipeline extends CounterPipeline {
  /** Emits one event of the given kind; returns it. */
  emit(kind: FixtureKind): OutboundEvent;
  /** Every event emitted so far, in order. */
  readonly emitted: OutboundEvent[];
  readonly tunings: CounterTuning[];
  started: boolean;
}

export type FixtureKind = "visit-start" | "visit-update" | "visit-end" | "incident" | "score" | "health";

const templates = new Map(validFixtures().map((f) => [f.name, f.message]));

function template<T>(name: string): T {
  const message = templates.get(name);
  if (message === undefined) throw new Error(`golden fixture ${name} missing`);
  return structuredClone(message) as T;
}

export function createFixturePipeline(agentId: string, counterId: string): FixturePipeline {
  const queue: OutboundEvent[] = [];
  let wake: (() => void) | undefined;
  let done = false;
  let ts = 1_763_800_000_000;
  let visitId = newId();
  let visitSeq = 0;
  const emitted: OutboundEvent[] = [];
  const tunings: CounterTuning[] = [];

  const push = (event: OutboundEvent): OutboundEvent => {
    if (done) throw new Error("pipeline stopped");
    emitted.push(event);
    queue.push(event);
    wake?.();
    return event;
  };

  const base = () => ({ id: newId(), agentId, counterId, ts: ++ts });

  const build = (kind: FixtureKind): OutboundEvent => {
    switch (kind) {
      case "visit-start":
      case "visit-update":
      case "visit-end": {
        if (kind === "visit-start") {
          visitId = newId();
          visitSeq = 0;
        }
        const message = { ...template<VisitEvent>(kind), ...base(), visitId, seq: visitSeq++ };
        if (kind !== "visit-end") delete message.endedAt;
        return { kind: "visit", message };
      }
      case "incident":
        return {
          kind: "incident",
          message: { ...template<IncidentMessage>("incident"), ...base(), visitId, incidentId: newId() },
        };
      case "score":
        return { kind: "score", message: { ...template<ScoreWindowMessage>("score"), ...base() } };
      case "health":
        return { kind: "health", message: { ...template<HealthMessage>("health"), ...base() } };
    }
  };

  const pipeline: FixturePipeline = {
    counterId,
    emitted,
    tunings,
    started: false,
    async start() {
      pipeline.started = true;
    },
    async stop() {
      if (done) return;
      // Like the real pipeline: an open visit ends when the agent stops.
      push(build("visit-end"));
      done = true;
      wake?.();
    },
    emit: (kind) => push(build(kind)),
    async *events() {
      while (true) {
        const next = queue.shift();
        if (next !== undefined) {
          yield next;
          continue;
        }
        if (done) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
    },
    applyTuning(tuning) {
      tunings.push(tuning);
    },
    async snapshot({ showFaces }): Promise<SnapshotResult> {
      const jpeg = await sharp({
        create: { width: 64, height: 48, channels: 3, background: { r: 90, g: 140, b: 200 } },
      })
        .jpeg()
        .toBuffer();
      return {
        counterId,
        takenAt: ts,
        width: 64,
        height: 48,
        facesBlurred: !showFaces,
        jpegBase64: jpeg.toString("base64"),
        faces: [],
        brightness: 130,
        contrast: 0,
      };
    },
    stats(): CounterStats {
      return {
        counterId,
        windowMs: 30_000,
        fps: 9.5,
        detectionRate: 0.5,
        medianFaceSizePx: 90,
        inferenceMs: 12,
        droppedFrames: 0,
        cameraState: "ok",
        configVersion: 0,
      };
    },
  };
  return pipeline;
}

let runCounter = 0;

/** A run-unique base topic and agent id keep tests on a shared broker (CI's Mosquitto) apart. */
export function uniqueNames(label: string): { base: string; agentId: string } {
  runCounter += 1;
  const stamp = `${process.pid}-${Date.now()}-${runCounter}`;
  return { base: `hailong-test-${label}-${stamp}`, agentId: `agent-${label}-${stamp}`.slice(0, 64) };
}

export function tempStateDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "hailong-agent-"));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function agentConfig(options: {
  agentId: string;
  base: string;
  url: string;
  stateDir: string;
  counters: string[];
  extra?: Record<string, unknown>;
}): AgentConfig {
  return AgentConfigSchema.parse({
    agentId: options.agentId,
    mqtt: { url: options.url, baseTopic: options.base, keepaliveS: 5, reconnectMs: 300 },
    stateDir: options.stateDir,
    outbox: { flushOnStopMs: 3000 },
    counters: options.counters.map((id) => ({ id, camera: { type: "folder", dir: "unused-by-the-double" } })),
    ...options.extra,
  });
}

export const TEST_MODELS = [
  { id: "yunet-2023mar", kind: "face-detector" as const, sha256: "a".repeat(64) },
  { id: "fer-mobilefacenet-int8", kind: "expression" as const, sha256: "b".repeat(64) },
];

export function startTestAgent(config: AgentConfig, pipelines: CounterPipeline[]): Agent {
  // HAILONG_TEST_LOG=debug shows the agent's log while debugging a test.
  const level = process.env.HAILONG_TEST_LOG;
  const logger = level ? createLogger({ level, name: "test-agent" }) : createSilentLogger();
  return createAgent({ config, pipelines, models: TEST_MODELS, agentVersion: "0.1.0-test", logger });
}

export interface Received {
  topic: string;
  kind: string;
  message: Record<string, unknown>;
  retain: boolean;
}

/** A subscriber that records every decoded message under the base topic. */
export interface Recorder {
  client: MqttClient;
  received: Received[];
  /** Messages that failed to decode (must stay empty). */
  rejected: string[];
  waitFor(predicate: (received: Received[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function recordBroker(url: string, base: string, clientId: string): Promise<Recorder> {
  const client = await connectAsync(url, { reconnectPeriod: 0, connectTimeout: 5000, clientId });
  const received: Received[] = [];
  const rejected: string[] = [];
  client.on("message", (topic, payload, packet) => {
    const result = decode(topic, payload, { base });
    if (!result.ok) {
      rejected.push(`${topic}: ${result.error.message}`);
      return;
    }
    received.push({
      topic,
      kind: result.kind,
      message: result.message as Record<string, unknown>,
      retain: packet.retain,
    });
  });
  await client.subscribeAsync(`${base}/#`, { qos: 1 });
  return {
    client,
    received,
    rejected,
    async waitFor(predicate, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(received)) {
        if (Date.now() > deadline) throw new Error(`timed out waiting; received ${received.length} messages`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () => client.endAsync(),
  };
}

/** Ids of counter events received, deduplicated, in first-arrival order. */
export function uniqueCounterEvents(received: Received[]): Received[] {
  const seen = new Set<string>();
  const out: Received[] = [];
  for (const r of received) {
    const id = r.message.id;
    if (typeof id !== "string" || seen.has(id)) continue;
    seen.add(id);
    out.push(r);
  }
  return out;
}
