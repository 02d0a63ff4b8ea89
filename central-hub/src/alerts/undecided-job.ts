import type { AlertIncident } from "../db/repos/alerts-repo.js";
import { type AlertJobDeps, createAlertJob } from "./alert-job.js";

export interface UndecidedJobDeps extends AlertJobDeps {
  /** The alert service's handleIncident. */
  decide: (incident: AlertIncident) => Promise<unknown>;
  /** Incidents older than this (the SMS validity) are past sending anyway. */
  validityMs: number;
}

/** Incidents younger than this are left to the ingest hook that is deciding them right now. */
const UNDECIDED_GRACE_MS = 5_000;

/**
 * Decides incidents that were stored but never decided: the hub died between ingest's commit and the alert
 * transaction, and the broker will not redeliver them.
 */
export function createUndecidedJob(deps: UndecidedJobDeps): (at: number) => Promise<void> {
  return createAlertJob("alert-undecided", deps, async ({ log, store }, at) => {
    const forgotten = await store.undecidedIncidents(at - deps.validityMs, at - UNDECIDED_GRACE_MS);
    for (const incident of forgotten) {
      log.warn({ incidentId: incident.incidentId }, "deciding an incident stored without an alert decision");
      await deps.decide(incident);
    }
  });
}
