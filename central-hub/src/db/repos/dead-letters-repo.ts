import type { SqlClient } from "../sql-client.js";

export interface DeadLetter {
  id: string;
  topic: string;
  /** A DecodeErrorCode from @hailong/protocol. */
  reason: string;
  message: string;
  /** The head of the payload as text (see ingest/quarantine.ts). */
  payload: string;
  payloadBytes: number;
  /** sha256 of the whole payload, hex; absent on rows stored before it was kept. */
  payloadSha256?: string;
  receivedAt: number;
}

export async function insertDeadLetters(sql: SqlClient, letters: readonly DeadLetter[]): Promise<void> {
  for (const l of letters) {
    await sql.execute(
      `INSERT INTO dead_letters (id, topic, reason, message, payload, payload_bytes, payload_sha256, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
      [
        l.id,
        l.topic.slice(0, 512),
        l.reason,
        l.message.slice(0, 1000),
        l.payload,
        l.payloadBytes,
        l.payloadSha256,
        l.receivedAt,
      ],
    );
  }
}

interface Row {
  id: string;
  topic: string;
  reason: string;
  message: string;
  payload: string;
  payload_bytes: number;
  payload_sha256: string | null;
  received_at: number;
}

/** Newest first. */
export async function listDeadLetters(sql: SqlClient, limit = 100): Promise<DeadLetter[]> {
  const rows = await sql.query<Row>("SELECT * FROM dead_letters ORDER BY received_at DESC, id DESC LIMIT ?", [limit]);
  return rows.map((r) => ({
    id: r.id,
    topic: r.topic,
    reason: r.reason,
    message: r.message,
    payload: r.payload,
    payloadBytes: r.payload_bytes,
    ...(r.payload_sha256 ? { payloadSha256: r.payload_sha256 } : {}),
    receivedAt: r.received_at,
  }));
}

export async function pruneDeadLetters(sql: SqlClient, receivedBefore: number): Promise<number> {
  return sql.execute("DELETE FROM dead_letters WHERE received_at < ?", [receivedBefore]);
}
