import type { Logger } from "@hailong/common";
import { createOutboxStore, type OutboxStore } from "../db/repos/sms-outbox-repo.js";
import type { SqlClient } from "../db/sql-client.js";
import type { IngestHooks } from "../ingest/hooks.js";
import type { SmsConfig, TwilioCredentials } from "../sms/config.js";
import { createLogSender } from "../sms/log-sender.js";
import { createOutboxWorker, type OutboxWorker } from "../sms/outbox-worker.js";
import type { SmsSender } from "../sms/sender.js";
import {
  handleTwilioStatusCallback,
  isValidTwilioSignature,
  type StatusCallbackResult,
} from "../sms/status-callback.js";
import { createTwilioSender } from "../sms/twilio-sender.js";
import { type AlertMonitor, createAlertMonitor } from "./alert-monitor.js";
import { type AlertService, createAlertService } from "./alert-service.js";
import type { AlertSettings } from "./alert-sms-queue.js";
import type { AlertsConfig } from "./config.js";
import { createSqlCounterStatusSource } from "./counter-status.js";
import { createIncidentRouter } from "./incident-router.js";
import { type AlertDirectory, createTestRequests, type TestRequests } from "./ports.js";

/**
 * Builds the whole alerting side for main.ts: alert service (its ingest hooks route incidents), monitor
 * (escalations, outages), SMS outbox + worker with the Twilio or log sender, and the delivery-callback
 * handler for `POST /sms/status`. No I/O until start().
 */
export interface AlertingDeps {
  sql: SqlClient;
  directory: AlertDirectory;
  alerts: AlertsConfig;
  sms: SmsConfig;
  /** http.publicBaseUrl: acknowledgement links and the Twilio status callback live under it. */
  publicBaseUrl: string;
  timeZone: string;
  /** From twilioCredentialsFromEnv(process.env); undefined: SMS are logged, not sent. */
  twilio: TwilioCredentials | undefined;
  log: Logger;
  now?: () => number;
}

export interface Alerting {
  service: AlertService;
  monitor: AlertMonitor;
  outbox: OutboxStore;
  worker: OutboxWorker;
  sender: SmsSender;
  testRequests: TestRequests;
  /** Subscribe these to the ingest pipeline: stored incidents are decided and SMSed from there. */
  ingestHooks: IngestHooks;
  /** For the HTTP layer: `POST /sms/status`. `url` is the full public URL Twilio called (for the signature). */
  handleStatusCallback(input: {
    form: Record<string, unknown>;
    outboxId?: string;
    signature?: string;
    url: string;
  }): Promise<StatusCallbackResult | { ok: false; reason: "bad-signature" }>;
  start(): void;
  stop(): Promise<void>;
}

export function createAlerting(deps: AlertingDeps): Alerting {
  const now = deps.now ?? Date.now;
  const base = deps.publicBaseUrl.replace(/\/+$/, "");
  const sender = deps.twilio
    ? createTwilioSender({
        accountSid: deps.twilio.accountSid,
        authToken: deps.twilio.authToken,
        from: deps.sms.from,
        messagingServiceSid: deps.sms.messagingServiceSid,
        baseUrl: deps.sms.twilio.baseUrl,
        timeoutMs: deps.sms.requestTimeoutMs,
        statusCallbackUrl: deps.sms.statusCallback ? `${base}/sms/status` : undefined,
      })
    : createLogSender(deps.log);
  const outbox = createOutboxStore(deps.sql);
  const worker = createOutboxWorker({ store: outbox, sender, log: deps.log, now, leaseMs: deps.sms.leaseMs });
  const settings: AlertSettings = {
    format: { mode: deps.sms.encoding, maxSegments: deps.sms.maxSegments, timeZone: deps.timeZone },
    publicBaseUrl: base,
    validityMs: deps.sms.validityMinutes * 60_000,
  };
  const status = createSqlCounterStatusSource(deps.sql, deps.alerts.healthStaleMinutes * 60_000);
  const testRequests = createTestRequests();
  const common = {
    sql: deps.sql,
    directory: deps.directory,
    status,
    config: deps.alerts,
    settings,
    log: deps.log,
    now,
    onEnqueued: () => worker.kick(),
  };
  const service = createAlertService({ ...common, testRequests });
  const monitor = createAlertMonitor({ ...common, decide: (incident) => service.handleIncident(incident) });
  return {
    service,
    monitor,
    outbox,
    worker,
    sender,
    testRequests,
    ingestHooks: createIncidentRouter(service),
    async handleStatusCallback(input) {
      if (deps.twilio && !isValidTwilioSignature(deps.twilio.authToken, input.signature, input.url, input.form)) {
        return { ok: false, reason: "bad-signature" };
      }
      return handleTwilioStatusCallback(outbox, { form: input.form, outboxId: input.outboxId, now: now() });
    },
    start() {
      worker.start();
      monitor.start();
    },
    async stop() {
      monitor.stop();
      await worker.stop();
    },
  };
}
