import type { AlertIncident } from "../db/repos/alerts-repo.js";
import { createDigestJob } from "./digest-job.js";
import { createEscalationJob } from "./escalation-job.js";
import { createOutageJob, type OutageJobDeps } from "./outage-job.js";
import { createUndecidedJob } from "./undecided-job.js";

/** The periodic side of alerting: runs the undecided-incident, escalation, outage and daily digest jobs every tick. */
export interface AlertMonitorDeps extends OutageJobDeps {
  onEnqueued: () => void;
  /** Decides incidents stored but never decided; pass the alert service's handleIncident. */
  decide?: (incident: AlertIncident) => Promise<unknown>;
  now?: () => number;
}

export interface AlertMonitor {
  start(): void;
  stop(): void;
  /** One pass; resolves with the number of SMS queued. */
  tick(): Promise<number>;
}

export function createAlertMonitor(deps: AlertMonitorDeps): AlertMonitor {
  const log = deps.log.child({ module: "alert-monitor" });
  const now = deps.now ?? Date.now;
  const escalate = createEscalationJob(deps);
  const checkOutages = createOutageJob(deps);
  const sendDigests = createDigestJob(deps);
  const decide = deps.decide;
  const decideUndecided = decide
    ? createUndecidedJob({ sql: deps.sql, decide, validityMs: deps.settings.validityMs, log: deps.log })
    : undefined;
  let timer: NodeJS.Timeout | undefined;
  let running = false;

  async function tick(): Promise<number> {
    const at = now();
    await decideUndecided?.(at);
    const queued = (await escalate(at)) + (await checkOutages(at)) + (await sendDigests(at));
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
