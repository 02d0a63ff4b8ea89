import type { DecodeErrorCode } from "@hailong/protocol";

/** Why a message was dead-lettered: it failed to decode, to store, or came from an agent the counter is not
 * assigned to. */
export type DeadLetterReason = DecodeErrorCode | "store_failed" | "not-your-counter";

/** Plain counters the ingest updates; the HTTP layer exposes them through prom-client. */
export interface IngestMetrics {
  received: number;
  /** Valid messages committed (duplicates included: they were handled). */
  stored: number;
  duplicates: number;
  deadLettered: Record<DeadLetterReason, number>;
  /** Of those, beyond the hourly cap per reason: counted, not stored. */
  deadLettersOverCap: Record<DeadLetterReason, number>;
  batches: number;
  batchFailures: number;
  lastBatchSize: number;
  lastBatchMs: number;
  /** Messages received but not committed yet. */
  pending: number;
  /** The last batch found the database unavailable and is being retried (cleared by the next commit). */
  storageDown: boolean;
}

export function createIngestMetrics(): IngestMetrics {
  return {
    received: 0,
    stored: 0,
    duplicates: 0,
    deadLettered: noDeadLetters(),
    deadLettersOverCap: noDeadLetters(),
    batches: 0,
    batchFailures: 0,
    lastBatchSize: 0,
    lastBatchMs: 0,
    pending: 0,
    storageDown: false,
  };
}

function noDeadLetters(): Record<DeadLetterReason, number> {
  return {
    unknown_topic: 0,
    too_large: 0,
    invalid_json: 0,
    invalid_message: 0,
    topic_mismatch: 0,
    store_failed: 0,
    "not-your-counter": 0,
  };
}
