import type { Logger } from "@hailong/common";
import type { SqlClient } from "../db/sql-client.js";
import { formatIncidentSms, formatOfflineSms, formatRecoveredSms } from "../sms/message-format.js";
import { ackUrl, newAckToken } from "./ack-token.js";
import { type AlertSettings, recordAlertSms } from "./alert-notifier.js";
import { applyHourlyCap, type IncidentRoute, uniqueRecipients } from "./alert-policy.js";
import { type AlertIncident, createAlertStore, type NotifiedStep } from "./alert-store.js";
import type { AlertsConfig } from "./config.js";
import { nextEscalation } from "./escalation.js";
import { type LivenessEvent, observeLiveness, tickLiveness } from "./liveness.js";
import { loadLiveness, sameLiveness, saveLiveness } from "./liveness-store.js";
import type { AlertDirectory, CounterStatusSource } from "./ports.js";

/**
 * The periodic side of alerting: escalates unacknowledged incidents and announces counter outages.
 * Escalations are not subject to the hourly cap: they are the safety net when nobody reacted.
 * Liveness decisions are stored (counter_liveness) after their alerts are recorded, and the offline/recovered
 * dedupe keys use stored timestamps: a restarted hub, or a second hub on the same database, neither repeats
 * an outage alert nor misses the recovery of an outage announced before.
 */
export interface AlertMonitorDeps {
  sql: SqlClient;
  directory: AlertDirectory;
  status: CounterStatusSource;
  config: AlertsConfig;
  settings: AlertSettings;
  onEnqueued: () => void;
  /**
   * Decides incidents that were stored but never decided (the hub died between ingest's commit and the
   * alert transaction; the broker will not redeliver them). Pass the alert service's handleIncident.
   */
  decide?: (incident: AlertIncident) => Promise<unknown>;
  log: Logger;
  now?: () => number;
}

/** Incidents younger than this are left to the ingest hook that is deciding them right now. */
const UNDECIDED_GRACE_MS = 5_000;

export interface AlertMonitor {
  start(): void;
  stop(): void;
  /** One pass; resolves with the number of SMS queued. */
  tick(): Promise<number>;
}

export function createAlertMonitor(deps: AlertMonitorDeps): AlertMonitor {
  const log = deps.log.child({ module: "alert-monitor" });
  const now = deps.now ?? Date.now;
  const store = createAlertStore(deps.sql);
  let timer: NodeJS.Timeout | undefined;
  let running = false;

  async function escalate(at: number): Promise<number> {
    const steps = await store.openNotifiedSteps(at - deps.config.escalationMaxAgeHours * 3_600_000);
    const byIncident = new Map<string, NotifiedStep[]>();
    for (const step of steps) byIncident.set(step.incidentId, [...(byIncident.get(step.incidentId) ?? []), step]);
    let queued = 0;
    for (const [incidentId, rows] of byIncident) {
      const first = rows[0]!;
      const route = await deps.directory.route(first.counterId);
      if (route === undefined) continue;
      const lastStep = Math.max(...rows.map((r) => r.step));
      const notifiedAt = Math.max(...rows.filter((r) => r.step === lastStep).map((r) => r.createdAt));
      const next = nextEscalation(
        { step: lastStep, notifiedAt, acknowledgedAt: undefined },
        route.escalation,
        new Set(rows.map((r) => r.personId)),
        at,
        deps.config.ackWindowMinutes * 60_000,
        await deps.directory.isOpen(route.centreId, at),
      );
      if (next === undefined) continue;
      const token = newAckToken();
      const sms = formatIncidentSms(
        {
          kind: "escalation",
          place: route,
          at: first.onset,
          durationMs: first.durationMs,
          ackUrl: ackUrl(deps.settings.publicBaseUrl, token),
        },
        deps.settings.format,
      );
      const inserted = await deps.sql.transaction((tx) =>
        recordAlertSms(
          tx,
          {
            kind: "escalation",
            incidentId,
            counterId: first.counterId,
            centreId: route.centreId,
            recipient: next.recipient,
            step: next.step,
            dedupeKey: `incident:${incidentId}:step:${next.step}`,
            ackToken: token,
            sms,
            at,
          },
          deps.settings,
          log,
        ),
      );
      if (inserted) {
        queued += 1;
        log.info({ incidentId, step: next.step, personId: next.recipient.personId }, "incident escalated");
      }
    }
    return queued;
  }

  async function announce(event: LivenessEvent, counterId: string, route: IncidentRoute, at: number) {
    const recipients = uniqueRecipients(route.outage);
    const sent = await store.sentSince(
      recipients.map((r) => r.personId),
      at - 3_600_000,
    );
    const { allowed } = applyHourlyCap(recipients, sent, deps.config.hourlyCapPerRecipient);
    const sms =
      event.kind === "offline"
        ? formatOfflineSms(route, event.since, deps.settings.format)
        : formatRecoveredSms(route, event.at, event.at - event.since, deps.settings.format);
    let queued = 0;
    for (const recipient of allowed) {
      const inserted = await deps.sql.transaction((tx) =>
        recordAlertSms(
          tx,
          {
            kind: event.kind,
            incidentId: null,
            counterId,
            centreId: route.centreId,
            recipient,
            step: 0,
            dedupeKey: `${event.kind}:${counterId}:${event.since}:${recipient.personId}`,
            ackToken: null,
            sms,
            at,
          },
          deps.settings,
          log,
        ),
      );
      if (inserted) queued += 1;
    }
    log.info({ counterId, kind: event.kind, since: event.since, queued }, "counter outage alert");
    return queued;
  }

  async function checkLiveness(at: number): Promise<number> {
    let queued = 0;
    const graceMs = deps.config.offlineGraceMinutes * 60_000;
    const decided = await loadLiveness(deps.sql);
    for (const observed of await deps.status.liveness(at)) {
      const previous = decided.get(observed.counterId);
      const route = await deps.directory.route(observed.counterId);
      const seen = observeLiveness(previous, observed.online, observed.since);
      const open = route ? await deps.directory.isOpen(route.centreId, at) : false;
      const ticked = tickLiveness(seen.state, at, graceMs, open);
      if (route !== undefined) {
        for (const event of [seen.event, ticked.event]) {
          if (event) queued += await announce(event, observed.counterId, route, at);
        }
      }
      // Stored after the alerts: a crash in between repeats the decision, and the dedupe keys absorb it.
      if (!sameLiveness(previous, ticked.state)) await saveLiveness(deps.sql, observed.counterId, ticked.state, at);
    }
    return queued;
  }

  async function decideForgotten(at: number): Promise<void> {
    if (deps.decide === undefined) return;
    const forgotten = await store.undecidedIncidents(at - deps.settings.validityMs, at - UNDECIDED_GRACE_MS);
    for (const incident of forgotten) {
      log.warn({ incidentId: incident.incidentId }, "deciding an incident stored without an alert decision");
      await deps.decide(incident);
    }
  }

  async function tick(): Promise<number> {
    const at = now();
    await decideForgotten(at);
    const queued = (await escalate(at)) + (await checkLiveness(at));
    if (queued > 0) deps.onEnqueued();
    return queued;
  }

  return {
    start() {
      if (timer) return;
      timer = setInterval(() => {
        if (running) return;
        running = true;
        tick()
          .catch((error: unknown) => log.error({ err: error }, "alert monitor pass failed"))
          .finally(() => {
            running = false;
          });
      }, deps.config.tickSeconds * 1000);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
    tick,
  };
}
