import path from "node:path";
import { connectMqtt, type Logger, type MqttLink } from "@hailong/common";
import { newId } from "@hailong/protocol";
import type { FastifyInstance } from "fastify";
import { type AlertsConfig, AlertsConfigSchema } from "../alerts/config.js";
import { type Alerting, createAlerting } from "../alerts/create-alerting.js";
import type { HubConfig } from "../config/schema.js";
import type { Database } from "../db/open-database.js";
import { listCounterAssignments } from "../db/repos/counter-assignments-repo.js";
import type { SqlClient } from "../db/sql-client.js";
import { type CounterAssignments, createCounterAssignments } from "../directory/counter-assignments.js";
import { createDirectoryService, type DirectoryService } from "../directory/directory-service.js";
import type { DirectorySeed } from "../directory/model.js";
import { loadDirectorySeed } from "../directory/seed-loader.js";
import { buildApp } from "../http/build-app.js";
import type { IssuedAgentCredential } from "../http/ports.js";
import { createIngestJournal } from "../ingest/journal.js";
import { createMqttIngest } from "../ingest/mqtt-ingest.js";
import { createIngestPipeline, type IngestPipeline } from "../ingest/pipeline.js";
import { createAgentCredentials } from "../registry/agent-credentials.js";
import { type AgentRegistry, createAgentRegistry } from "../registry/agent-registry.js";
import { createRetentionScheduler } from "../retention/retention-scheduler.js";
import { SmsConfigSchema, twilioCredentialsFromEnv } from "../sms/config.js";
import { createAgentRequester } from "./agent-requester.js";
import { createAlertDirectory } from "./alert-directory.js";
import { createHttpDeps } from "./create-http-deps.js";
import { createHubMqtt } from "./hub-mqtt.js";
import { createLiveEventBus } from "./live-event-bus.js";
import { createLivePublisher } from "./live-publisher.js";
import { createHubMetrics } from "./metrics.js";
import { openHubDatabase } from "./open-hub-database.js";
import { createSqlSessionStore } from "./stores/session-store.js";
import { createTestIncidentService } from "./test-incident-service.js";

export interface HubOptions {
  config: HubConfig;
  log: Logger;
  env?: NodeJS.ProcessEnv;
  /** Built dashboards; undefined: `/` explains how to build them. */
  dashboardsDir?: string;
  /** Loaded after the seed file (the demo passes its directory here). */
  seed?: DirectorySeed;
}

export interface Hub {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** http://host:port once started. */
  readonly httpUrl: string;
  /** The broker URL, never with credentials. */
  readonly mqttUrl: string;
  readonly db: Database;
  /** A new MQTT secret for an agent (the admin API and CLI do the same); only its hash is stored. */
  issueAgentCredential(agentId: string): Promise<IssuedAgentCredential>;
}

/** The hub's MQTT clients retry a broker that is away after 2 s, 4 s, … up to this. */
const HUB_MAX_RECONNECT_MS = 10_000;

/** Where the ingest journal lives: configured, or per MQTT client id beside the SQLite file (var/ for PostgreSQL). */
export function journalDir(config: HubConfig): string {
  if (config.mqtt.journalDir) return config.mqtt.journalDir;
  const { url } = config.db;
  const sqlitePath = url.startsWith("sqlite:") ? url.slice("sqlite:".length) : ":memory:";
  const base = sqlitePath === ":memory:" ? "var" : path.dirname(sqlitePath);
  return path.join(base, `ingest-journal-${config.mqtt.clientId}`);
}

/** The hub's composition root: builds every part from the config; start()/stop() run them in order. */
export function createHub(options: HubOptions): Hub {
  const { config, log } = options;
  const env = options.env ?? process.env;
  const alertsConfig = AlertsConfigSchema.parse(config.alerts);
  let db: Database | undefined;
  let app: FastifyInstance | undefined;
  let httpUrl = "";
  let mqttUrl = "";
  let issueAgentCredential: Hub["issueAgentCredential"] = () => Promise.reject(new Error("hub not started"));
  const stops: Array<() => Promise<void> | void> = [];
  // Aborts a start-up still waiting for its database when the hub is stopped.
  const starting = new AbortController();

  async function start(): Promise<void> {
    const stage: HubStage = { config, log, env, stops };
    const storage = await startStorage(stage, options.seed, {
      signal: starting.signal,
      onWaiting: (url) => {
        httpUrl = url;
      },
    });
    db = storage.db;
    const { sql } = storage.db;
    const { hubMqtt, credentials, assignments } = await startMqtt(stage, sql);
    issueAgentCredential = (agentId) => credentials.issue(agentId);
    mqttUrl = hubMqtt.link.displayUrl;

    const registry = createAgentRegistry({ sql, staleAfterMs: alertsConfig.healthStaleMinutes * 60_000 });
    const alerting = startAlerting(stage, sql, storage.directory, alertsConfig);
    const pipeline = createHubPipeline(stage, storage.db, assignments);
    pipeline.subscribe(alerting.ingestHooks);
    const requester = await startRequester(stage, hubMqtt.link, registry);
    const ingest = createHubIngest(stage, pipeline, hubMqtt.link);
    const httpDeps = createHttpDeps({
      db: storage.db,
      log,
      registry,
      requester,
      events: createLiveEventBus(),
      ackTokens: { resolve: (token) => alerting.service.resolveToken(token) },
      testIncidents: createTestIncidentService({ alerts: alerting.service, directory: storage.directory }),
      metrics: createHubMetrics({ ingest: pipeline.metrics, outbox: alerting.outbox, registry, processMetrics: true }),
      smsStatus: (input) => alerting.handleStatusCallback(input),
      brokerReady: () => ingest.connected,
      agentCredentials: credentials,
      ...httpSettings(config, options.dashboardsDir),
    });
    pipeline.subscribe(createLivePublisher(httpDeps, log));
    await ingest.start();
    stops.push(() => ingest.stop());

    app = await buildApp(httpDeps);
    stops.push(() => app?.close());
    const address = await app.listen({ port: storage.heldPort ?? config.http.port, host: config.http.host });
    httpUrl = address.replace("0.0.0.0", "localhost").replace("[::]", "localhost");
    log.info({ httpUrl, mqttUrl }, "hub started");
  }

  return {
    start,
    stop: () => {
      starting.abort();
      return runStops(stops, log);
    },
    get httpUrl() {
      return httpUrl;
    },
    get mqttUrl() {
      return mqttUrl;
    },
    issueAgentCredential: (agentId) => issueAgentCredential(agentId),
    get db() {
      if (!db) throw new Error("hub not started");
      return db;
    },
  };
}

/** What each start stage needs; `stops` collects the stop steps, run in reverse. */
interface HubStage {
  config: HubConfig;
  log: Logger;
  env: NodeJS.ProcessEnv;
  stops: Array<() => Promise<void> | void>;
}

/** Opens (and migrates) the database, loads the directory seeds and starts retention. */
async function startStorage(
  { config, log, stops }: HubStage,
  seed: DirectorySeed | undefined,
  waiting: Parameters<typeof openHubDatabase>[2],
): Promise<{ db: Database; directory: DirectoryService; heldPort?: number }> {
  const now = Date.now;
  const { db, heldPort } = await openHubDatabase(config, log, waiting);
  const sql = db.sql;
  stops.push(() => db.close());
  // Expired sessions are dropped when met; a restart also clears the ones nobody came back for.
  await createSqlSessionStore(sql).prune(now());
  const directory = createDirectoryService({ sql });
  if (config.directory.seedFile) await directory.loadSeedFile(config.directory.seedFile);
  if (seed) await loadDirectorySeed(sql, seed, now());
  const retention = createRetentionScheduler({ sql, retentionDays: config.db.retentionDays, log });
  retention.start();
  stops.push(() => retention.stop());
  return { db, directory, ...(heldPort === undefined ? {} : { heldPort }) };
}

function startAlerting(
  { config, log, env, stops }: HubStage,
  sql: SqlClient,
  directory: DirectoryService,
  alertsConfig: AlertsConfig,
): Alerting {
  const alerting = createAlerting({
    sql,
    directory: createAlertDirectory(directory),
    alerts: alertsConfig,
    sms: SmsConfigSchema.parse(config.sms),
    publicBaseUrl: config.http.publicBaseUrl,
    timeZone: config.timezone,
    twilio: twilioCredentialsFromEnv(env),
    log,
  });
  alerting.start();
  stops.push(() => alerting.stop());
  return alerting;
}

/** Ingest from decoded message to committed batch; counters' messages are checked against their assignment. */
function createHubPipeline({ config, log }: HubStage, db: Database, assignments: CounterAssignments): IngestPipeline {
  return createIngestPipeline({
    sql: db.sql,
    log,
    baseTopic: config.mqtt.baseTopic,
    batchMaxMessages: config.mqtt.batchMaxMessages,
    batchMaxDelayMs: config.mqtt.batchMaxDelayMs,
    isDatabaseUp: () => db.ping(),
    ownerOf: (counterId) => assignments.ownerOf(counterId),
  });
}

/** The MQTT client the API asks agents through (request/response), and its requester. */
async function startRequester({ config, log, stops }: HubStage, link: MqttLink, registry: AgentRegistry) {
  // Not waited for: a broker that is not up yet shows as not-ready on /readyz while the clients retry.
  const apiClient = connectMqtt(link, {
    clientId: `${config.mqtt.clientId}-api-${newId().slice(-6)}`,
    clean: true,
    resubscribe: false,
    maxReconnectMs: HUB_MAX_RECONNECT_MS,
  });
  apiClient.on("error", (error) => log.warn({ err: error, url: link.displayUrl }, "mqtt request client error"));
  const requester = createAgentRequester({
    client: apiClient,
    baseTopic: config.mqtt.baseTopic,
    log,
    isOnline: async (agentId) => (await registry.get(agentId))?.online,
  });
  await requester.start();
  stops.push(async () => {
    await requester.stop();
    await apiClient.endAsync();
  });
  return requester;
}

function createHubIngest({ config, log }: HubStage, pipeline: IngestPipeline, link: MqttLink) {
  return createMqttIngest({
    pipeline,
    log,
    journal: createIngestJournal({ dir: journalDir(config), log }),
    options: {
      link,
      clientId: config.mqtt.clientId,
      waitForBroker: false,
      maxReconnectPeriodMs: HUB_MAX_RECONNECT_MS,
      baseTopic: config.mqtt.baseTopic,
      ...(config.mqtt.sharedGroup ? { sharedGroup: config.mqtt.sharedGroup } : {}),
    },
  });
}

/** The HTTP settings that come straight from the config. */
function httpSettings(config: HubConfig, dashboardsDir: string | undefined) {
  return {
    timeZone: config.timezone,
    targets: { defaultRate: config.reports.targetRate, byCentre: config.reports.centreTargets },
    chromiumPath: config.reports.chromiumPath,
    publicBaseUrl: config.http.publicBaseUrl,
    trustProxy: config.http.trustProxy,
    apiDocs: config.http.apiDocs,
    ...(dashboardsDir ? { dashboardsDir } : {}),
  };
}

/** Agents' MQTT credentials and counter assignments, and the hub's MQTT link (the embedded broker, if any). */
async function startMqtt({ config, log, env, stops }: HubStage, sql: SqlClient) {
  const credentials = createAgentCredentials({ sql });
  const assignments = createCounterAssignments({ load: () => listCounterAssignments(sql) });
  const hubMqtt = createHubMqtt({ config: config.mqtt, env, log, credentials, assignments });
  await hubMqtt.start();
  stops.push(() => hubMqtt.stop());
  return { hubMqtt, credentials, assignments };
}

/** Runs the stop steps in reverse order of start; a failing step is logged and the rest still run. */
async function runStops(stops: Array<() => Promise<void> | void>, log: Logger): Promise<void> {
  while (stops.length > 0) {
    const step = stops.pop();
    try {
      await step?.();
    } catch (error) {
      log.error({ err: error }, "hub stop step failed");
    }
  }
  log.info({}, "hub stopped");
}
