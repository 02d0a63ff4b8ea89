import type { Decoded, HealthMessage, IncidentMessage, ScoreWindowMessage, VisitEvent } from "@hailong/protocol";
import { RollupAccumulator } from "../aggregation/rollup-delta.js";
import { type AgentStateChange, applyInfo, applyStateSignal, availabilitySignal } from "../db/repos/agents-repo.js";
import type { DeadLetter } from "../db/repos/dead-letters-repo.js";
import { insertDeadLetters } from "../db/repos/dead-letters-repo.js";
import { storeHealth } from "../db/repos/health-repo.js";
import { type IncidentRecord, upsertIncident } from "../db/repos/incidents-repo.js";
import { claimMessageIds } from "../db/repos/message-ids-repo.js";
import { applyRollupDeltas } from "../db/repos/rollups-repo.js";
import { insertScoreWindow } from "../db/repos/score-windows-repo.js";
import { applyVisitEvent, getVisit, visitHasIncident } from "../db/repos/visits-repo.js";
import type { SqlClient } from "../db/sql-client.js";

/** What a committed batch produced, handed to hooks after the commit. */
export interface StoredBatch {
  stored: number;
  duplicates: number;
  incidents: Array<{ incident: IncidentRecord; created: boolean }>;
  visits: VisitEvent[];
  scores: ScoreWindowMessage[];
  health: HealthMessage[];
  agentChanges: AgentStateChange[];
}

type CounterMessage = Extract<Decoded, { kind: "visit" | "incident" | "score" | "health" }>;

/**
 * Stores decoded messages and dead letters in one transaction, idempotently: counter messages are claimed
 * by id first (a redelivered message is skipped), visits never regress to a lower `seq`, agent state never
 * goes back in time, and rollups grow once per visit end / incident.
 */
export async function storeBatch(
  sql: SqlClient,
  messages: readonly Decoded[],
  deadLetters: readonly DeadLetter[],
  receivedAt: number,
): Promise<StoredBatch> {
  return sql.transaction(async (tx) => {
    const result: StoredBatch = {
      stored: 0,
      duplicates: 0,
      incidents: [],
      visits: [],
      scores: [],
      health: [],
      agentChanges: [],
    };
    if (deadLetters.length > 0) await insertDeadLetters(tx, deadLetters);
    const counterMessages = messages.filter((m): m is CounterMessage => "id" in m.message);
    const fresh = await claimMessageIds(
      tx,
      counterMessages.map((m) => ({ id: (m.message as { id: string }).id, kind: m.kind })),
      receivedAt,
    );
    const rollups = new RollupAccumulator();
    const healthByAgent = new Map<string, number>();
    for (const m of messages) {
      if (m.kind === "availability") {
        const change = await applyStateSignal(tx, availabilitySignal(m.message));
        if (change) result.agentChanges.push(change);
        result.stored++;
        continue;
      }
      if (m.kind === "info") {
        await applyInfo(tx, m.message);
        result.stored++;
        continue;
      }
      if (m.kind === "request" || m.kind === "response") continue;
      if (!fresh.delete(m.message.id)) {
        result.duplicates++;
        continue;
      }
      result.stored++;
      switch (m.kind) {
        case "visit":
          await applyVisitEvent(tx, m.message, receivedAt);
          if (m.message.kind === "end") {
            rollups.addVisitEnd(m.message, await visitHasIncident(tx, m.message.visitId));
          }
          result.visits.push(m.message);
          break;
        case "incident": {
          const stored = await upsertIncident(tx, m.message, receivedAt);
          if (stored.created) {
            rollups.addIncident(m.message);
            await recountVisitOfIncident(tx, rollups, m.message);
          }
          result.incidents.push(stored);
          break;
        }
        case "score":
          await insertScoreWindow(tx, m.message);
          result.scores.push(m.message);
          break;
        case "health":
          await storeHealth(tx, m.message);
          healthByAgent.set(m.message.agentId, Math.max(healthByAgent.get(m.message.agentId) ?? 0, m.message.ts));
          result.health.push(m.message);
          break;
      }
    }
    for (const [agentId, ts] of healthByAgent) {
      const change = await applyStateSignal(tx, { agentId, state: "online", ts, source: "health" });
      if (change) result.agentChanges.push(change);
    }
    if (rollups.size > 0) await applyRollupDeltas(tx, rollups.drain());
    return result;
  });
}

/**
 * The first incident of a visit that has already ended (and was counted at its own level) moves the visit to
 * dissatisfied; a visit that ends later finds the incident itself (addVisitEnd).
 */
async function recountVisitOfIncident(
  tx: SqlClient,
  rollups: RollupAccumulator,
  incident: Pick<IncidentMessage, "incidentId" | "visitId" | "test">,
): Promise<void> {
  if (incident.test || (await visitHasIncident(tx, incident.visitId, incident.incidentId))) return;
  const visit = await getVisit(tx, incident.visitId);
  if (visit?.status === "ended") rollups.recountAsDissatisfied(visit);
}
