import type { Logger } from "@hailong/common";
import type { IncidentMessage } from "@hailong/protocol";
import { newId } from "@hailong/protocol";
import type { FastifyInstance } from "fastify";
import { connect, type MqttClient } from "mqtt";
import { createAlertMonitor } from "../alerts/alert-monitor.js";
import { createAlertService } from "../alerts/alert-service.js";
import { AlertsConfigSchema } from "../alerts/config.js";
import { createSqlCounterStatusSource } from "../alerts/counter-status-sql.js";
import { createTestRequests } from "../alerts/ports.js";
import { createEmbeddedBroker, type EmbeddedBroker } from "../broker/embedded.js";
import type { HubConfig } from "../config/schema.js";
import { type Database, openDatabase } from "../db/open-database.js";
import type { IncidentRecord } from "../db/repos/incidents-repo.js";
import { createDirectoryService } from "../directory/directory-service.js";
import type { DirectorySeed } from "../directory/model.js";
import { loadDirectorySeed } from "../directory/seed-loader.js";
import { buildApp } from "../http/build-app.js";
import type { TestIncidentService } from "../http/ports.js";
import { createMqttIngest } from "../ingest/mqtt-ingest.js";
import { createIngestPipeline } from "../ingest/pipeline.js";
import { createAgentRegistry } from "../registry/agent-registry.js";
import { SmsConfigSchema } from "../sms/config.js";
import { createOutboxStore } from "../sms/outbox-store.js";
import { createOutboxWorker } from "../sms/outbox-worker.js";
import { createAgentRequester } from "./agent-requester.js";
import { createAlertDirectory } from "./alert-directory.js";
import { createHttpDeps } from "./create-http-deps.js";
import { createLiveEventBus } from "./live-event-bus.js";
import { createLivePublisher } from "./live-publisher.js";
import { createHubMetrics } from "./metrics.js";
import { maskPhone } from "./read/directory-reader.js";
import { createSmsSender } from "./sms-sender.js";

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

function toIncidentMessage(i: IncidentRecord): IncidentMessage {
  return {
    v: 1,
    id: newId(i.receivedAt),
    agentId: i.agentId,
    counterId: i.counterId,
    ts: i.ts,
    incidentId: i.incidentId,
    visitId: i.visitId,
    onset: i.onset,
    peak: i.peak,
    peakAt: i.peakAt,
    durationMs: i.durationMs,
    threshold: i.threshold,
    test: i.test,
  };
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
    const directory = createDirectoryService({ sql });
    if (config.directory.seedFile) await directory.loadSeedFile(config.directory.seedFile);
    if (options.seed) await loadDirectorySeed(sql, options.seed, now());

    if (!config.mqtt.url) {
      broker = createEmbeddedBroker({ port: config.mqtt.embedded.port, host: config.mqtt.embedded.host, log });
      await broker.start();
      mqttUrl = broker.url;
      stops.push(() => broker?.stop());
    }

    const outbox = createOutboxStore(sql);
    const worker = createOutboxWorker({
      store: outbox,
      sender: createSmsSender({ sms, env, log, publicBaseUrl: config.http.publicBaseUrl }),
      log,
      leaseMs: sms.leaseMs,
    });
    worker.start();
    stops.push(() => worker.stop());

    const registry = createAgentRegistry({ sql, staleAfterMs: alertsConfig.healthStaleMinutes * 60_000 });
    const status = createSqlCounterStatusSource(sql, alertsConfig.healthStaleMinutes * 60_000);
    const alertDirectory = createAlertDirectory(directory);
    const settings = {
      format: { mode: sms.encoding, maxSegments: sms.maxSegments, timeZone: config.timezone },
      publicBaseUrl: config.http.publicBaseUrl,
      validityMs: sms.validityMinutes * 60_000,
    };
    const alerts = createAlertService({
      sql,
      directory: alertDirectory,
      status,
      testRequests: createTestRequests(),
      config: alertsConfig,
      settings,
      onEnqueued: () => worker.kick(),
      log,
    });
    const monitor = createAlertMonitor({
      sql,
      directory: alertDirectory,
      status,
      config: alertsConfig,
      settings,
      onEnqueued: () => worker.kick(),
      log,
    });
    monitor.start();
    stops.push(() => monitor.stop());

    const pipeline = createIngestPipeline({
      sql,
      log,
      baseTopic: config.mqtt.baseTopic,
      batchMaxMessages: config.mqtt.batchMaxMessages,
      batchMaxDelayMs: config.mqtt.batchMaxDelayMs,
      isDatabaseUp: () => db?.ping() ?? Promise.resolve(false),
    });
    pipeline.subscribe({
      onIncident: ({ incident, created }) => {
        if (created) return alerts.handleIncident(toIncidentMessage(incident));
        return undefined;
      },
    });

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

    const testIncidents: TestIncidentService = {
      async raise({ counterId, requestedBy }) {
        const at = now();
        const message: IncidentMessage = {
          v: 1,
          id: newId(at),
          agentId: (await directory.getCounter(counterId))?.agentId ?? "hub",
          counterId,
          ts: at,
          incidentId: newId(at),
          visitId: newId(at),
          onset: at,
          peak: 1,
          peakAt: at,
          durationMs: 0,
          threshold: 0.5,
          test: true,
        };
        const requester = requestedBy.phone
          ? { personId: requestedBy.personId, name: requestedBy.displayName, phone: requestedBy.phone }
          : undefined;
        const outcome = await alerts.handleIncident(message, requester ? { testRequester: requester } : {});
        return {
          incidentId: message.incidentId,
          smsTo: maskPhone(requestedBy.phone),
          smsStatus:
            outcome.action === "notified" ? "pending" : outcome.action === "recorded" ? outcome.reason : "duplicate",
        };
      },
    };

    const events = createLiveEventBus();
    const ingest = createMqttIngest({
      pipeline,
      log,
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
      metrics: createHubMetrics({ ingest: pipeline.metrics, outbox, registry, processMetrics: true }),
      brokerReady: () => ingest.connected,
      timeZone: config.timezone,
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
