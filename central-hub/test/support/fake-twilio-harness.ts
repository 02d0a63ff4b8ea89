import { createSilentLogger } from "@hailong/common";
import { type IncidentMessage, newId } from "@hailong/protocol";
import { createAlertMonitor } from "../../src/alerts/alert-monitor.js";
import type { IncidentRoute, Recipient } from "../../src/alerts/alert-policy.js";
import { createAlertService } from "../../src/alerts/alert-service.js";
import { AlertsConfigSchema } from "../../src/alerts/config.js";
import { createSqlCounterStatusSource } from "../../src/alerts/counter-status.js";
import { createTestRequests } from "../../src/alerts/ports.js";
import { createOutboxStore } from "../../src/db/repos/sms-outbox-repo.js";
import type { SqlClient } from "../../src/db/sql-client.js";
import { createOutboxWorker } from "../../src/sms/outbox-worker.js";
import { createTwilioSender } from "../../src/sms/twilio-sender.js";
import { type FakeTwilio, startFakeTwilio } from "./fake-twilio.js";
import { openTestDatabase, type TestDatabase } from "./fake-twilio-databases.js";

/**
 * The alerting pipeline wired for tests: real migrated database, alert service + monitor, outbox worker and
 * the real twilio client talking to the fake Twilio server. The clock is injectable (`clock.t`).
 */
const log = createSilentLogger();
export const MIN = 60_000;
export const leader: Recipient = { personId: "p-leader", name: "Nguyen Thi Lan", phone: "+84900000001" };
export const head: Recipient = { personId: "p-head", name: "Tran Van Minh", phone: "+84900000002" };
export const deputy: Recipient = { personId: "p-deputy", name: "Le Van Hung", phone: "+84900000003" };
export const installer: Recipient = { personId: "p-installer", name: "Ky thuat", phone: "+84900000009" };
export const route = (counterId: string): IncidentRoute => ({
  centreId: "ben-nghe",
  centreName: "TT HCC P.Bình Tiên",
  counterLabel: counterId.replace(/^c/, ""),
  fieldName: "Hộ tịch",
  primary: [leader, head],
  escalation: [deputy],
  outage: [leader],
});

export interface Harness {
  fake: FakeTwilio;
  db: TestDatabase;
  clock: { t: number };
  open: { value: boolean };
  service: ReturnType<typeof createAlertService>;
  monitor: ReturnType<typeof createAlertMonitor>;
  /** A second monitor on the same database, as a restarted hub or another hub would run (no shared memory). */
  newMonitor(): ReturnType<typeof createAlertMonitor>;
  worker: ReturnType<typeof createOutboxWorker>;
  incident(counterId: string, over?: Partial<IncidentMessage>): IncidentMessage;
  /** Runs the outbox until nothing is due. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(
  kind: "sqlite" | "pg",
  alerts: Record<string, unknown> = {},
  realClock = false,
  routeFor: (counterId: string) => IncidentRoute | undefined = (id) => (id.startsWith("c") ? route(id) : undefined),
): Promise<Harness> {
  const db = await openTestDatabase(kind);
  const fake = await startFakeTwilio();
  const clock = { t: Date.now() };
  const now = realClock ? Date.now : () => clock.t;
  const open = { value: true };
  const config = AlertsConfigSchema.parse({ healthStaleMinutes: 60, ...alerts });
  const settings = {
    format: { mode: "unaccented" as const, maxSegments: 1, timeZone: "Asia/Ho_Chi_Minh" },
    publicBaseUrl: "http://hub.local",
    validityMs: 10 * MIN,
  };
  const directory = {
    route: async (counterId: string) => routeFor(counterId),
    isOpen: async () => open.value,
  };
  const status = createSqlCounterStatusSource(db.sql, config.healthStaleMinutes * MIN);
  const sender = createTwilioSender({
    accountSid: fake.accountSid,
    authToken: fake.authToken,
    from: "+15005550006",
    baseUrl: fake.baseUrl,
    timeoutMs: 2_000,
  });
  const worker = createOutboxWorker({ store: createOutboxStore(db.sql), sender, log, now, random: () => 0 });
  const common = { sql: db.sql, directory, status, config, settings, log, now, onEnqueued: () => worker.kick() };
  const service = createAlertService({ ...common, testRequests: createTestRequests() });
  const makeMonitor = () => createAlertMonitor({ ...common, decide: (incident) => service.handleIncident(incident) });
  const monitor = makeMonitor();
  return {
    fake,
    db,
    clock,
    open,
    service,
    monitor,
    newMonitor: makeMonitor,
    worker,
    incident: (counterId, over = {}) => ({
      v: 1,
      id: newId(clock.t),
      agentId: "agent-1",
      counterId,
      ts: clock.t,
      incidentId: newId(clock.t),
      visitId: newId(clock.t),
      onset: clock.t - 12_000,
      peak: 0.9,
      peakAt: clock.t - 2_000,
      durationMs: 12_000,
      threshold: 0.6,
      test: false,
      ...over,
    }),
    async flush() {
      while ((await worker.runOnce()) > 0) {
        /* until nothing is due */
      }
    },
    async close() {
      await worker.stop();
      monitor.stop();
      await fake.close();
      await db.close();
    },
  };
}

export async function seedCounter(sql: SqlClient, counterId: string, at: number, health: { degraded?: boolean } = {}) {
  await sql.execute(
    "INSERT INTO counters (id, centre_id, field, name, agent_id, active, updated_at) VALUES (?, 'ben-nghe', 'civil', ?, 'agent-1', 1, ?) ON CONFLICT (id) DO NOTHING",
    [counterId, counterId, at],
  );
  await sql.execute(
    "INSERT INTO agents (agent_id, state, state_at, last_seen_at) VALUES ('agent-1', 'online', ?, ?) ON CONFLICT (agent_id) DO NOTHING",
    [at, at],
  );
  await sql.execute(
    `INSERT INTO health_latest (counter_id, agent_id, ts, camera_state, fps, captured_frames, dropped_frames, inference_ms,
       degraded, outbox_pending, outbox_dropped, model_ids) VALUES (?, 'agent-1', ?, 'ok', 5, 100, 0, 40, ?, 0, 0, '[]')
     ON CONFLICT (counter_id) DO UPDATE SET ts = excluded.ts, degraded = excluded.degraded`,
    [counterId, at, health.degraded ? 1 : 0],
  );
}
