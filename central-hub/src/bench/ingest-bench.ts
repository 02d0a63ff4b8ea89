import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { createSilentLogger, mqttLink } from "@hailong/common";
import { createBrokerAuth } from "../broker/broker-auth.js";
import { createEmbeddedBroker } from "../broker/embedded.js";
import { openDatabase } from "../db/open-database.js";
import { createIngestJournal } from "../ingest/journal.js";
import type { IngestMetrics } from "../ingest/metrics.js";
import { createMqttIngest } from "../ingest/mqtt-ingest.js";
import { createIngestPipeline, type IngestPipeline } from "../ingest/pipeline.js";
import { createAgentTraffic } from "./traffic.js";

export interface HubBenchOptions {
  /** Simulated agents, each its own MQTT connection with 3 counters. */
  agents: number;
  /** Messages per second per agent. */
  rate: number;
  durationS: number;
  /**
   * "mosquitto": start a private Mosquitto with deploy/mosquitto.conf; "aedes": embedded; a broker URL; or
   * "none": messages go straight into the ingest pipeline (decode + storage cost only, no MQTT).
   */
  broker: "mosquitto" | "aedes" | string;
  /** Defaults to a fresh SQLite file in a temp dir. */
  dbUrl?: string;
  batchMaxMessages?: number;
  batchMaxDelayMs?: number;
  /** Worker threads the simulated agents are spread over (default 1), off the ingest's event loop. */
  workers?: number;
  /** How long to wait for the last messages after publishing stops. */
  settleS?: number;
}

export interface HubBenchResult {
  broker: string;
  db: string;
  published: number;
  stored: number;
  lost: number;
  duplicates: number;
  deadLettered: number;
  publishSeconds: number;
  /** Stored messages per second from the first publish to the last commit. */
  storedPerSecond: number;
  latencyMs: { p50: number; p99: number; max: number };
  batches: number;
  meanBatchSize: number;
  /**
   * CPU µs per stored message of the hub's thread (MQTT client, decode, storage), the rest of this process
   * (publisher workers, GC helpers) and the private Mosquitto. Unlike msg/s these hardly depend on what else
   * the machine runs; 2 cores / their sum bounds the msg/s of this setup. Linux only (null elsewhere).
   */
  cpuUsPerMessage: { hub: number; publishers: number; broker: number | null } | null;
}

const DECK = fileURLToPath(new URL("../../../deploy/mosquitto.conf", import.meta.url));

/**
 * `hailong bench hub`: simulated agents publish visit/score/health/incident messages (QoS 1) through a real
 * broker to a real ingest and database, and the figures are measured at the commit hook.
 */
export async function runHubBench(
  options: HubBenchOptions,
  print: (line: string) => void = console.log,
): Promise<HubBenchResult> {
  const workDir = mkdtempSync(join(tmpdir(), "hailong-bench-"));
  const log = createSilentLogger();
  const cleanups: Array<() => Promise<void>> = [];
  try {
    const broker = options.broker === "none" ? { url: "" } : await startBroker(options.broker, workDir, cleanups);
    const brokerUrl = broker.url;
    const dbUrl = options.dbUrl ?? `sqlite:${join(workDir, "hub.sqlite")}`;
    const db = await openDatabase(dbUrl);
    cleanups.unshift(() => db.close());
    const pipeline = createIngestPipeline({
      sql: db.sql,
      log,
      baseTopic: "hailong",
      batchMaxMessages: options.batchMaxMessages ?? 500,
      batchMaxDelayMs: options.batchMaxDelayMs ?? 20,
      isDatabaseUp: () => db.ping(),
    });
    const latencies: number[] = [];
    let lastCommit = 0;
    const record = (m: { ts: number }) => {
      lastCommit = Date.now();
      latencies.push(lastCommit - m.ts);
    };
    pipeline.subscribe({
      onVisit: record,
      onScore: record,
      onHealth: record,
      onIncident: (e) => record(e.incident),
    });
    if (brokerUrl !== "") await startBenchIngest(pipeline, brokerUrl, workDir, cleanups);

    print(
      `bench: ${options.agents} agents x ${options.rate} msg/s for ${options.durationS} s via ${brokerUrl} into ${dbUrl}`,
    );
    const cpuBefore = cpuSnapshot(broker.pid);
    const started = Date.now();
    const published =
      brokerUrl === "" ? await submitDirectly(pipeline, options) : await publishInWorkers(brokerUrl, options);
    const publishSeconds = (Date.now() - started) / 1000;
    const deadline = Date.now() + (options.settleS ?? 30) * 1000;
    while (latencies.length < published && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    // Publishing a redelivery-free stream: every stored message was reported once to the hook.
    const cpuAfter = cpuSnapshot(broker.pid);
    const result = benchResult(options, dbUrl, pipeline.metrics, {
      published,
      publishSeconds,
      started,
      lastCommit,
      latencies,
      cpu: cpuPerMessage(cpuBefore, cpuAfter, latencies.length),
    });
    print(
      `published ${result.published} stored ${result.stored} lost ${result.lost} | ` +
        `${Math.round(result.storedPerSecond)} stored msg/s sustained | ` +
        `latency publish->commit p50 ${result.latencyMs.p50} ms p99 ${result.latencyMs.p99} ms max ${result.latencyMs.max} ms | ` +
        `${result.batches} batches, mean ${result.meanBatchSize.toFixed(0)} msgs | ` +
        formatCpu(result.cpuUsPerMessage),
    );
    return result;
  } finally {
    for (const cleanup of cleanups) await cleanup();
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** The hub's MQTT ingest, as createHub builds it, in front of the bench's pipeline. */
async function startBenchIngest(
  pipeline: IngestPipeline,
  brokerUrl: string,
  workDir: string,
  cleanups: Array<() => Promise<void>>,
): Promise<void> {
  const log = createSilentLogger();
  const ingest = createMqttIngest({
    pipeline,
    log,
    // as createHub does: messages acked before their commit are journaled first
    journal: createIngestJournal({ dir: join(workDir, "ingest-journal"), log }),
    options: {
      link: mqttLink({ url: brokerUrl }, {}),
      clientId: `hailong-bench-${process.pid}`,
      baseTopic: "hailong",
      reconnectPeriodMs: 0,
    },
  });
  await ingest.start();
  cleanups.unshift(() => ingest.stop());
  await new Promise((resolve) => setTimeout(resolve, 300));
}

/** The figures of one run; `latencies` (publish to commit, ms) is sorted in place. */
function benchResult(
  options: HubBenchOptions,
  dbUrl: string,
  m: IngestMetrics,
  run: {
    published: number;
    publishSeconds: number;
    started: number;
    lastCommit: number;
    latencies: number[];
    cpu: HubBenchResult["cpuUsPerMessage"];
  },
): HubBenchResult {
  const { latencies } = run;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  return {
    broker: options.broker,
    db: dbUrl.startsWith("sqlite:") ? "sqlite" : "postgres",
    published: run.published,
    stored: latencies.length,
    lost: run.published - latencies.length,
    duplicates: m.duplicates,
    deadLettered: Object.values(m.deadLettered).reduce((a, b) => a + b, 0),
    publishSeconds: run.publishSeconds,
    storedPerSecond: latencies.length / ((run.lastCommit - run.started) / 1000 || 1),
    latencyMs: { p50: pct(0.5), p99: pct(0.99), max: latencies[latencies.length - 1] ?? 0 },
    batches: m.batches,
    meanBatchSize: m.batches === 0 ? 0 : m.stored / m.batches,
    cpuUsPerMessage: run.cpu,
  };
}

async function startBroker(
  kind: string,
  workDir: string,
  cleanups: Array<() => Promise<void>>,
): Promise<{ url: string; pid?: number }> {
  if (kind === "aedes") {
    // As shipped, the embedded broker wants a login: every bench client logs in as the hub, through the URL.
    const hub = { username: "bench", password: randomBytes(12).toString("hex") };
    const log = createSilentLogger();
    const auth = createBrokerAuth({
      hub,
      verifyAgent: async () => false,
      assignments: async () => new Map(),
      acl: false,
      baseTopic: "hailong",
      log,
    });
    const broker = createEmbeddedBroker({ port: 0, host: "127.0.0.1", log, auth });
    await broker.start();
    cleanups.push(() => broker.stop());
    return { url: broker.url.replace("mqtt://", `mqtt://${hub.username}:${hub.password}@`) };
  }
  if (kind === "mosquitto") {
    const { startMosquitto } = await import("./mosquitto-process.js");
    const mosquitto = await startMosquitto({ confFile: DECK, workDir });
    cleanups.push(() => mosquitto.stop());
    return { url: mosquitto.url, ...(mosquitto.pid === undefined ? {} : { pid: mosquitto.pid }) };
  }
  return { url: kind };
}

/** broker "none": the same traffic, generated on this thread and handed to the pipeline at the target rate. */
async function submitDirectly(pipeline: IngestPipeline, options: HubBenchOptions): Promise<number> {
  const traffic = Array.from({ length: options.agents }, (_, a) => createAgentTraffic(`bench-agent-${a}`));
  const encoder = new TextEncoder();
  const perTick = (options.agents * options.rate * 10) / 1000;
  const end = Date.now() + options.durationS * 1000;
  let owed = 0;
  let published = 0;
  let next = Date.now();
  while (Date.now() < end) {
    owed += perTick;
    while (owed >= 1) {
      owed -= 1;
      const m = traffic[published % traffic.length]?.next(Date.now());
      if (!m) continue;
      void pipeline.submit(m.topic, encoder.encode(m.payload));
      published++;
    }
    next += 10;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())));
  }
  return published;
}

/** Spreads the agents over `workers` worker threads, starts them together and sums what they published. */
async function publishInWorkers(brokerUrl: string, options: HubBenchOptions): Promise<number> {
  const workers = Math.max(1, Math.min(options.workers ?? 1, options.agents));
  const threads: Worker[] = [];
  const done: Array<Promise<number>> = [];
  for (let w = 0; w < workers; w++) {
    const firstAgent = Math.floor((w * options.agents) / workers);
    const agents = Math.floor(((w + 1) * options.agents) / workers) - firstAgent;
    const worker = new Worker(new URL("./publisher-worker.mjs", import.meta.url), {
      workerData: { brokerUrl, firstAgent, agents, rate: options.rate, durationS: options.durationS },
    });
    threads.push(worker);
    const ready = once(worker, "message");
    done.push(
      ready.then(
        () =>
          new Promise<number>((resolve, reject) => {
            worker.once("message", (m: { published: number }) => resolve(m.published));
            worker.once("error", reject);
          }),
      ),
    );
    await ready;
  }
  for (const t of threads) t.postMessage("go");
  const counts = await Promise.all(done);
  await Promise.all(threads.map((t) => t.terminate()));
  return counts.reduce((a, b) => a + b, 0);
}

interface CpuSnapshot {
  hubMs: number;
  processMs: number;
  brokerMs: number | null;
}

function cpuSnapshot(brokerPid: number | undefined): CpuSnapshot | null {
  const hubMs = procCpuMs(`/proc/self/task/${process.pid}/stat`);
  if (hubMs === null) return null;
  const usage = process.cpuUsage();
  return {
    hubMs,
    processMs: (usage.user + usage.system) / 1000,
    brokerMs: brokerPid === undefined ? null : procCpuMs(`/proc/${brokerPid}/stat`),
  };
}

function cpuPerMessage(a: CpuSnapshot | null, b: CpuSnapshot | null, messages: number) {
  if (a === null || b === null || messages === 0) return null;
  const per = (ms: number) => (ms * 1000) / messages;
  const hub = b.hubMs - a.hubMs;
  return {
    hub: per(hub),
    publishers: per(b.processMs - a.processMs - hub),
    broker: a.brokerMs === null || b.brokerMs === null ? null : per(b.brokerMs - a.brokerMs),
  };
}

function formatCpu(cpu: HubBenchResult["cpuUsPerMessage"]): string {
  if (cpu === null) return "CPU per message n/a";
  const broker = cpu.broker === null ? "" : `, broker ${cpu.broker.toFixed(0)}`;
  return `CPU µs/msg: hub thread ${cpu.hub.toFixed(0)}, publishers ${cpu.publishers.toFixed(0)}${broker}`;
}

/** User + system CPU ms from a /proc stat file; null where /proc is missing (not Linux). */
function procCpuMs(path: string): number | null {
  let stat: string;
  try {
    stat = readFileSync(path, "utf8");
  } catch {
    return null;
  }
  // Fields after the parenthesised command name; utime and stime are the 14th and 15th fields overall.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** USER_HZ: 100 on every Linux architecture Node supports. */
const CLOCK_TICKS_PER_SECOND = 100;
