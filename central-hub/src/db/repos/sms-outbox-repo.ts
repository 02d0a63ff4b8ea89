import type { SmsEncoding } from "../../sms/text-encoding.js";
import type { SqlClient } from "../sql-client.js";

/**
 * sms_outbox repository. Status meanings:
 *   pending  - not yet attempted, or a previous attempt certainly did not reach the provider
 *   sending  - an attempt may have reached the provider; before any new attempt the provider is asked
 *              whether it already has the message (reconciliation). `lease_until` is when that may happen.
 *   sent     - accepted by the provider (provider_sid set)
 *   logged   - no credentials configured: written to the log instead of sent
 *   failed   - permanently rejected (invalid number...)
 *   expired  - not sent within its validity period; a late alert is worse than none
 */
export type OutboxStatus = "pending" | "sending" | "sent" | "logged" | "failed" | "expired";

export interface OutboxRow {
  id: string;
  alertId: string | null;
  dedupeKey: string;
  toPhone: string;
  body: string;
  encoding: SmsEncoding;
  segments: number;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: number;
  leaseUntil: number | null;
  claimedAt: number | null;
  providerSid: string | null;
  deliveryStatus: string | null;
  lastError: string | null;
  createdAt: number;
  sentAt: number | null;
  expiresAt: number;
  updatedAt: number;
}

/** What enqueueing needs: the row's fields fixed at creation (the rest start as pending, unattempted). */
export type NewOutboxMessage = Pick<
  OutboxRow,
  "id" | "alertId" | "dedupeKey" | "toPhone" | "body" | "encoding" | "segments" | "createdAt" | "expiresAt"
>;

export interface StatusEvent {
  id: string;
  outboxId: string | null;
  providerSid: string;
  status: string;
  errorCode: string | null;
  payload: string | null;
  receivedAt: number;
}

export interface OutboxStore {
  /** Inserts unless a row with the same dedupe key exists; true when inserted. */
  enqueue(message: NewOutboxMessage): Promise<boolean>;
  get(id: string): Promise<OutboxRow | undefined>;
  /** Rows whose next step is due: pending and due, or sending with a lapsed lease. */
  due(now: number, limit: number): Promise<OutboxRow[]>;
  /**
   * Atomically takes a row seen by `due` (same status, attempts and lease) into `sending` with a new lease.
   * False when another worker got there first.
   */
  claim(row: OutboxRow, now: number, leaseMs: number): Promise<boolean>;
  markSent(id: string, providerSid: string, now: number): Promise<void>;
  markLogged(id: string, now: number): Promise<void>;
  /** The attempt certainly did not reach the provider: plain retry at `nextAttemptAt`. */
  markRetry(id: string, nextAttemptAt: number, error: string, now: number): Promise<void>;
  /** The attempt may have reached the provider: reconcile (not resend blindly) at `reconcileAt`. */
  markUncertain(id: string, reconcileAt: number, error: string, now: number): Promise<void>;
  markFailed(id: string, error: string, now: number): Promise<void>;
  markExpired(id: string, now: number): Promise<void>;
  /** Stores a delivery callback; a callback for a row still `sending` proves it was accepted. */
  recordStatusEvent(event: StatusEvent): Promise<void>;
  counts(): Promise<Record<OutboxStatus, number>>;
}

const COLUMNS =
  "id, alert_id, dedupe_key, to_phone, body, encoding, segments, status, attempts, next_attempt_at, lease_until, claimed_at, provider_sid, delivery_status, last_error, created_at, sent_at, expires_at, updated_at";

export function createOutboxStore(sql: SqlClient): OutboxStore {
  const update = async (setClause: string, params: unknown[], id: string) => {
    await sql.execute(`UPDATE sms_outbox SET ${setClause} WHERE id = ?`, [...params, id]);
  };
  return {
    enqueue: (m) => enqueueSms(sql, m),
    async get(id) {
      const rows = await sql.query(`SELECT ${COLUMNS} FROM sms_outbox WHERE id = ?`, [id]);
      return rows[0] === undefined ? undefined : toRow(rows[0]);
    },
    due: (now, limit) => dueSms(sql, now, limit),
    claim: (row, now, leaseMs) => claimSms(sql, row, now, leaseMs),
    markSent: (id, sid, now) =>
      update(
        "status = 'sent', provider_sid = ?, sent_at = ?, lease_until = NULL, last_error = NULL, updated_at = ?",
        [sid, now, now],
        id,
      ),
    markLogged: (id, now) =>
      update("status = 'logged', sent_at = ?, lease_until = NULL, updated_at = ?", [now, now], id),
    markRetry: (id, at, error, now) =>
      update(
        "status = 'pending', next_attempt_at = ?, lease_until = NULL, last_error = ?, updated_at = ?",
        [at, error, now],
        id,
      ),
    markUncertain: (id, at, error, now) =>
      update("status = 'sending', lease_until = ?, last_error = ?, updated_at = ?", [at, error, now], id),
    markFailed: (id, error, now) =>
      update("status = 'failed', lease_until = NULL, last_error = ?, updated_at = ?", [error, now], id),
    markExpired: (id, now) => update("status = 'expired', lease_until = NULL, updated_at = ?", [now], id),
    recordStatusEvent: (e) => recordStatusEvent(sql, e),
    counts: () => countByStatus(sql),
  };
}

async function enqueueSms(sql: SqlClient, m: NewOutboxMessage): Promise<boolean> {
  const changed = await sql.execute(
    `INSERT INTO sms_outbox (id, alert_id, dedupe_key, to_phone, body, encoding, segments, status, attempts, next_attempt_at, created_at, expires_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING`,
    [
      m.id,
      m.alertId,
      m.dedupeKey,
      m.toPhone,
      m.body,
      m.encoding,
      m.segments,
      m.createdAt,
      m.createdAt,
      m.expiresAt,
      m.createdAt,
    ],
  );
  return changed === 1;
}

async function dueSms(sql: SqlClient, now: number, limit: number): Promise<OutboxRow[]> {
  const rows = await sql.query(
    `SELECT ${COLUMNS} FROM sms_outbox
     WHERE (status = 'pending' AND next_attempt_at <= ?) OR (status = 'sending' AND lease_until <= ?)
     ORDER BY next_attempt_at, created_at LIMIT ?`,
    [now, now, limit],
  );
  return rows.map(toRow);
}

async function claimSms(sql: SqlClient, row: OutboxRow, now: number, leaseMs: number): Promise<boolean> {
  const changed = await sql.execute(
    `UPDATE sms_outbox SET status = 'sending', attempts = attempts + 1, lease_until = ?, claimed_at = ?, updated_at = ?
     WHERE id = ? AND status = ? AND attempts = ? AND (lease_until IS NULL OR lease_until = ?)`,
    [now + leaseMs, now, now, row.id, row.status, row.attempts, row.leaseUntil ?? null],
  );
  return changed === 1;
}

async function recordStatusEvent(sql: SqlClient, e: StatusEvent): Promise<void> {
  await sql.transaction(async (tx) => {
    await tx.execute(
      `INSERT INTO sms_status_events (id, outbox_id, provider_sid, status, error_code, payload, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
      [e.id, e.outboxId, e.providerSid, e.status, e.errorCode, e.payload, e.receivedAt],
    );
    if (e.outboxId !== null) {
      // The provider has the message: a row stuck in `sending` is sent, whatever the sender recorded.
      await tx.execute(
        `UPDATE sms_outbox SET status = 'sent', provider_sid = ?, sent_at = COALESCE(sent_at, ?), lease_until = NULL, updated_at = ?
         WHERE id = ? AND status IN ('sending', 'pending')`,
        [e.providerSid, e.receivedAt, e.receivedAt, e.outboxId],
      );
    }
    await tx.execute("UPDATE sms_outbox SET delivery_status = ?, updated_at = ? WHERE provider_sid = ?", [
      e.status,
      e.receivedAt,
      e.providerSid,
    ]);
  });
}

async function countByStatus(sql: SqlClient): Promise<Record<OutboxStatus, number>> {
  const rows = await sql.query<{ status: OutboxStatus; n: number | string }>(
    "SELECT status, COUNT(*) AS n FROM sms_outbox GROUP BY status",
  );
  const out: Record<OutboxStatus, number> = { pending: 0, sending: 0, sent: 0, logged: 0, failed: 0, expired: 0 };
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}

const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** pg returns BIGINT as strings; both dialects become numbers here. */
function toRow(r: Record<string, unknown>): OutboxRow {
  return {
    id: String(r.id),
    alertId: strOrNull(r.alert_id),
    dedupeKey: String(r.dedupe_key),
    toPhone: String(r.to_phone),
    body: String(r.body),
    encoding: r.encoding as SmsEncoding,
    segments: num(r.segments),
    status: r.status as OutboxStatus,
    attempts: num(r.attempts),
    nextAttemptAt: num(r.next_attempt_at),
    leaseUntil: numOrNull(r.lease_until),
    claimedAt: numOrNull(r.claimed_at),
    providerSid: strOrNull(r.provider_sid),
    deliveryStatus: strOrNull(r.delivery_status),
    lastError: strOrNull(r.last_error),
    createdAt: num(r.created_at),
    sentAt: numOrNull(r.sent_at),
    expiresAt: num(r.expires_at),
    updatedAt: num(r.updated_at),
  };
}
