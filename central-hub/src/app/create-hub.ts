import path from "node:path";
import type { Logger } from "@hailong/common";
import { newId } from "@hailong/protocol";
import type { FastifyInstance } from "fastify";
import { connect, type MqttClient } from "mqtt";
import { AlertsConfigSchema } from "../alerts/config.js";
import { createAlerting } from "../alerts/create-alerting.js";
import { createEmbeddedBroker, type EmbeddedBroker } from "../broker/embedded.js";
import type { HubConfig } from "../config/schema.js";
import { type Database, openDatabase } from "../db/open-database.js";
import { createDirectoryService } from "../directory/directory-service.js";
import type { DirectorySeed } from "../directory/model.js";
import { loadDirectorySeed } from "../directory/seed-loader.js";
import { buildApp } from "../http/build-app.js";
import { createIngestJournal } from "../ingest/journal.js";
import { createMqttIngest } from "../ingest/mqtt-ingest.js";
import { createIngestPipeline } from "../ingest/pipeline.js";
import { createAgentRegistry } from "../registry/agent-registry.js";
import { createRetentionScheduler } from "../retention/retention-scheduler.js";
import { SmsConfigSchema, twilioCredentialsFromEnv } from "../sms/config.js";
import { createAgentRequester } from "./agent-requester.js";
import { createAlertDirectory } from "./alert-directory.js";
import { createHttpDeps } from "./create-http-deps.js";
import { createLiveEventBus } from "./live-event-bus.js";
import { createLivePublisher } from "./live-publisher.js";
import { createHubMetrics } from "./metrics.js";
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
  readonly mqttUrl: string;
  readonly db: Database;
}

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
  const sms = SmsConfigSchema.parse(config.sms);
  const alertsConfig = AlertsConfigSchema.parse(config.alerts);
  let db: Database | undefined;
  let broker: EmbeddedBroker | undefined;
  let apiClient: MqttClient | undefined;
  let app: FastifyInstance | undefined;
  let httpUrl = "";
  let mqttUrl = config.mqtt.url ?? "";
  const stops: Array<() => Promise<void> | void> = [];

  async function start(): Promise<void> {
    const now = Date.now;
    db = await openDatabase(config.db.url);
    const sql = db.sql;
    stops.push(() => db?.close());
    // Expired sessions are dropped when met; a restart also clears the ones nobody came back for.
    await createSqlSessionStore(sql).prune(now());
    const directory = createDirectoryService({ sql });
    if (config.directory.seedFile) await directory.loadSeedFile(config.directory.seedFile);
    if (options.seed) await loadDirectorySeed(sql, options.seed, now());
    const retention = createRetentionScheduler({ sql, retentionDays: config.db.retentionDays, log });
    retention.start();
    stops.push(() => retention.stop());

    if (!config.mqtt.url) {
      broker = createEmbeddedBroker({ port: config.mqtt.embedded.port, host: config.mqtt.embedded.host, log });
      await broker.start();
      mqttUrl = broker.url;
      stops.push(() => broker?.stop());
    }

    const registry = createAgentRegistry({ sql, staleAfterMs: alertsConfig.healthStaleMinutes * 60_000 });
    const alerting = createAlerting({
      sql,
      directory: createAlertDirectory(directory),
      alerts: alertsConfig,
      sms,
      publicBaseUrl: config.http.publicBaseUrl,
      timeZone: config.timezone,
      twilio: twilioCredentialsFromEnv(env),
      log,
    });
    const alerts = alerting.service;
    alerting.start();
    stops.push(() => alerting.stop());

    const pipeline = createIngestPipeline({
      sql,
      log,
      baseTopic: config.mqtt.baseTopic,
      batchMaxMessages: config.mqtt.batchMaxMessages,
      batchMaxDelayMs: config.mqtt.batchMaxDelayMs,
      isDatabaseUp: () => db?.ping() ?? Promise.resolve(false),
    });
    pipeline.subscribe(alerting.ingestHooks);

    apiClient = connect(mqttUrl, {
      clientId: `${config.mqtt.clientId}-api-${newId().slice(-6)}`,
      protocolVersion: 4,
      reconnectPeriod: 2_000,
      ...(env.HAILONG_MQTT_PASSWORD ? { username: "hub", password: env.HAILONG_MQTT_PASSWORD } : {}),
    });
    await new Promise<void>((resolve, reject) => {
      apiClient?.once("connect", () => resolve());
      apiClient?.once("error", reject);
    });
    const requester = createAgentRequester({
      client: apiClient,
      baseTopic: config.mqtt.baseTopic,
      log,
      isOnline: async (agentId) => (await registry.get(agentId))?.online,
    });
    await requester.start();
    stops.push(async () => {
      await requester.stop();
      await apiClient?.endAsync();
    });

    const testIncidents = createTestIncidentService({ alerts, directory });

    const events = createLiveEventBus();
    const ingest = createMqttIngest({
      pipeline,
      log,
      journal: createIngestJournal({ dir: journalDir(config), log }),
      options: {
        url: mqttUrl,
        clientId: config.mqtt.clientId,
        baseTopic: config.mqtt.baseTopic,
        ...(config.mqtt.sharedGroup ? { sharedGroup: config.mqtt.sharedGroup } : {}),
      },
    });
    const httpDeps = createHttpDeps({
      db,
      log,
      registry,
      requester,
      events,
      ackTokens: { resolve: (token) => alerts.resolveToken(token) },
      testIncidents,
      metrics: createHubMetrics({ ingest: pipeline.metrics, outbox: alerting.outbox, registry, processMetrics: true }),
      smsStatus: (input) => alerting.handleStatusCallback(input),
      brokerReady: () => ingest.connected,
      timeZone: config.timezone,
      publicBaseUrl: config.http.publicBaseUrl,
      ...(options.dashboardsDir ? { dashboardsDir: options.dashboardsDir } : {}),
    });
    pipeline.subscribe(createLivePublisher(httpDeps, log));
    await ingest.start();
    stops.push(() => ingest.stop());

    app = await buildApp(httpDeps);
    stops.push(() => app?.close());
    const address = await app.listen({ port: config.http.port, host: config.http.host });
    httpUrl = address.replace("0.0.0.0", "localhost").replace("[::]", "localhost");
    log.info({ httpUrl, mqttUrl }, "hub started");
  }

  async function stop(): Promise<void> {
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

  return {
    start,
    stop,
    get httpUrl() {
      return httpUrl;
    },
    get mqttUrl() {
      return mqttUrl;
    },
    get db() {
      if (!db) throw new Error("hub not started");
      return db;
    },
  };
}
