import type { IncidentMessage, IncidentOutcome } from "@hailong/protocol";
import type { SqlClient } from "../sql-client.js";

export interface IncidentRecord {
  incidentId: string;
  visitId: string;
  counterId: string;
  agentId: string;
  onset: number;
  peak: number;
  peakAt: number;
  durationMs: number;
  threshold: number;
  test: boolean;
  status: "open" | "acknowledged";
  acknowledgedBy: string | null;
  acknowledgedAt: number | null;
  ackNote: string | null;
  ts: number;
  receivedAt: number;
  /** Stretches of dissatisfaction in this visit's incident (1 for a v1 incident). */
  episodes: number;
  lastSeenAt: number | null;
  /** When the visit ended (incident end message); null while it lasts or for a v1 incident. */
  endedAt: number | null;
  outcome: IncidentOutcome | null;
  /** Expression model the agent announced (its info message) when the incident was stored; null if unknown. */
  modelId: string | null;
}

interface IncidentRow {
  incident_id: string;
  visit_id: string;
  counter_id: string;
  agent_id: string;
  onset: number;
  peak: number;
  peak_at: number;
  duration_ms: number;
  threshold: number;
  test: number;
  status: "open" | "acknowledged";
  acknowledged_by: string | null;
  acknowledged_at: number | null;
  ack_note: string | null;
  ts: number;
  received_at: number;
  episodes: number;
  last_seen_at: number | null;
  ended_at: number | null;
  outcome: IncidentOutcome | null;
  model_id: string | null;
}

export function toIncidentRecord(row: IncidentRow): IncidentRecord {
  return {
    incidentId: row.incident_id,
    visitId: row.visit_id,
    counterId: row.counter_id,
    agentId: row.agent_id,
    onset: row.onset,
    peak: row.peak,
    peakAt: row.peak_at,
    durationMs: row.duration_ms,
    threshold: row.threshold,
    test: row.test === 1,
    status: row.status,
    acknowledgedBy: row.acknowledged_by,
    acknowledgedAt: row.acknowledged_at,
    ackNote: row.ack_note,
    ts: row.ts,
    receivedAt: row.received_at,
    episodes: row.episodes,
    lastSeenAt: row.last_seen_at,
    endedAt: row.ended_at,
    outcome: row.outcome,
    modelId: row.model_id ?? null,
  };
}

/** The message fields an incident row is created from: an IncidentMessage or alerting's incident both fit. */
export type NewIncident = Pick<
  IncidentMessage,
  | "incidentId"
  | "visitId"
  | "counterId"
  | "agentId"
  | "onset"
  | "peak"
  | "peakAt"
  | "durationMs"
  | "threshold"
  | "test"
  | "ts"
> & { episodes?: number; lastSeenAt?: number | null; endedAt?: number | null };

/** Creates the incident (status open) unless a row with its id exists; returns the created record, else undefined. */
export async function insertIncidentIfAbsent(
  sql: SqlClient,
  m: NewIncident,
  receivedAt: number,
): Promise<IncidentRecord | undefined> {
  const modelId = await expressionModelOf(sql, m.agentId);
  const [row] = await sql.query<IncidentRow>(
    `INSERT INTO incidents (incident_id, visit_id, counter_id, agent_id, onset, peak, peak_at, duration_ms, threshold,
       test, status, ts, received_at, episodes, last_seen_at, ended_at, model_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?)
     ON CONFLICT (incident_id) DO NOTHING RETURNING *`,
    [
      m.incidentId,
      m.visitId,
      m.counterId,
      m.agentId,
      m.onset,
      m.peak,
      m.peakAt,
      m.durationMs,
      m.threshold,
      m.test,
      m.ts,
      receivedAt,
      m.episodes ?? 1,
      m.lastSeenAt ?? null,
      m.endedAt ?? null,
      modelId,
    ],
  );
  return row === undefined ? undefined : toIncidentRecord(row);
}

/** The expression model in the agent's latest info message (incidents carry no model id of their own). */
async function expressionModelOf(sql: SqlClient, agentId: string): Promise<string | null> {
  const [row] = await sql.query<{ models: string | null }>("SELECT models FROM agents WHERE agent_id = ?", [agentId]);
  if (!row?.models) return null;
  const models = JSON.parse(row.models) as Array<{ id: string; kind: string }>;
  return models.find((m) => m.kind === "expression")?.id ?? null;
}

/**
 * Stores an incident message. The first message for an incident id creates it (`created: true`), whatever its
 * phase (an update may overtake its start after an outage); later messages (v2 update/end: peak, time above the
 * threshold, episodes, last seen, end) update it only when newer.
 */
export async function upsertIncident(
  sql: SqlClient,
  m: IncidentMessage,
  receivedAt: number,
): Promise<{ created: boolean; incident: IncidentRecord }> {
  const created = await insertIncidentIfAbsent(sql, m, receivedAt);
  if (created !== undefined) return { created: true, incident: created };
  await sql.execute(
    `UPDATE incidents SET peak = ?, peak_at = ?, duration_ms = ?, ts = ?, episodes = ?,
       last_seen_at = COALESCE(?, last_seen_at), ended_at = COALESCE(?, ended_at)
     WHERE incident_id = ? AND ts < ?`,
    [
      m.peak,
      m.peakAt,
      m.durationMs,
      m.ts,
      m.episodes ?? 1,
      m.lastSeenAt ?? null,
      m.endedAt ?? null,
      m.incidentId,
      m.ts,
    ],
  );
  const incident = await getIncident(sql, m.incidentId);
  if (incident === undefined) throw new Error(`incident ${m.incidentId} vanished during upsert`);
  return { created: false, incident };
}

export async function getIncident(sql: SqlClient, incidentId: string): Promise<IncidentRecord | undefined> {
  const [row] = await sql.query<IncidentRow>("SELECT * FROM incidents WHERE incident_id = ?", [incidentId]);
  return row === undefined ? undefined : toIncidentRecord(row);
}

/**
 * Marks an open incident acknowledged. Returns the incident and whether this call changed it
 * (acknowledging twice keeps the first acknowledgement).
 */
export async function acknowledgeIncidentRow(
  sql: SqlClient,
  input: { incidentId: string; by: string; at: number; note: string | null; outcome?: IncidentOutcome | null },
): Promise<{ changed: boolean; incident: IncidentRecord | undefined }> {
  const changed = await sql.execute(
    `UPDATE incidents SET status = 'acknowledged', acknowledged_by = ?, acknowledged_at = ?, ack_note = ?, outcome = ?
     WHERE incident_id = ? AND status = 'open'`,
    [input.by, input.at, input.note, input.outcome ?? null, input.incidentId],
  );
  return { changed: changed > 0, incident: await getIncident(sql, input.incidentId) };
}

export interface IncidentQuery {
  counterIds: readonly string[];
  status?: "open" | "acknowledged";
  from?: number;
  to?: number;
  includeTest: boolean;
  limit: number;
  /** Keyset cursor: incidents with an onset before this one (newest first). */
  before?: { onset: number; incidentId: string };
}

/** Newest first. */
export async function listIncidents(sql: SqlClient, q: IncidentQuery): Promise<IncidentRecord[]> {
  if (q.counterIds.length === 0) return [];
  const where = [`counter_id IN (${q.counterIds.map(() => "?").join(", ")})`];
  const params: unknown[] = [...q.counterIds];
  if (q.status !== undefined) {
    where.push("status = ?");
    params.push(q.status);
  }
  if (q.from !== undefined) {
    where.push("onset >= ?");
    params.push(q.from);
  }
  if (q.to !== undefined) {
    where.push("onset < ?");
    params.push(q.to);
  }
  if (!q.includeTest) where.push("test = 0");
  if (q.before !== undefined) {
    where.push("(onset < ? OR (onset = ? AND incident_id < ?))");
    params.push(q.before.onset, q.before.onset, q.before.incidentId);
  }
  params.push(q.limit);
  const rows = await sql.query<IncidentRow>(
    `SELECT * FROM incidents WHERE ${where.join(" AND ")} ORDER BY onset DESC, incident_id DESC LIMIT ?`,
    params,
  );
  return rows.map(toIncidentRecord);
}

/** Response times (ack − onset) of acknowledged non-test incidents with onset in [from, to) (all counters when undefined). */
export async function responseTimes(
  sql: SqlClient,
  counterIds: readonly string[] | undefined,
  from: number,
  to: number,
): Promise<Array<{ counterId: string; onset: number; responseMs: number }>> {
  if (counterIds !== undefined && counterIds.length === 0) return [];
  const only = counterIds === undefined ? "" : `counter_id IN (${counterIds.map(() => "?").join(", ")}) AND`;
  const rows = await sql.query<{ counter_id: string; onset: number; response_ms: number }>(
    `SELECT counter_id, onset, acknowledged_at - onset AS response_ms FROM incidents
     WHERE ${only} onset >= ? AND onset < ? AND test = 0 AND status = 'acknowledged'`,
    [...(counterIds ?? []), from, to],
  );
  return rows.map((r) => ({ counterId: r.counter_id, onset: r.onset, responseMs: r.response_ms }));
}

/** Acknowledged non-test incidents of a counter that carry an outcome: the labels the threshold proposal uses. */
export async function labelledIncidents(
  sql: SqlClient,
  counterId: string,
): Promise<Array<{ peak: number; threshold: number; outcome: IncidentOutcome; onset: number; ackMs: number }>> {
  const rows = await sql.query<{
    peak: number;
    threshold: number;
    outcome: IncidentOutcome;
    onset: number;
    ack_ms: number;
  }>(
    `SELECT peak, threshold, outcome, onset, acknowledged_at - onset AS ack_ms FROM incidents
     WHERE counter_id = ? AND test = 0 AND status = 'acknowledged' AND outcome IS NOT NULL ORDER BY onset`,
    [counterId],
  );
  return rows.map((r) => ({
    peak: Number(r.peak),
    threshold: Number(r.threshold),
    outcome: r.outcome,
    onset: Number(r.onset),
    ackMs: Number(r.ack_ms),
  }));
}

/** Outcome and acknowledgement time of every labelled non-test incident of these counters, with its model. */
export async function labelledIncidentsByModel(
  sql: SqlClient,
  counterIds: readonly string[],
): Promise<Array<{ counterId: string; modelId: string | null; outcome: IncidentOutcome; ackMs: number }>> {
  if (counterIds.length === 0) return [];
  const rows = await sql.query<{
    counter_id: string;
    model_id: string | null;
    outcome: IncidentOutcome;
    ack_ms: number;
  }>(
    `SELECT counter_id, model_id, outcome, acknowledged_at - onset AS ack_ms FROM incidents
     WHERE counter_id IN (${counterIds.map(() => "?").join(", ")}) AND test = 0 AND status = 'acknowledged'
       AND outcome IS NOT NULL`,
    [...counterIds],
  );
  return rows.map((r) => ({
    counterId: r.counter_id,
    modelId: r.model_id,
    outcome: r.outcome,
    ackMs: Number(r.ack_ms),
  }));
}

/** Per counter, non-test incidents with onset in [from, to) that carry an outcome, and how many were false alarms. */
export async function outcomeCounts(
  sql: SqlClient,
  counterIds: readonly string[],
  from: number,
  to: number,
): Promise<Map<string, { labelled: number; falseAlarms: number }>> {
  if (counterIds.length === 0) return new Map();
  const rows = await sql.query<{ counter_id: string; labelled: number; false_alarms: number }>(
    `SELECT counter_id, COUNT(*) AS labelled,
            SUM(CASE WHEN outcome = 'false-alarm' THEN 1 ELSE 0 END) AS false_alarms
       FROM incidents
      WHERE counter_id IN (${counterIds.map(() => "?").join(", ")}) AND test = 0 AND outcome IS NOT NULL
        AND onset >= ? AND onset < ?
      GROUP BY counter_id`,
    [...counterIds, from, to],
  );
  return new Map(
    rows.map((r) => [r.counter_id, { labelled: Number(r.labelled), falseAlarms: Number(r.false_alarms) }]),
  );
}
