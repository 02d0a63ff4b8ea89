import type { AlertCalibration } from "@hailong/protocol";
import { proposeThreshold } from "../../alerts/threshold-proposal.js";
import { labelledIncidents } from "../../db/repos/incidents-repo.js";
import type { SqlClient } from "../../db/sql-client.js";
import { medianOf } from "./alert-quality.js";

/** Labels fewer than this give no proposal; the precision a proposal must reach. */
const MIN_LABELS = 8;
const TARGET_PRECISION = 0.8;

/** The false-alarm evidence of one counter and the threshold it supports (a proposal: nothing is applied). */
export async function alertCalibration(sql: SqlClient, counterId: string): Promise<AlertCalibration> {
  const labels = await labelledIncidents(sql, counterId);
  const current = labels.at(-1)?.threshold ?? null;
  const evidence = proposeThreshold(
    labels.map((l) => ({ peak: l.peak, falseAlarm: l.outcome === "false-alarm" })),
    { current: current ?? 0, targetPrecision: TARGET_PRECISION, minLabels: MIN_LABELS },
  );
  return {
    counterId,
    currentThreshold: current,
    incidents: evidence.incidents,
    falseAlarms: evidence.falseAlarms,
    precisionNow: evidence.precisionNow,
    proposedThreshold: evidence.proposed,
    precisionProposed: evidence.precisionProposed,
    realMissed: evidence.realMissed,
    medianAckMs: medianOf(labels.map((l) => l.ackMs)),
  };
}
