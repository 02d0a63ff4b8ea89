import type { NotifiedStep } from "../db/repos/alerts-repo.js";
import { type AlertJobContext, type AlertJobDeps, createAlertJob } from "./alert-job.js";
import { type AlertSettings, queueAlertSms } from "./alert-sms-queue.js";
import type { AlertsConfig } from "./config.js";
import { dedupeKeys } from "./dedupe-keys.js";
import { nextEscalation } from "./escalation.js";
import type { AlertDirectory } from "./ports.js";

export interface EscalationJobDeps extends AlertJobDeps {
  directory: AlertDirectory;
  config: AlertsConfig;
  settings: AlertSettings;
}

/**
 * Moves each unacknowledged incident one step down its escalation chain per ack window. Not subject to the
 * hourly cap: it is the safety net when nobody reacted. Resolves with the number of SMS queued.
 */
export function createEscalationJob(deps: EscalationJobDeps): (at: number) => Promise<number> {
  return createAlertJob("alert-escalation", deps, async (context, at) => {
    const steps = await context.store.openNotifiedSteps(at - deps.config.escalationMaxAgeHours * 3_600_000);
    const byIncident = new Map<string, NotifiedStep[]>();
    for (const step of steps) byIncident.set(step.incidentId, [...(byIncident.get(step.incidentId) ?? []), step]);
    let queued = 0;
    for (const [incidentId, rows] of byIncident) {
      if (await escalateOne(deps, context.log, incidentId, rows, at)) queued += 1;
    }
    return queued;
  });
}

/** Queues the incident's next escalation SMS when its ack window has passed; true when one was queued. */
async function escalateOne(
  deps: EscalationJobDeps,
  log: AlertJobContext["log"],
  incidentId: string,
  rows: NotifiedStep[],
  at: number,
): Promise<boolean> {
  const first = rows[0]!;
  const route = await deps.directory.route(first.counterId);
  if (route === undefined) return false;
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
  if (next === undefined) return false;
  const content = {
    kind: "escalation" as const,
    incidentId,
    place: route,
    onset: first.onset,
    durationMs: first.durationMs,
  };
  const input = {
    content,
    counterId: first.counterId,
    centreId: route.centreId,
    recipient: next.recipient,
    step: next.step,
    dedupeKey: dedupeKeys.escalation(incidentId, next.step),
    at,
  };
  const inserted = await deps.sql.transaction((tx) => queueAlertSms(tx, input, deps.settings, log));
  if (inserted) log.info({ incidentId, step: next.step, personId: next.recipient.personId }, "incident escalated");
  return inserted;
}
