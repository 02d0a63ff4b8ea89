import type { SqlClient } from "../sql-client.js";
import { insertIncidentIfAbsent, type NewIncident } from "./incidents-repo.js";

/**
 * alerts repository. Kinds:
 *   incident-recorded  one per incident (person_id null): the decision, with suppressed_reason when no SMS
 *   incident | test   one per recipient of the first notification (step 0)
 *   escalation        one per escalation step (dedupe on the step, so two hubs cannot both escalate)
 *   offline | recovered  one per recipient per outage
 *   held-back         one per person who was not texted about an incident (suppressed_reason says why); no SMS
 * Every other row that names a person stands for one SMS in sms_outbox (same dedupe key).
 */
/** The incident fields alerting uses: an IncidentMessage or ingest's stored incident record both fit. */
export type AlertIncident = NewIncident;

export type AlertKind =
  | "incident-recorded"
  | "held-back"
  | "incident"
  | "test"
  | "escalation"
  | "offline"
  | "recovered";

/** Kinds that stand for an SMS (the rest are decisions without one). */
const SMS_KINDS = "('incident', 'test', 'escalation', 'offline', 'recovered')";
/** How far back held-back incidents are counted when a person has had no SMS about the counter. */
const HELD_BACK_HORIZON_MS = 24 * 3_600_000;

export interface NewAlert {
  id: string;
  kind: AlertKind;
  incidentId: string | null;
  counterId: string;
  centreId: string | null;
  personId: string | null;
  escalationStep: number;
  dedupeKey: string;
  suppressedReason: string | null;
  ackToken: string | null;
  createdAt: number;
}

export interface NotifiedStep {
  incidentId: string;
  counterId: string;
  personId: string;
  step: number;
  createdAt: number;
  onset: number;
  durationMs: number;
}

export interface TokenOwner {
  alertId: string;
  incidentId: string;
  personId: string;
  personName: string;
  createdAt: number;
}

export interface AlertStore {
  /** Stores the incident unless ingest already did (same row either way). */
  ensureIncident(m: AlertIncident, receivedAt: number): Promise<void>;
  /** False when an alert with the same dedupe key exists (a redelivered incident, a racing hub). */
  insert(alert: NewAlert): Promise<boolean>;
  /** When the last SMSed (non-test) incident on the counter was decided. */
  lastNotifiedIncidentAt(counterId: string): Promise<number | undefined>;
  /**
   * Incidents at the counter this person was held back from (held-back rows) since their last incident SMS
   * about that counter (or the last 24 h): the count their next SMS carries.
   */
  heldBackCount(personId: string, counterId: string, at: number): Promise<number>;
  /** SMS-bearing alerts per person created at or after `since`. */
  sentSince(personIds: string[], since: number): Promise<Map<string, number>>;
  /** Every notification step of still-open incidents whose onset is at or after `since`. */
  openNotifiedSteps(since: number): Promise<NotifiedStep[]>;
  resolveToken(token: string): Promise<TokenOwner | undefined>;
  /** Incidents received in [from, to] that have no alert decision (the hub died between storing and deciding). */
  undecidedIncidents(from: number, to: number): Promise<AlertIncident[]>;
}

export function createAlertStore(sql: SqlClient): AlertStore {
  return {
    async ensureIncident(m, receivedAt) {
      await insertIncidentIfAbsent(sql, m, receivedAt);
    },
    insert: (a) => insertAlert(sql, a),
    async lastNotifiedIncidentAt(counterId) {
      const [row] = await sql.query<{ at: number | string | null }>(
        "SELECT MAX(created_at) AS at FROM alerts WHERE counter_id = ? AND kind = 'incident'",
        [counterId],
      );
      return row?.at === null || row?.at === undefined ? undefined : Number(row.at);
    },
    async sentSince(personIds, since) {
      const counts = new Map<string, number>();
      if (personIds.length === 0) return counts;
      const rows = await sql.query<{ person_id: string; n: number | string }>(
        `SELECT person_id, COUNT(*) AS n FROM alerts
         WHERE person_id IN (${personIds.map(() => "?").join(", ")}) AND created_at >= ? AND kind IN ${SMS_KINDS}
         GROUP BY person_id`,
        [...personIds, since],
      );
      for (const r of rows) counts.set(r.person_id, Number(r.n));
      return counts;
    },
    heldBackCount: (personId, counterId, at) => heldBackCount(sql, personId, counterId, at),
    openNotifiedSteps: (since) => openNotifiedSteps(sql, since),
    undecidedIncidents: (from, to) => undecidedIncidents(sql, from, to),
    resolveToken: (token) => resolveToken(sql, token),
  };
}

async function insertAlert(sql: SqlClient, a: NewAlert): Promise<boolean> {
  const changed = await sql.execute(
    `INSERT INTO alerts (id, kind, incident_id, counter_id, centre_id, person_id, escalation_step, dedupe_key,
       suppressed_reason, ack_token, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING`,
    [
      a.id,
      a.kind,
      a.incidentId,
      a.counterId,
      a.centreId,
      a.personId,
      a.escalationStep,
      a.dedupeKey,
      a.suppressedReason,
      a.ackToken,
      a.createdAt,
    ],
  );
  return changed === 1;
}

async function heldBackCount(sql: SqlClient, personId: string, counterId: string, at: number): Promise<number> {
  const [row] = await sql.query<{ n: number | string }>(
    `SELECT COUNT(*) AS n FROM alerts h
     WHERE h.kind = 'held-back' AND h.person_id = ? AND h.counter_id = ? AND h.created_at >= ?
       AND h.created_at > COALESCE((SELECT MAX(s.created_at) FROM alerts s
         WHERE s.person_id = ? AND s.counter_id = ? AND s.kind IN ('incident', 'escalation')), 0)`,
    [personId, counterId, at - HELD_BACK_HORIZON_MS, personId, counterId],
  );
  return Number(row?.n ?? 0);
}

async function openNotifiedSteps(sql: SqlClient, since: number): Promise<NotifiedStep[]> {
  const rows = await sql.query<Record<string, unknown>>(
    `SELECT a.incident_id, a.counter_id, a.person_id, a.escalation_step, a.created_at, i.onset, i.duration_ms
     FROM alerts a JOIN incidents i ON i.incident_id = a.incident_id
     WHERE i.status = 'open' AND a.kind IN ('incident', 'escalation') AND a.person_id IS NOT NULL
       AND i.onset >= ?
     ORDER BY a.incident_id, a.escalation_step`,
    [since],
  );
  return rows.map((r) => ({
    incidentId: String(r.incident_id),
    counterId: String(r.counter_id),
    personId: String(r.person_id),
    step: Number(r.escalation_step),
    createdAt: Number(r.created_at),
    onset: Number(r.onset),
    durationMs: Number(r.duration_ms),
  }));
}

async function undecidedIncidents(sql: SqlClient, from: number, to: number): Promise<AlertIncident[]> {
  const rows = await sql.query<Record<string, unknown>>(
    `SELECT i.incident_id, i.visit_id, i.counter_id, i.agent_id, i.onset, i.peak, i.peak_at, i.duration_ms,
       i.threshold, i.test, i.ts
     FROM incidents i LEFT JOIN alerts a ON a.incident_id = i.incident_id AND a.kind = 'incident-recorded'
     WHERE i.received_at >= ? AND i.received_at <= ? AND a.id IS NULL
     ORDER BY i.received_at LIMIT 100`,
    [from, to],
  );
  return rows.map((r) => ({
    incidentId: String(r.incident_id),
    visitId: String(r.visit_id),
    counterId: String(r.counter_id),
    agentId: String(r.agent_id),
    onset: Number(r.onset),
    peak: Number(r.peak),
    peakAt: Number(r.peak_at),
    durationMs: Number(r.duration_ms),
    threshold: Number(r.threshold),
    test: Number(r.test) === 1 || r.test === true,
    ts: Number(r.ts),
  }));
}

async function resolveToken(sql: SqlClient, token: string): Promise<TokenOwner | undefined> {
  const [row] = await sql.query<Record<string, unknown>>(
    `SELECT a.id, a.incident_id, a.person_id, a.created_at, p.name
     FROM alerts a LEFT JOIN people p ON p.id = a.person_id
     WHERE a.ack_token = ? AND a.incident_id IS NOT NULL AND a.person_id IS NOT NULL`,
    [token],
  );
  if (row === undefined) return undefined;
  return {
    alertId: String(row.id),
    incidentId: String(row.incident_id),
    personId: String(row.person_id),
    personName: row.name === null || row.name === undefined ? String(row.person_id) : String(row.name),
    createdAt: Number(row.created_at),
  };
}

/** One SMS queued for an incident: whom it went to and where it stands in the outbox. */
export interface IncidentSms {
  incidentId: string;
  personName: string | null;
  toPhone: string;
  status: string;
  updatedAt: number;
}

/** The SMS queued for the incidents, oldest first. */
export async function smsOfIncidents(sql: SqlClient, incidentIds: readonly string[]): Promise<IncidentSms[]> {
  if (incidentIds.length === 0) return [];
  const rows = await sql.query<{
    incident_id: string;
    person_name: string | null;
    to_phone: string;
    status: string;
    updated_at: number;
  }>(
    `SELECT a.incident_id, p.name AS person_name, o.to_phone, o.status, o.updated_at
       FROM alerts a JOIN sms_outbox o ON o.alert_id = a.id LEFT JOIN people p ON p.id = a.person_id
       WHERE a.incident_id IN (${incidentIds.map(() => "?").join(", ")}) ORDER BY o.created_at`,
    [...incidentIds],
  );
  return rows.map((r) => ({
    incidentId: r.incident_id,
    personName: r.person_name,
    toPhone: r.to_phone,
    status: r.status,
    updatedAt: r.updated_at,
  }));
}

/** The people held back from an SMS about the incidents (held-back rows) and why, oldest first. */
export async function heldBackOfIncidents(
  sql: SqlClient,
  incidentIds: readonly string[],
): Promise<Array<{ incidentId: string; personName: string | null; reason: string | null }>> {
  if (incidentIds.length === 0) return [];
  const rows = await sql.query<{ incident_id: string; person_name: string | null; reason: string | null }>(
    `SELECT a.incident_id, p.name AS person_name, a.suppressed_reason AS reason
       FROM alerts a LEFT JOIN people p ON p.id = a.person_id
       WHERE a.kind = 'held-back' AND a.incident_id IN (${incidentIds.map(() => "?").join(", ")})
       ORDER BY a.created_at`,
    [...incidentIds],
  );
  return rows.map((r) => ({ incidentId: r.incident_id, personName: r.person_name, reason: r.reason }));
}
