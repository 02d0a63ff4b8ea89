import type { SqlClient } from "../sql-client.js";

export interface DeadLetter {
  id: string;
  topic: string;
  /** A DecodeErrorCode from @hailong/protocol. */
  reason: string;
  message: string;
  /** Payload as text, truncated to MAX_STORED_PAYLOAD characters. */
  payload: string;
  payloadBytes: number;
  receivedAt: number;
}

export const MAX_STORED_PAYLOAD = 2048;

export async function insertDeadLetters(sql: SqlClient, letters: readonly DeadLetter[]): Promise<void> {
  for (const l of letters) {
    await sql.execute(
      `INSERT INTO dead_letters (id, topic, reason, message, payload, payload_bytes, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
      [l.id, l.topic.slice(0, 512), l.reason, l.message.slice(0, 1000), l.payload, l.payloadBytes, l.receivedAt],
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
    receivedAt: r.received_at,
  }));
}

export async function pruneDeadLetters(sql: SqlClient, receivedBefore: number): Promise<number> {
  return sql.execute("DELETE FROM dead_letters WHERE received_at < ?", [receivedBefore]);
}
