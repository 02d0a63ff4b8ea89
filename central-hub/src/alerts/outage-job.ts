import { loadLiveness, saveLiveness } from "../db/repos/counter-liveness-repo.js";
import { type AlertJobContext, createAlertJob } from "./alert-job.js";
import { applyHourlyCap, type IncidentRoute, uniqueRecipients } from "./alert-policy.js";
import { queueAlertSms } from "./alert-sms-queue.js";
import { dedupeKeys } from "./dedupe-keys.js";
import type { EscalationJobDeps } from "./escalation-job.js";
import { type LivenessEvent, observeLiveness, sameLiveness, tickLiveness } from "./liveness.js";
import type { CounterStatusSource } from "./ports.js";

export interface OutageJobDeps extends EscalationJobDeps {
  status: CounterStatusSource;
}

const HOUR_MS = 3_600_000;

/**
 * Announces counter outages and recoveries. Liveness decisions are stored (counter_liveness) after their
 * alerts are recorded, and the dedupe keys use stored timestamps: a restarted hub, or a second hub on the same
 * database, neither repeats an outage alert nor misses the recovery of an outage announced before.
 */
export function createOutageJob(deps: OutageJobDeps): (at: number) => Promise<number> {
  return createAlertJob("alert-outages", deps, async (context, at) => {
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
          if (event) queued += await announce(deps, context, { event, counterId: observed.counterId, route, at });
        }
      }
      // Stored after the alerts: a crash in between repeats the decision, and the dedupe keys absorb it.
      if (!sameLiveness(previous, ticked.state)) await saveLiveness(deps.sql, observed.counterId, ticked.state, at);
    }
    return queued;
  });
}

/** Queues the outage or recovery SMS to the counter's outage recipients (hourly cap applies); returns how many. */
async function announce(
  deps: OutageJobDeps,
  { log, store }: AlertJobContext,
  { event, counterId, route, at }: { event: LivenessEvent; counterId: string; route: IncidentRoute; at: number },
): Promise<number> {
  const recipients = uniqueRecipients(route.outage);
  const sent = await store.sentSince(
    recipients.map((r) => r.personId),
    at - HOUR_MS,
  );
  const { allowed } = applyHourlyCap(recipients, sent, deps.config.hourlyCapPerRecipient);
  const content =
    event.kind === "offline"
      ? { kind: "offline" as const, place: route, since: event.since }
      : { kind: "recovered" as const, place: route, since: event.since, at: event.at };
  let queued = 0;
  for (const recipient of allowed) {
    const input = {
      content,
      counterId,
      centreId: route.centreId,
      recipient,
      step: 0,
      dedupeKey: dedupeKeys.outage(event.kind, counterId, event.since, recipient.personId),
      at,
    };
    if (await deps.sql.transaction((tx) => queueAlertSms(tx, input, deps.settings, log))) queued += 1;
  }
  log.info({ counterId, kind: event.kind, since: event.since, queued }, "counter outage alert");
  return queued;
}
